"""The analyst's workspace in the browser (``ingest serve``): server-rendered pages over the archive.

:mod:`ingest.web.backend` is the one place that talks to Elasticsearch (every
search through :mod:`ingest.search`, coverage through :mod:`ingest.coverage`);
:mod:`ingest.web.app` the routes; :mod:`ingest.web.render` the escaping of
fetched text. The workspace is read-only.
"""
