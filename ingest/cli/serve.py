"""The serve command: the analyst's workspace in the browser."""

from __future__ import annotations

import argparse

from ingest.cli.output import Output
from ingest.settings import Settings


def serve(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.settings import WebSettings

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    web = WebSettings.from_env(**overrides) if overrides else cfg.web
    web.check_exposure()
    import uvicorn

    from ingest.store.es.elastic import Elastic
    from ingest.web.app import create_app
    from ingest.web.backend import Backend

    # Elasticsearch may be down now: the pages say so (503) and work again once it is back.
    es = Elastic.reader(cfg.es, web)
    app = create_app(Backend(es, cfg.store), web)
    host = f"[{web.host}]" if ":" in web.host else web.host
    out.line(f"workspace on http://{host}:{web.port}/ (Elasticsearch {web.es_url or cfg.es_url}, "
             f"indices {es.articles_alias}; Ctrl-C stops it)")
    uvicorn.run(app, host=web.host, port=web.port, log_level="warning", access_log=False, server_header=False)


def register(add) -> None:
    p = add("serve", serve, "the analyst's workspace in the browser (read-only; 127.0.0.1 unless INGEST_WEB_PASSWORD is set)")
    p.add_argument("--host", help="address to listen on (default INGEST_WEB_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default INGEST_WEB_PORT or 8008)")
