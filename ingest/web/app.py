"""The workspace's routes: search, entity, quotes, article, status; JSON and CSV behind every list.

Every view's state is in its URL (permalinks, back button, shareable links).
Pages are rendered on the server by Jinja2 with autoescape; htmx (``hx-boost``)
only swaps pages in place and loads the status strip. The
Content-Security-Policy allows scripts from this server's ``/static`` only, so
no inline script or event handler can run, whatever an article holds.
"""

from __future__ import annotations

import base64
import csv
import hmac
import io
import json
import logging
from datetime import datetime, timezone
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlencode

from elastic_transport import TransportError as ConnectionFailure
from elasticsearch import ApiError, AuthenticationException, AuthorizationException, NotFoundError
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ingest import search_pages as search  # builds on ingest.search (Filters, validate)
from ingest.enrich.kb import KBEntity, get_kb
from ingest.errors import BadQuery, IngestError, StorageError
from ingest.models import FACET_FIELDS
from ingest.settings import WebSettings
from ingest.web import render
from ingest.web.backend import Backend

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
LANGUAGE_NAMES = {"en": "English", "ko": "Korean", "ru": "Russian"}
FACET_TITLES = {"person": "People", "organization": "Organisations", "location": "Places", "topic": "Topics",
                "source": "Outlets", "language": "Languages"}
ENTITY_FACETS = {v: k for k, v in FACET_FIELDS.items()}  # persons -> person


# ---------------------------------------------------------------- middleware

class Guard:
    """Security headers on every answer; with a password, every request must carry it (Basic or Bearer)."""

    def __init__(self, app: ASGIApp, password: str = "") -> None:
        self.app = app
        self.password = password.encode()

    def _allowed(self, scope: Scope) -> bool:
        if not self.password:
            return True
        header = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, value = header.partition(b" ")
        if scheme.lower() == b"bearer":
            return hmac.compare_digest(value.strip(), self.password)
        if scheme.lower() == b"basic":
            try:
                _, _, given = base64.b64decode(value.strip(), validate=True).partition(b":")
            except ValueError:
                return False
            return hmac.compare_digest(given, self.password)
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers
            await send(message)

        if not self._allowed(scope):
            response = Response("This workspace asks for its password.\n", status_code=401, media_type="text/plain",
                                headers={"www-authenticate": 'Basic realm="workspace", charset="UTF-8"'})
            return await response(scope, receive, with_headers)
        await self.app(scope, receive, with_headers)


# ---------------------------------------------------------------- helpers

def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["highlight"] = render.highlight
    env.filters["href"] = render.safe_href
    env.globals.update(entity_url=render.entity_url, language_name=lambda c: LANGUAGE_NAMES.get(c or "", c or "unknown"),
                       facet_titles=FACET_TITLES)
    return env


