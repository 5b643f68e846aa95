"""The serve command: the analyst's workspace in the browser."""

from __future__ import annotations

import argparse

from ingest.cli.output import Output
from ingest.settings import Settings


def serve(args: argparse.Namespace, cfg: Settings, out: Output) -> None:
    from ingest.settings import WebSettings

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    web = WebSettings.from_env(**overrides)
    web.check_exposure()
    import uvicorn

    from ingest.store.es import client as es_client
    from ingest.web.app import create_app
    from ingest.web.backend import Backend

    es_cfg = web.es_settings(cfg)
    # Elasticsearch may be down now: the pages say so (503) and work again once it is back.
    app = create_app(Backend(es_client.from_settings(es_cfg), es_cfg), web)
    host = f"[{web.host}]" if ":" in web.host else web.host
    out.line(f"workspace on http://{host}:{web.port}/ (Elasticsearch {es_cfg.es_url}, "
             f"indices {es_cfg.articles_alias}; Ctrl-C stops it)")
    uvicorn.run(app, host=web.host, port=web.port, log_level="warning", access_log=False, server_header=False)


def register(add) -> None:
    p = add("serve", serve, "the analyst's workspace in the browser (read-only; 127.0.0.1 unless INGEST_WEB_PASSWORD is set)")
    p.add_argument("--host", help="address to listen on (default INGEST_WEB_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default INGEST_WEB_PORT or 8008)")
