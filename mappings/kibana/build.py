"""Writes the Kibana saved objects (NDJSON) of this folder from plain Python data.

Run ``python mappings/kibana/build.py`` after changing anything below; the NDJSON
files it writes are committed and are what ``ingest kibana-setup`` imports. A test
checks that the committed files equal what this script produces, so they cannot
drift apart.

Format: Kibana 9.x saved objects (data view = ``index-pattern``, Discover session =
``search``, ``lens``, ``dashboard`` with ``panelsJSON`` and ``controlGroupInput``).
Ids are stable so a re-import overwrites instead of duplicating.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TOPICS_FILE = ROOT / "ingest" / "kb" / "topics.yaml"


def _dumps(value: Any) -> str:
    """Compact, key-sorted JSON, so regenerating gives byte-identical files."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

# Used until ingest/kb/topics.yaml exists; after that the YAML is the one list.
DEFAULT_TOPICS = [
    "Sanctions & export controls",
    "Military cooperation & arms transfers",
    "Diplomacy & dialogue",
    "Nuclear & missiles",
    "War in Ukraine",
    "Trade, economy & energy",
    "Humanitarian",
    "History & culture",
    "Security & espionage",
]

ALIAS = "articles"  # the read alias; concrete indices are articles-v1, articles-v2, ...
TIME_FIELD = "date"  # published_at when known, else first seen: every document has it
DATA_VIEW_ID = "kr-articles-dataview"
DASHBOARD_ID = "kr-dashboard"
SEARCH_ALL_ID = "kr-search-all"
SEARCH_QUOTES_ID = "kr-search-quotes"

# Versions of the saved-object formats written here (Kibana migrates them up on import).
CORE_MIGRATION = "8.8.0"
TYPE_MIGRATION = {"index-pattern": "8.0.0", "search": "10.5.0", "lens": "8.9.0", "dashboard": "10.3.0"}

# Friendly names shown in Discover and Lens instead of raw field names.
FIELD_LABELS = {
    "title": "Title",
    "body": "Text",
    "summary": "Summary",
    "source": "Source",
    "site_name": "Site",
    "url": "URL",
    "published_at": "Published",
    "first_seen_at": "First seen",
    "date": "Date (published, else first seen)",
    "date_source": "Date is",
    "language": "Language",
    "authors": "Authors",
    "persons": "People",
    "organizations": "Organisations",
    "locations": "Places",
    "topics": "Topics",
    "quote_speakers": "Quoted speakers",
    "quotes.speaker": "Quote speaker",
    "quotes.text": "Quote",
    "seed": "Seed article",
    "relevance_score": "Relevance score",
    "relevance_reason": "Relevance reason",
}

LIST_COLUMNS = ["title", "source", "persons", "topics"]
QUOTE_COLUMNS = ["quote_speakers", "title", "source"]
CONTROL_FIELDS = ["persons", "organizations", "locations", "topics", "source", "language"]


def topic_labels(path: Path = TOPICS_FILE) -> list[str]:
    """The topic labels: from ingest/kb/topics.yaml when it exists, else the defaults.

    Accepts a list of labels, a list of mappings with ``label`` (or ``name``), or a
    mapping keyed by label (optionally under a top-level ``topics`` key).
    """
    if not path.exists():
        return list(DEFAULT_TOPICS)
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "topics" in data:
        data = data["topics"]
    labels: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            label = value.get("label") if isinstance(value, dict) else None
            labels.append(str(label or key))
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, str):
                labels.append(item)
            elif isinstance(item, dict) and (item.get("label") or item.get("name")):
                labels.append(str(item.get("label") or item.get("name")))
    return labels or list(DEFAULT_TOPICS)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def kql_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _saved(kind: str, oid: str, attributes: dict[str, Any], references: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "type": kind,
        "id": oid,
        "attributes": attributes,
        "references": references,
        "managed": False,
        "coreMigrationVersion": CORE_MIGRATION,
        "typeMigrationVersion": TYPE_MIGRATION[kind],
    }


