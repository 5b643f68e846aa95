"""Kibana saved objects and `kibana-setup`.

Kibana itself cannot run on the development machines, so the saved objects are
checked structurally (every reference resolves, every field exists in the article
mapping with a type that suits its use), and `setup` is run against a small local
stand-in for Kibana's HTTP API that records what it receives.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import re
import socket
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from ingest import kibana
from ingest.settings import Settings
from ingest.kibana import KibanaError
from tests import ROOT

KIBANA_DIR = ROOT / "mappings" / "kibana"
MAPPING = json.loads((ROOT / "mappings" / "articles.json").read_text(encoding="utf-8"))


def _load_build():
    spec = importlib.util.spec_from_file_location("kibana_build", KIBANA_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


build = _load_build()


# --- helpers -----------------------------------------------------------------

def mapping_fields(properties: dict[str, Any] = MAPPING["template"]["mappings"]["properties"], prefix: str = "") -> dict[str, str]:
    """Every field path of the mapping (subfields and nested included) -> its type."""
    out: dict[str, str] = {}
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        out[path] = spec.get("type", "object")
        for sub, sub_spec in (spec.get("fields") or {}).items():
            out[f"{path}.{sub}"] = sub_spec["type"]
        if "properties" in spec:
            out.update(mapping_fields(spec["properties"], f"{path}."))
    return out


FIELDS = mapping_fields()
AGGREGATABLE = {"keyword", "boolean", "date", "integer", "long", "float", "double"}


def kql_fields(query: str) -> list[str]:
    """Field names a KQL query uses, with nested groups (``quotes:{ text:x }``) expanded."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    token = re.compile(r'"(?:\\.|[^"\\])*"|([A-Za-z_][\w.]*)\s*:\s*(\{)?|\}')
    while True:
        m = token.search(query, i)
        if not m:
            return out
        i = m.end()
        text = m.group(0)
        if text.startswith('"'):
            continue
        if text == "}":
            stack.pop()
            continue
        path = ".".join(stack + [m.group(1)])
        if m.group(2):
            stack.append(path)
        else:
            out.append(path)


def ndjson_objects() -> list[dict[str, Any]]:
    objects = []
    for path in sorted(KIBANA_DIR.glob("*.ndjson")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                objects.append(json.loads(line))
    return objects


OBJECTS = ndjson_objects()
BY_KEY = {(o["type"], o["id"]): o for o in OBJECTS}


def of_type(kind: str) -> list[dict[str, Any]]:
    return [o for o in OBJECTS if o["type"] == kind]


def ref_ids(obj: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {r["name"]: (r["type"], r["id"]) for r in obj["references"]}


# --- the saved objects ----------------------------------------------------------

def test_kql_fields_helper() -> None:
    assert kql_fields('persons:"Kim" and quotes:{ speaker:"A: b" and text:x } or topics:y') == [
        "persons", "quotes.speaker", "quotes.text", "topics"]


def test_committed_ndjson_is_what_build_writes(tmp_path: Path) -> None:
    written = build.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in KIBANA_DIR.glob("*.ndjson"))
    for path in written:
        assert path.read_text(encoding="utf-8") == (KIBANA_DIR / path.name).read_text(encoding="utf-8"), (
            f"{path.name} is stale: run `python mappings/kibana/build.py`")


def test_every_object_has_unique_stable_id_and_known_type() -> None:
    keys = [(o["type"], o["id"]) for o in OBJECTS]
    assert len(keys) == len(set(keys))
    assert {o["type"] for o in OBJECTS} == {"index-pattern", "search", "lens", "dashboard"}
    for o in OBJECTS:
        assert o["id"].startswith("kr-"), o["id"]
        assert o["attributes"].get("title"), o["id"]
        assert o["typeMigrationVersion"] == build.TYPE_MIGRATION[o["type"]]


def test_every_reference_resolves() -> None:
    for o in OBJECTS:
        for ref in o["references"]:
            assert (ref["type"], ref["id"]) in BY_KEY, f"{o['id']} -> missing {ref['type']}/{ref['id']}"


def test_data_view_is_on_read_alias_timed_on_date() -> None:
    (dv,) = of_type("index-pattern")
    assert dv["id"] == build.DATA_VIEW_ID
    assert dv["attributes"]["title"] == "articles"
    # `date` is always present (published, else first seen); `published_at` would hide the seeds.
    assert dv["attributes"]["timeFieldName"] == "date"
    assert FIELDS["date"] == "date" and FIELDS["date_source"] == "keyword"
    labels = json.loads(dv["attributes"]["fieldAttrs"])
    for field in ("title", "source", "persons", "organizations", "locations", "topics", "quote_speakers", "date"):
        assert labels[field]["customLabel"], field
    used = list(labels) + list(json.loads(dv["attributes"]["fieldFormatMap"]))
    used += [f["value"] for f in json.loads(dv["attributes"]["sourceFilters"])]
    for field in used:
        assert field in FIELDS, field


def test_searches_point_to_data_view_and_use_existing_fields() -> None:
    searches = of_type("search")
    for s in searches:
        source = json.loads(s["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        assert ref_ids(s)[source["indexRefName"]] == ("index-pattern", build.DATA_VIEW_ID)
        assert source["query"]["language"] == "kuery"
        used = s["attributes"]["columns"] + [f for f, _ in s["attributes"]["sort"]] + kql_fields(source["query"]["query"])
        for field in used:
            assert field in FIELDS, f"{s['id']}: unknown field {field}"
        assert s["attributes"]["sort"] == [["date", "desc"]]
    by_id = {s["id"]: s for s in searches}
    assert by_id["kr-search-all"]["attributes"]["columns"] == ["title", "source", "persons", "topics"]
    assert by_id["kr-search-quotes"]["attributes"]["columns"][:2] == ["quote_speakers", "title"]


def test_one_saved_search_per_topic() -> None:
    labels = build.topic_labels()
    queries = {}
    for s in of_type("search"):
        q = json.loads(s["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
        if s["id"].startswith("kr-search-topic-"):
            queries[s["id"]] = q
    assert sorted(queries.values()) == sorted(f'topics:"{label}"' for label in labels)


def test_topic_labels_reader_accepts_the_yaml_shapes(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    assert build.topic_labels(missing) == build.DEFAULT_TOPICS
    f = tmp_path / "topics.yaml"
    f.write_text("topics:\n  - label: Nuclear & missiles\n    terms: [ICBM]\n  - name: Humanitarian\n", encoding="utf-8")
    assert build.topic_labels(f) == ["Nuclear & missiles", "Humanitarian"]
    f.write_text("Nuclear & missiles:\n  terms: [ICBM]\nWar in Ukraine:\n  label: War in Ukraine\n", encoding="utf-8")
    assert build.topic_labels(f) == ["Nuclear & missiles", "War in Ukraine"]


def test_lens_layers_reference_data_view_and_fields_suit_their_operation() -> None:
    for lens in of_type("lens"):
        state = lens["attributes"]["state"]
        layers = state["datasourceStates"]["formBased"]["layers"]
        refs = ref_ids(lens)
        for layer_id, layer in layers.items():
            assert refs[f"indexpattern-datasource-layer-{layer_id}"] == ("index-pattern", build.DATA_VIEW_ID)
            assert sorted(layer["columnOrder"]) == sorted(layer["columns"])
            for col in layer["columns"].values():
                field = col["sourceField"]
                if col["operationType"] == "count":
                    assert field == "___records___"
                    continue
                assert field in FIELDS, f"{lens['id']}: unknown field {field}"
                if col["operationType"] == "terms":
                    assert FIELDS[field] in AGGREGATABLE, f"{lens['id']}: terms on {FIELDS[field]} field {field}"
                    assert col["params"]["orderBy"]["columnId"] in layer["columns"]
                if col["operationType"] == "date_histogram":
                    assert FIELDS[field] == "date"
        vis = state["visualization"]
        accessors = set()
        for layer in vis.get("layers", [vis]):
            assert layer["layerId"] in layers
            accessors |= set(layer.get("accessors", [])) | {layer.get("xAccessor"), layer.get("splitAccessor")}
            accessors |= {c["columnId"] for c in layer.get("columns", [])}
        accessors.discard(None)
        all_cols = {c for layer in layers.values() for c in layer["columns"]}
        assert accessors and accessors <= all_cols, lens["id"]


def test_over_time_is_a_date_histogram_on_date_split_by_source() -> None:
    layer = BY_KEY[("lens", "kr-lens-over-time")]["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]
    columns = next(iter(layer.values()))["columns"].values()
    cols = {c["operationType"]: c["sourceField"] for c in columns}
    assert cols["date_histogram"] == "date" and cols["terms"] == "source"
    # the stacks add up to every article: sources outside the top 10 stay, as "Other"
    assert [c["params"]["otherBucket"] for c in columns if c["operationType"] == "terms"] == [True]
    tops = {BY_KEY[("lens", i)]["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]["layer1"]["columns"]["term"]["sourceField"]
            for i in ("kr-lens-persons", "kr-lens-organizations", "kr-lens-locations", "kr-lens-topics")}
    assert tops == {"persons", "organizations", "locations", "topics"}


def test_dashboard_panels_and_controls_resolve() -> None:
    (dash,) = of_type("dashboard")
    attrs = dash["attributes"]
    refs = ref_ids(dash)
    panels = json.loads(attrs["panelsJSON"])
    assert len({p["panelIndex"] for p in panels}) == len(panels)
    shown = set()
    for p in panels:
        ref = refs[f"{p['panelIndex']}:{p['panelRefName']}"]
        assert ref[0] == p["type"] and ref in BY_KEY
        shown.add(ref[1])
        g = p["gridData"]
        assert g["i"] == p["panelIndex"] and g["x"] + g["w"] <= 48
    assert {"kr-lens-over-time", "kr-lens-persons", "kr-lens-organizations", "kr-lens-locations",
            "kr-lens-topics", "kr-search-all", "kr-search-quotes"} <= shown
    group = attrs["controlGroupInput"]
    controls = json.loads(group["panelsJSON"])
    fields = []
    for cid, control in controls.items():
        assert control["type"] == "optionsListControl"
        explicit = control["explicitInput"]
        assert explicit["id"] == cid
        assert ("index-pattern", explicit["dataViewId"]) in BY_KEY
        assert refs[f"controlGroup_{cid}:optionsListDataView"] == ("index-pattern", explicit["dataViewId"])
        assert FIELDS.get(explicit["fieldName"]) in AGGREGATABLE, explicit["fieldName"]
        fields.append(explicit["fieldName"])
    assert sorted(fields) == sorted(["persons", "organizations", "locations", "topics", "source", "language"])
    assert sorted(c["order"] for c in controls.values()) == list(range(len(controls)))
    json.loads(group["ignoreParentSettingsJSON"])
    source = json.loads(attrs["kibanaSavedObjectMeta"]["searchSourceJSON"])
    for field in kql_fields(source["query"]["query"]):
        assert field in FIELDS


def test_load_objects_reports_bad_lines(tmp_path: Path) -> None:
    (tmp_path / "a.ndjson").write_text('{"type":"index-pattern","id":"x","attributes":{}}\n{oops\n', encoding="utf-8")
    with pytest.raises(KibanaError, match=r"a\.ndjson line 2"):
        kibana.load_objects(tmp_path)
    with pytest.raises(KibanaError, match="no saved objects"):
        kibana.load_objects(tmp_path / "empty")


# --- setup against a stand-in for Kibana ---------------------------------------

class FakeKibana:
    """Plays Kibana's status, import and default-data-view endpoints on 127.0.0.1."""

    def __init__(self, username: str = "elastic", password: str = "s3cret", unavailable: int = 1) -> None:
        self.expected_auth = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.unavailable = unavailable  # status answers before "available"
        self.ready_level = "available"
        self.reject: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.imports: list[bytes] = []
        self.defaults: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def reply(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def handle_any(self) -> None:
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.requests.append({"method": self.command, "path": url.path, "query": parse_qs(url.query),
                                      "headers": dict(self.headers), "body": body})
                if self.headers.get("Authorization") != fake.expected_auth:
                    return self.reply(401, {"statusCode": 401, "error": "Unauthorized", "message": "Unauthorized"})
                if self.command == "GET" and url.path == "/api/status":
                    if fake.unavailable > 0:
                        fake.unavailable -= 1
                        return self.reply(503, {"status": {"overall": {"level": "unavailable"}}})
                    return self.reply(200, {"status": {"overall": {"level": fake.ready_level, "summary": "ok"}}})
                if self.headers.get("kbn-xsrf") != "true":
                    return self.reply(400, {"message": 'Request must contain a kbn-xsrf header.'})
                if self.command == "POST" and url.path == "/api/saved_objects/_import":
                    return self.do_import(url, body)
                if self.command == "POST" and url.path == "/api/data_views/default":
                    payload = json.loads(body)
                    fake.defaults.append(payload)
                    return self.reply(200, {"acknowledged": True})
                return self.reply(404, {"message": "not found"})

            def do_import(self, url: Any, body: bytes) -> None:
                if parse_qs(url.query).get("overwrite") != ["true"]:
                    return self.reply(400, {"message": "expected overwrite=true"})
                ctype = self.headers.get("Content-Type", "")
                if not ctype.startswith("multipart/form-data"):
                    return self.reply(415, {"message": "expected multipart/form-data"})
                msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
                parts = {p.get_param("name", header="content-disposition"): p for p in msg.iter_parts()}
                if "file" not in parts or not parts["file"].get_filename("").endswith(".ndjson"):
                    return self.reply(400, {"message": "expected a file field with an .ndjson file"})
                content = parts["file"].get_payload(decode=True)
                fake.imports.append(content)
                objects = [json.loads(line) for line in content.decode().splitlines() if line.strip()]
                if fake.reject:
                    return self.reply(200, {"success": False, "successCount": len(objects) - len(fake.reject),
                                            "errors": fake.reject})
                return self.reply(200, {"success": True, "successCount": len(objects), "successResults": [
                    {"type": o["type"], "id": o["id"], "overwrite": True} for o in objects]})

            do_GET = handle_any
            do_POST = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeKibana":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_kibana() -> Iterator[FakeKibana]:
    with FakeKibana() as fake:
        yield fake


def run_setup(fake: FakeKibana, **kw: Any) -> dict[str, Any]:
    kw.setdefault("username", "elastic")
    kw.setdefault("password", "s3cret")
    kw.setdefault("timeout", 5)
    kw.setdefault("wait", 10)
    kw.setdefault("poll", 0.05)
    return kibana.setup(Settings(), url=fake.url, objects_dir=KIBANA_DIR, **kw)


def test_setup_waits_imports_and_sets_default(fake_kibana: FakeKibana) -> None:
    fake_kibana.unavailable = 2
    summary = run_setup(fake_kibana)
    statuses = [r for r in fake_kibana.requests if r["path"] == "/api/status"]
    assert len(statuses) == 3  # unavailable twice, then available
    (imp,) = [r for r in fake_kibana.requests if r["path"] == "/api/saved_objects/_import"]
    assert imp["method"] == "POST" and imp["query"]["overwrite"] == ["true"]
    assert imp["headers"]["kbn-xsrf"] == "true"
    sent = [json.loads(line) for line in fake_kibana.imports[0].decode().splitlines()]
    assert [(o["type"], o["id"]) for o in sent] == [(o["type"], o["id"]) for o in OBJECTS]
    assert sent[0]["type"] == "index-pattern" and sent[-1]["type"] == "dashboard"  # referenced objects first
    assert fake_kibana.defaults == [{"data_view_id": "kr-articles-dataview", "force": True}]
    assert summary["imported"] == summary["objects"] == len(OBJECTS)
    assert summary["ids"] == [o["id"] for o in OBJECTS]
    assert summary["dashboard_url"] == f"{fake_kibana.url}/app/dashboards#/view/kr-dashboard"
    assert f"imported {len(OBJECTS)}/{len(OBJECTS)} saved objects" in kibana.format_summary(summary)


def test_setup_is_idempotent(fake_kibana: FakeKibana) -> None:
    first = run_setup(fake_kibana)
    second = run_setup(fake_kibana)
    assert first == second
    assert len(fake_kibana.imports) == 2 and fake_kibana.imports[0] == fake_kibana.imports[1]
    assert fake_kibana.defaults[0] == fake_kibana.defaults[1]


def test_setup_takes_credentials_from_settings(fake_kibana: FakeKibana, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INGEST_KIBANA_URL", fake_kibana.url)
    monkeypatch.setenv("INGEST_KIBANA_USERNAME", "elastic")
    monkeypatch.setenv("INGEST_KIBANA_PASSWORD", "s3cret")
    summary = kibana.setup(Settings.from_env(), objects_dir=KIBANA_DIR, wait=10, poll=0.05)
    assert summary["imported"] == len(OBJECTS)
    assert all(r["headers"]["Authorization"] == fake_kibana.expected_auth for r in fake_kibana.requests)


def test_wrong_password_is_a_clear_error_without_waiting(fake_kibana: FakeKibana) -> None:
    started = time.monotonic()
    with pytest.raises(KibanaError, match="refused the credentials.*401") as info:
        kibana.setup(Settings(), url=fake_kibana.url, username="elastic", password="wrong", objects_dir=KIBANA_DIR,
                     wait=30, poll=0.05)
    assert time.monotonic() - started < 5
    assert "\n" not in str(info.value) and "wrong" not in str(info.value)
    assert not fake_kibana.imports


def test_rejected_import_names_the_objects(fake_kibana: FakeKibana) -> None:
    fake_kibana.reject = [{
        "type": "dashboard", "id": "kr-dashboard", "title": "Korea–Russia news",
        "error": {"type": "missing_references", "references": [{"type": "lens", "id": "kr-lens-persons"}]},
    }, {"type": "lens", "id": "kr-lens-topics", "error": {"type": "unknown", "message": "bad state"}}]
    with pytest.raises(KibanaError) as info:
        run_setup(fake_kibana)
    message = str(info.value)
    assert "dashboard/kr-dashboard: missing_references" in message
    assert "lens/kr-lens-topics: unknown (bad state)" in message
    assert "\n" not in message
    assert not fake_kibana.defaults


def test_unreachable_kibana_fails_within_the_wait() -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(KibanaError, match=rf"127\.0\.0\.1:{port} was not available within 1s \(ConnectError"):
        kibana.setup(Settings(), url=f"http://127.0.0.1:{port}", username="", password="", objects_dir=KIBANA_DIR,
                     timeout=1, wait=1, poll=0.1)
    assert time.monotonic() - started < 5


def test_kibana_never_available_fails_within_the_wait(fake_kibana: FakeKibana) -> None:
    fake_kibana.unavailable = 10_000
    started = time.monotonic()
    with pytest.raises(KibanaError, match=r"not available within 0\.5s \(HTTP 503"):
        run_setup(fake_kibana, wait=0.5)
    assert time.monotonic() - started < 5
    assert not fake_kibana.imports


def test_bad_url_fails_at_once() -> None:
    with pytest.raises(KibanaError, match="must start with http"):
        kibana.setup(Settings(), url="kibana:5601", objects_dir=KIBANA_DIR, wait=30)


def test_overall_level_reads_old_and_new_status_shapes() -> None:
    assert kibana.overall_level({"status": {"overall": {"level": "available"}}}) == "available"
    assert kibana.overall_level({"status": {"overall": {"level": "degraded"}}}) == "degraded"
    assert kibana.overall_level({"status": {"overall": {"state": "green"}}}) == "available"
    assert kibana.overall_level({"name": "kibana"}) == "unknown"
    assert kibana.overall_level([]) == "unknown"


def test_a_degraded_kibana_still_gets_the_objects(fake_kibana: FakeKibana) -> None:
    """`degraded` means a plugin is unwell; the saved-objects API still serves."""
    fake_kibana.ready_level = "degraded"
    summary = run_setup(fake_kibana)
    assert summary["imported"] == len(OBJECTS)
