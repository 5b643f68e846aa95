"""Saved searches that alert on new articles, one item per story.

* :mod:`ingest.alerts.watches`: the saved searches (``ingest watch``) in their own index, checked when added.
* :mod:`ingest.alerts.match`: after an indexing, each saved search over that run's new or changed articles
  only (``indexed_at``), the matches grouped by story with :func:`ingest.coverage.coverage_many`.
* :mod:`ingest.alerts.deliver`: the payload, its signature, the webhook and e-mail channels, and the
  delivery records (``ingest-alerts``, one per saved search and story) that keep a delivered story from
  being sent twice.
* :mod:`ingest.alerts.run`: one alerts pass (what the DAG's ``alerts`` task, ``ingest run`` and ``ingest add`` call
  through :func:`ingest.stages.alerts`).
"""