def _search_source(query: str, with_index: bool) -> str:
    source: dict[str, Any] = {"query": {"query": query, "language": "kuery"}, "filter": []}
    if with_index:
        source["indexRefName"] = "kibanaSavedObjectMeta.searchSourceJSON.index"
    return _dumps(source)


def data_view() -> dict[str, Any]:
    attrs = {
        "title": ALIAS,
        "name": "Korea–Russia articles",
        "timeFieldName": TIME_FIELD,
        "allowNoIndex": True,  # importable before the first article is indexed
        "fieldAttrs": _dumps({f: {"customLabel": label} for f, label in FIELD_LABELS.items()}),
        "fieldFormatMap": _dumps({"url": {"id": "url"}, "canonical_url": {"id": "url"}}),
        "runtimeFieldMap": "{}",
        "sourceFilters": _dumps([{"value": "previous_content_hashes"}, {"value": "enriched_hash"}]),
    }
    return _saved("index-pattern", DATA_VIEW_ID, attrs, [])


def saved_search(oid: str, title: str, description: str, query: str, columns: list[str]) -> dict[str, Any]:
    attrs = {
        "title": title,
        "description": description,
        "columns": columns,
        "sort": [[TIME_FIELD, "desc"]],
        "grid": {},
        "hideChart": False,
        "isTextBasedQuery": False,
        "timeRestore": False,
        "kibanaSavedObjectMeta": {"searchSourceJSON": _search_source(query, with_index=True)},
    }
    refs = [{"name": "kibanaSavedObjectMeta.searchSourceJSON.index", "type": "index-pattern", "id": DATA_VIEW_ID}]
    return _saved("search", oid, attrs, refs)


def searches(topics: list[str]) -> list[dict[str, Any]]:
    out = [
        saved_search(SEARCH_ALL_ID, "Korea–Russia: all articles", "Every article, newest first.", "", LIST_COLUMNS),
        saved_search(
            SEARCH_QUOTES_ID,
            "Korea–Russia: articles with quotes",
            "Articles with at least one attributed or unattributed quote; open one to read the quotes.",
            "quotes:{ text:* }",
            QUOTE_COLUMNS,
        ),
    ]
    for label in topics:
        out.append(
            saved_search(
                f"kr-search-topic-{slug(label)}",
                f"Korea–Russia topic: {label}",
                f"Articles tagged with the topic {label}.",
                f"topics:{kql_string(label)}",
                LIST_COLUMNS,
            )
        )
    return out


# --- Lens ------------------------------------------------------------------

LAYER = "layer1"


def _count(label: str = "Articles") -> dict[str, Any]:
    return {
        "label": label,
        "customLabel": True,
        "dataType": "number",
        "operationType": "count",
        "isBucketed": False,
        "scale": "ratio",
        "sourceField": "___records___",
        "params": {"emptyAsNull": True},
    }


def _terms(field: str, size: int, order_by: str, label: str, other: bool = False) -> dict[str, Any]:
    """A terms column; ``other`` keeps the values outside the top ``size`` as one "Other" bucket."""
    return {
        "label": label,
        "customLabel": True,
        "dataType": "string",
        "operationType": "terms",
        "isBucketed": True,
        "scale": "ordinal",
        "sourceField": field,
        "params": {
            "size": size,
            "orderBy": {"type": "column", "columnId": order_by},
            "orderDirection": "desc",
            "otherBucket": other,
            "missingBucket": False,
            "parentFormat": {"id": "terms"},
            "include": [],
            "exclude": [],
            "includeIsRegex": False,
            "excludeIsRegex": False,
        },
    }


def _date_histogram(field: str) -> dict[str, Any]:
    return {
        "label": FIELD_LABELS.get(field, field),
        "customLabel": True,
        "dataType": "date",
        "operationType": "date_histogram",
        "isBucketed": True,
        "scale": "interval",
        "sourceField": field,
        "params": {"interval": "auto", "includeEmptyRows": True, "dropPartials": False},
    }