def _date(value: str | None, field: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadQuery(f"{field}: not a date: {value[:40]!r} (use YYYY-MM-DD)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _int(value: str | None, field: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise BadQuery(f"{field}: not a number: {value[:20]!r}") from None


def _filters(qp: QueryParams) -> search.Filters:
    return search.Filters(**{k: [v for v in qp.getlist(k) if v][:20] for k in search.FACETS},
                          since=_date(qp.get("since"), "from"), until=_date(qp.get("until"), "until", ),
                          speaker=[v for v in qp.getlist("speaker") if v][:20])


class State:
    """A page's query string, and the links that change one thing in it."""

    def __init__(self, path: str, qp: QueryParams, keep: tuple[str, ...]) -> None:
        self.path = path
        self.items = [(k, v) for k, v in qp.multi_items() if k in keep and v]

    def url(self, items: list[tuple[str, str]] | None = None, path: str | None = None) -> str:
        items = self.items if items is None else items
        return (path or self.path) + ("?" + urlencode(items) if items else "")

    def has(self, key: str, value: str) -> bool:
        return (key, value) in self.items

    def toggle(self, key: str, value: str) -> str:
        """The URL with ``key=value`` added, or removed when present (back to page 1)."""
        base = [(k, v) for k, v in self.items if k != "page"]
        return self.url([i for i in base if i != (key, value)] if (key, value) in base else base + [(key, value)])

    def set(self, key: str, value: str | int | None) -> str:
        base = [(k, v) for k, v in self.items if k != key and (key == "page" or k != "page")]
        return self.url(base + ([(key, str(value))] if value not in (None, "") else []))

    def as_path(self, path: str) -> str:
        return self.url(path=path)


@lru_cache(maxsize=1)
def _kb_by_name() -> dict[str, KBEntity]:
    return {e.name: e for e in get_kb().entities}


def _aliases_for(entities: list[dict[str, Any]]) -> dict[str, str]:
    """alias → canonical name for an article's entities that have pages (people, organisations, places)."""
    kb = _kb_by_name()
    out: dict[str, str] = {}
    for ent in entities:
        name = ent.get("name") or ""
        if ent.get("type") not in FACET_FIELDS or not name:
            continue
        known = kb.get(name)
        for alias in (name, *(known.aliases if known else ())):
            out.setdefault(alias, name)
    return out


def _names_by_script(ent: KBEntity | None, name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"Latin": [], "Hangul": [], "Cyrillic": []}
    for alias in dict.fromkeys([name, *(ent.aliases if ent else ())]):
        out[render.script_of(alias)].append(alias)
    return out


def mentions_spec(mentions: list[tuple[str, str, int]], title: str) -> dict[str, Any]:
    """A Vega-Lite bar chart of articles per month, stacked by language."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": title,
        "width": "container", "height": 180,
        "data": {"values": [{"month": m, "language": LANGUAGE_NAMES.get(lang, lang), "articles": c}
                            for m, lang, c in mentions]},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "month"},
            "y": {"field": "articles", "type": "quantitative", "title": "articles"},
            "color": {"field": "language", "type": "nominal", "title": "language",
                      "scale": {"domain": ["English", "Korean", "Russian"], "range": ["#1f5fa8", "#b0412e", "#2f7d4a"]}},
        },
    }


def _csv_cell(value: Any) -> str:
    text = "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas in a spreadsheet


# ---------------------------------------------------------------- the application

def create_app(backend: Backend, web: WebSettings | None = None) -> Starlette:
    web = web or WebSettings()
    env = _env()

    def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(request=request, airflow_url=render.safe_href(web.airflow_url), **context)
        return HTMLResponse(html, status_code=status_code)

    def wants_json(request: Request) -> bool:
        return request.query_params.get("format") == "json"

    async def home(request: Request) -> Response:
        return RedirectResponse("/search", status_code=302)

    async def search_view(request: Request) -> Response:
        qp = request.query_params
        text = qp.get("q", "")
        filters = _filters(qp)
        sort = qp.get("sort") or "relevance"
        number = _int(qp.get("page"), "page", 1)
        result = backend.page(text, filters, sort=sort, page=number)
        if wants_json(request):
            return JSONResponse(result.to_dict())
        state = State("/search", qp, ("q", "sort", "page", "since", "until", "speaker", *search.FACETS))
        pages = -(-min(result.total, search.MAX_PAGE * 20) // 20)
        chart = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "width": "container", "height": 90,
                 "description": "matching articles per month",
                 "data": {"values": [{"month": m, "articles": c} for m, c in result.histogram]},
                 "mark": {"type": "bar", "tooltip": True, "color": "#1f5fa8"},
                 "encoding": {"x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": None},
                              "y": {"field": "articles", "type": "quantitative", "title": None}}}
        return page(request, "search.html", q=text, result=result, state=state, sort=sort, page_number=number,
                    pages=pages, filters=filters, chart=chart if result.histogram else None,
                    since=qp.get("since", ""), until=qp.get("until", ""))

    async def export_view(request: Request) -> Response:
        qp = request.query_params
        kind = request.path_params["kind"]
        if kind not in ("csv", "json"):
            raise HTTPException(404, "Exports are .csv or .json.")
        text = qp.get("q", "")
        filters = _filters(qp)
        search.validate(text, filters)
        rows = backend.export(text, filters, web.export_limit)
        first = next(rows, None)  # Elasticsearch's errors come now, as a page, not halfway through a download
        rows = chain([first], rows) if first is not None else iter(())
        fields = search.EXPORT_SOURCE
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")

        def as_csv() -> Iterator[str]:
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(fields)
            for row in rows:
                writer.writerow([_csv_cell(row.get(f)) for f in fields])
                yield out.getvalue()
                out.seek(0)
                out.truncate()
            yield out.getvalue()

        def as_json() -> Iterator[str]:
            yield "["
            for n, row in enumerate(rows):
                yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
            yield "\n]\n"

        media = "text/csv; charset=utf-8" if kind == "csv" else "application/json"
        return StreamingResponse(as_csv() if kind == "csv" else as_json(), media_type=media, headers={
            "content-disposition": f'attachment; filename="articles-{stamp}.{kind}"'})

    async def entity_view(request: Request) -> Response:
        name = request.path_params["name"]
        known = _kb_by_name().get(name)
        facet = FACET_FIELDS.get(known.type) if known else None
        facet = facet or backend.entity_facet(name)
        if facet is None:
            raise HTTPException(404, f"No person, organisation or place called “{name}” is known here.")
        stats = backend.entity(name, facet)
        etype = ENTITY_FACETS[facet]
        quotes = backend.quotes(search.QuoteFilters(speaker=name), size=10) if etype == "person" else None
        if wants_json(request):
            return JSONResponse({"name": name, "type": etype, "wikidata": known.wikidata if known else None,
                                 "names": _names_by_script(known, name), **stats.to_dict(),
                                 "quotes": quotes.to_dict() if quotes else None})
        return page(request, "entity.html", name=name, etype=etype, known=known, names=_names_by_script(known, name),
                    stats=stats, quotes=quotes, chart=mentions_spec(stats.mentions, f"articles naming {name} per month"),
                    wikidata=f"https://www.wikidata.org/wiki/{known.wikidata}" if known and known.wikidata else None)

    async def quotes_view(request: Request) -> Response:
        qp = request.query_params
        f = search.QuoteFilters(speaker=qp.get("speaker", ""), entity=qp.get("entity", ""), topic=qp.get("topic", ""),
                                language=qp.get("language", ""), words=qp.get("q", ""),
                                since=_date(qp.get("since"), "from"), until=_date(qp.get("until"), "until"))
        number = _int(qp.get("page"), "page", 1)
        result = backend.quotes(f, page=number)
        if wants_json(request):
            return JSONResponse(result.to_dict())
        state = State("/quotes", qp, ("speaker", "entity", "topic", "language", "q", "since", "until", "page"))
        return page(request, "quotes.html", f=f, result=result, state=state, page_number=number,
                    pages=-(-min(result.total, search.MAX_PAGE * 20) // 20))

    async def article_view(request: Request) -> Response:
        doc = backend.article(request.path_params["id"])
        if doc is None:
            raise HTTPException(404, "No article with this id is in the archive.")
        cov = backend.coverage(doc)
        if wants_json(request):
            return JSONResponse({"article": {k: v for k, v in doc.items() if k not in ("text",)}, "coverage": cov.to_dict()})
        aliases = _aliases_for(doc.get("entities") or [])
        body = [render.mark_entities(p, aliases) for p in render.paragraphs(doc.get("body") or "")]
        title = render.mark_entities(doc.get("title") or "(untitled)", {})
        linked = sorted({a for a in aliases.values()})
        return page(request, "article.html", doc=doc, body=body, title=title, coverage=cov, linked=linked,
                    entities=[e for e in doc.get("entities") or [] if e.get("type") in FACET_FIELDS])

    async def raw_view(request: Request) -> Response:
        doc = backend.article(request.path_params["id"])
        if doc is None:
            raise HTTPException(404, "No article with this id is in the archive.")
        key = doc.get("archive_key")
        if not key:
            raise HTTPException(404, "This article has no archived raw page (seeds and added text have none).")
        try:
            data = backend.raw(key)
        except StorageError as exc:
            raise HTTPException(404, f"The archived raw page cannot be read: {exc}") from None
        return Response(data, media_type="text/plain", headers={
            "content-disposition": f'attachment; filename="{key[:16]}.txt"', "cache-control": "no-store"})

    async def status_view(request: Request) -> Response:
        try:
            status, error = backend.status(), None
        except (ConnectionFailure, ApiError) as exc:
            status, error = None, f"Elasticsearch is not answering ({type(exc).__name__})"
        if wants_json(request) or request.url.path.endswith(".json"):
            return JSONResponse({"status": status.to_dict() if status else None, "error": error},
                                status_code=200 if status else 503)
        return page(request, "status.html", status=status, error=error)

    # -- errors: each a page that says what happened --------------------------------------
    async def bad_query(request: Request, exc: Exception) -> Response:
        if wants_json(request):
            return JSONResponse({"error": "bad_query", "message": str(exc)}, status_code=400)
        return page(request, "error.html", status_code=400, title="This search cannot be run", message=str(exc),
                    q=request.query_params.get("q", "")[: search.MAX_QUERY_CHARS])

    async def not_found(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", None) or "Nothing is at this address."
        if getattr(exc, "status_code", 404) != 404:
            return page(request, "error.html", status_code=exc.status_code, title="Request refused", message=str(detail))
        return page(request, "error.html", status_code=404, title="Not found", message=str(detail), q="")

    async def es_down(request: Request, exc: Exception) -> Response:
        log.warning("Elasticsearch: %s", exc)
        if isinstance(exc, (AuthenticationException, AuthorizationException)):
            message = "Elasticsearch refused the workspace's credentials (INGEST_WEB_ES_USERNAME / INGEST_WEB_ES_PASSWORD)."
        elif isinstance(exc, NotFoundError):
            message = "There is no article index yet: run `make run` (or `ingest setup` and a pipeline run) first."
        elif isinstance(exc, ApiError) and exc.status_code == 400:
            return await bad_query(request, BadQuery("Elasticsearch could not run this search: "
                                                     + _es_reason(exc)))
        else:
            message = "Elasticsearch is not answering. This page works again as soon as it is back; reload it."
        if wants_json(request):
            return JSONResponse({"error": "unavailable", "message": message}, status_code=503)
        return page(request, "error.html", status_code=503, title="The archive is unavailable", message=message)

    async def ingest_error(request: Request, exc: Exception) -> Response:
        return page(request, "error.html", status_code=500, title="Something went wrong", message=str(exc))

    routes = [
        Route("/", home),
        Route("/search", search_view),
        Route("/export.{kind:str}", export_view),
        Route("/entity/{name:str}", entity_view),
        Route("/quotes", quotes_view),
        Route("/article/{id:str}", article_view),
        Route("/article/{id:str}/raw", raw_view),
        Route("/status", status_view),
        Route("/status.json", status_view),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, password=web.password)],
        exception_handlers={
            BadQuery: bad_query,
            HTTPException: not_found,
            ConnectionFailure: es_down,
            ApiError: es_down,
            IngestError: ingest_error,
        },
    )
    app.state.backend = backend
    return app


def _es_reason(exc: ApiError) -> str:
    from ingest.store.es.client import error_reason

    body = exc.body if isinstance(exc.body, dict) else {}
    return error_reason(body.get("error") or exc.message)