def _lens(oid: str, title: str, description: str, vis_type: str, visualization: dict[str, Any],
          columns: dict[str, dict[str, Any]], order: list[str]) -> dict[str, Any]:
    attrs = {
        "title": title,
        "description": description,
        "visualizationType": vis_type,
        "state": {
            "datasourceStates": {
                "formBased": {"layers": {LAYER: {"columns": columns, "columnOrder": order, "incompleteColumns": {}}}}
            },
            "visualization": visualization,
            "query": {"query": "", "language": "kuery"},
            "filters": [],
            "internalReferences": [],
            "adHocDataViews": {},
        },
    }
    refs = [{"name": f"indexpattern-datasource-layer-{LAYER}", "type": "index-pattern", "id": DATA_VIEW_ID}]
    return _saved("lens", oid, attrs, refs)


def lens_over_time() -> dict[str, Any]:
    columns = {
        "when": _date_histogram(TIME_FIELD),
        "by_source": _terms("source", 10, "n", "Source", other=True),  # stacks must add up to every article
        "n": _count(),
    }
    vis = {
        "preferredSeriesType": "bar_stacked",
        "legend": {"isVisible": True, "position": "right"},
        "valueLabels": "hide",
        "fittingFunction": "None",
        "axisTitlesVisibilitySettings": {"x": False, "yLeft": True, "yRight": True},
        "layers": [{
            "layerId": LAYER, "layerType": "data", "seriesType": "bar_stacked",
            "xAccessor": "when", "splitAccessor": "by_source", "accessors": ["n"],
        }],
    }
    return _lens("kr-lens-over-time", "Articles over time by source",
                 "Articles per interval on `date` (published, else first seen), stacked by source.",
                 "lnsXY", vis, columns, ["by_source", "when", "n"])


def lens_top(oid: str, field: str, title: str, size: int = 15) -> dict[str, Any]:
    columns = {"term": _terms(field, size, "n", FIELD_LABELS.get(field, field)), "n": _count()}
    vis = {
        "preferredSeriesType": "bar_horizontal",
        "legend": {"isVisible": False, "position": "right"},
        "valueLabels": "show",
        "fittingFunction": "None",
        "axisTitlesVisibilitySettings": {"x": False, "yLeft": False, "yRight": False},
        "layers": [{
            "layerId": LAYER, "layerType": "data", "seriesType": "bar_horizontal",
            "xAccessor": "term", "accessors": ["n"],
        }],
    }
    return _lens(oid, title, f"The {size} most frequent values of `{field}` in the articles shown.",
                 "lnsXY", vis, columns, ["term", "n"])


def lens_speakers_table() -> dict[str, Any]:
    columns = {"speaker": _terms("quote_speakers", 25, "n", "Quoted speaker"), "n": _count("Articles quoting")}
    vis = {"layerId": LAYER, "layerType": "data", "columns": [{"columnId": "speaker"}, {"columnId": "n"}]}
    return _lens("kr-lens-speakers", "Quoted speakers",
                 "Who is quoted, by number of articles with at least one quote of theirs.",
                 "lnsDatatable", vis, columns, ["speaker", "n"])


def lenses() -> list[dict[str, Any]]:
    return [
        lens_over_time(),
        lens_top("kr-lens-persons", "persons", "Top people"),
        lens_top("kr-lens-organizations", "organizations", "Top organisations"),
        lens_top("kr-lens-locations", "locations", "Top places"),
        lens_top("kr-lens-topics", "topics", "Topics", size=20),
        lens_speakers_table(),
    ]


# --- Dashboard ---------------------------------------------------------------

# (panel id, saved object type, saved object id, x, y, w, h); the grid is 48 wide.
PANELS = [
    ("over-time", "lens", "kr-lens-over-time", 0, 0, 48, 13),
    ("persons", "lens", "kr-lens-persons", 0, 13, 16, 15),
    ("organizations", "lens", "kr-lens-organizations", 16, 13, 16, 15),
    ("locations", "lens", "kr-lens-locations", 32, 13, 16, 15),
    ("topics", "lens", "kr-lens-topics", 0, 28, 20, 15),
    ("speakers", "lens", "kr-lens-speakers", 20, 28, 28, 15),
    ("latest", "search", SEARCH_ALL_ID, 0, 43, 48, 18),
    ("quotes", "search", SEARCH_QUOTES_ID, 0, 61, 48, 15),
]


def control_group() -> tuple[dict[str, Any], list[dict[str, str]]]:
    panels: dict[str, Any] = {}
    refs: list[dict[str, str]] = []
    for order, field in enumerate(CONTROL_FIELDS):
        cid = f"control-{field}"
        panels[cid] = {
            "type": "optionsListControl",
            "order": order,
            "grow": True,
            "width": "medium",
            "explicitInput": {
                "id": cid,
                "dataViewId": DATA_VIEW_ID,
                "fieldName": field,
                "title": FIELD_LABELS.get(field, field),
                "searchTechnique": "prefix",
                "selectedOptions": [],
                "existsSelected": False,
                "exclude": False,
                "singleSelect": False,
                "sort": {"by": "_count", "direction": "desc"},
            },
        }
        refs.append({"name": f"controlGroup_{cid}:optionsListDataView", "type": "index-pattern", "id": DATA_VIEW_ID})
    group = {
        "chainingSystem": "HIERARCHICAL",
        "controlStyle": "oneLine",
        "showApplySelections": False,
        "ignoreParentSettingsJSON": _dumps(
            {"ignoreFilters": False, "ignoreQuery": False, "ignoreTimerange": False, "ignoreValidations": False}
        ),
        "panelsJSON": _dumps(panels),
    }
    return group, refs


def dashboard() -> dict[str, Any]:
    panels = []
    refs: list[dict[str, str]] = []
    for pid, kind, oid, x, y, w, h in PANELS:
        panels.append({
            "type": kind,
            "panelIndex": pid,
            "gridData": {"x": x, "y": y, "w": w, "h": h, "i": pid},
            "embeddableConfig": {"enhancements": {}},
            "panelRefName": f"panel_{pid}",
        })
        refs.append({"name": f"{pid}:panel_{pid}", "type": kind, "id": oid})
    group, control_refs = control_group()
    attrs = {
        "title": "Korea–Russia news",
        "description": (
            "Articles on Korea–Russia relations: volume over time by source, the people, organisations, "
            "places and topics they mention, who is quoted, and the latest articles. Filter with the controls "
            "above; the time filter applies to `date` (published, else first seen)."
        ),
        "panelsJSON": _dumps(panels),
        "optionsJSON": _dumps(
            {"useMargins": True, "syncColors": False, "syncCursor": True, "syncTooltips": False,
             "hidePanelTitles": False}
        ),
        "timeRestore": True,
        "timeFrom": "now-5y",
        "timeTo": "now",
        "refreshInterval": {"pause": True, "value": 60000},
        "controlGroupInput": group,
        "kibanaSavedObjectMeta": {"searchSourceJSON": _search_source("", with_index=False)},
    }
    return _saved("dashboard", DASHBOARD_ID, attrs, refs + control_refs)


def files(topics: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """File name -> saved objects, in import order (referenced objects first)."""
    topics = topic_labels() if topics is None else topics
    return {
        "10-data-view.ndjson": [data_view()],
        "20-searches.ndjson": searches(topics),
        "30-lens.ndjson": lenses(),
        "40-dashboard.ndjson": [dashboard()],
    }


def render(objects: list[dict[str, Any]]) -> str:
    return "".join(_dumps(o) + "\n" for o in objects)


def write(out_dir: Path = HERE) -> list[Path]:
    written = []
    for name, objects in files().items():
        path = out_dir / name
        path.write_text(render(objects), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
