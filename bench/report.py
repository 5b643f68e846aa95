"""Benchmark results: one record per stage, a terminal table, a JSON file, machine info.

Pure formatting, apart from :func:`machine_info` (reads /proc) and
:func:`write_json`. A stage with a target ratio passes when ours/naive reaches
it; a search shape passes when its p95 is under the latency target.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass
class StageResult:
    name: str
    size: int  # items our way processed
    ours_rate: float  # items per second
    ours_seconds: float
    ours_peak_mib: float
    naive_rate: float | None = None
    naive_size: int | None = None
    naive_seconds: float | None = None
    naive_peak_mib: float | None = None
    target_ratio: float | None = None  # ours/naive must reach this
    unit: str = "articles/s"
    notes: str = ""
    round_ratios: list[float] = field(default_factory=list)  # ours/naive per round, when measured in rounds

    @property
    def ratio(self) -> float | None:
        if not self.naive_rate:
            return None
        return self.ours_rate / self.naive_rate

    @property
    def status(self) -> str:
        if self.target_ratio is None or self.ratio is None:
            return "-"
        return "PASS" if self.ratio >= self.target_ratio else "MISS"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["ratio"] = None if self.ratio is None else round(self.ratio, 2)
        out["status"] = self.status
        return out


@dataclass
class SearchResult:
    shape: str
    runs: int
    p50_ms: float
    p95_ms: float
    took_p95_ms: float  # Elasticsearch's own "took", p95
    hits: int  # total hits of the last run (sanity: the shape matches something)
    target_p95_ms: float = 100.0
    description: str = ""

    @property
    def status(self) -> str:
        return "PASS" if self.p95_ms < self.target_p95_ms else "MISS"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "status": self.status}


@dataclass
class Report:
    started: str
    machine: dict[str, Any]
    sizes: dict[str, int]
    stages: list[StageResult] = field(default_factory=list)
    search: list[SearchResult] = field(default_factory=list)
    incremental: dict[str, Any] = field(default_factory=dict)
    es_cost: list[dict[str, Any]] = field(default_factory=list)  # Lucene docs and bytes per article, per mapping
    notes: list[str] = field(default_factory=list)
    total_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "started": self.started,
            "total_seconds": round(self.total_seconds, 1),
            "machine": self.machine,
            "sizes": self.sizes,
            "stages": [s.to_dict() for s in self.stages],
            "search": [s.to_dict() for s in self.search],
            "incremental": self.incremental,
            "es_cost": self.es_cost,
            "notes": self.notes,
        }


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n*q/100), at least 1
    return ordered[int(rank) - 1]


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(out)


def stage_table(stages: list[StageResult]) -> str:
    rows = [
        [
            s.name,
            str(s.size) + (f" / {s.naive_size}" if s.naive_size is not None else ""),
            f"{_num(s.ours_rate)} {s.unit}",
            _num(s.naive_rate),
            "-" if s.ratio is None else f"{s.ratio:.2f}x",
            "-" if s.target_ratio is None else f">={s.target_ratio:g}x",
            s.status,
            _num(s.ours_peak_mib) + " / " + _num(s.naive_peak_mib),
            s.notes,
        ]
        for s in stages
    ]
    return _table(["stage", "n ours / naive", "ours", "naive", "ratio", "target", "", "peak MiB ours/naive", "notes"], rows)


def search_table(results: list[SearchResult]) -> str:
    rows = [
        [r.shape, str(r.runs), _num(r.p50_ms), _num(r.p95_ms), _num(r.took_p95_ms), f"{r.hits:,}", f"<{r.target_p95_ms:g}", r.status]
        for r in results
    ]
    return _table(["search shape", "runs", "p50 ms", "p95 ms", "ES took p95", "hits (counted to 10k; CLI shapes: returned)", "target p95", ""], rows)


def render(report: Report) -> str:
    m = report.machine
    parts = [
        f"== benchmark {report.started}  ({m.get('cpu_model')}, {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM, "
        f"Python {m.get('python')}, Elasticsearch {m.get('es_version')})",
        "sizes: " + ", ".join(f"{k}={v:,}" for k, v in report.sizes.items()),
        "",
        stage_table(report.stages),
    ]
    if report.search:
        parts += ["", search_table(report.search)]
    if report.es_cost:
        parts += ["", _table(["mapping", "articles", "Lucene docs / article", "store bytes / article"], [
            [c["mapping"], f"{c['articles']:,}", _num(c["lucene_docs_per_article"], 2), f"{c['store_bytes_per_article']:,}"]
            for c in report.es_cost])]
    if report.incremental:
        inc = report.incremental
        parts += ["", "incremental: " + ", ".join(f"{k}={v}" for k, v in inc.items() if not isinstance(v, (dict, list)))]
    if report.notes:
        parts += [""] + [f"note: {n}" for n in report.notes]
    parts += ["", f"total time: {report.total_seconds:.0f} s"]
    return "\n".join(parts)


def machine_info(es_version: str | None = None) -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemTotal:"):
                ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu_model": cpu,
        "ram_gib": ram,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "es_version": es_version,
    }


def write_json(report: Report, directory: Path = RESULTS_DIR, now: datetime | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = directory / f"bench-{stamp}.json"
    path.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def markdown(data: dict[str, Any]) -> str:
    """The Performance page's tables from a ``make bench`` results JSON (``python -m bench.report FILE``)."""
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    out = [row(["stage", "n (ours / naive)", "ours", "naive", "ratio (per round)", "target", "peak MiB ours / naive"]),
           row(["---"] * 7)]
    for s in data["stages"]:
        spread = f" ({min(s['round_ratios']):.2f}–{max(s['round_ratios']):.2f})" if s.get("round_ratios") else ""
        ratio = "–" if s["ratio"] is None else f"**{s['ratio']:.2f}×**{spread}"
        target = "–" if s["target_ratio"] is None else f"≥ {s['target_ratio']:g}× {'met' if s['status'] == 'PASS' else 'missed'}"
        n = f"{s['size']:,}" + (f" / {s['naive_size']:,}" if s.get("naive_size") is not None else "")
        out.append(row([s["name"], n, f"{_num(s['ours_rate'])} {s['unit']}", _num(s["naive_rate"]), ratio, target,
                        f"{_num(s['ours_peak_mib'])} / {_num(s['naive_peak_mib'])}"]))
    if data.get("es_cost"):
        out += ["", row(["mapping", "articles", "Lucene docs / article", "store bytes / article"]), row(["---"] * 4)]
        out += [row([c["mapping"], f"{c['articles']:,}", f"{c['lucene_docs_per_article']:.2f}", f"{c['store_bytes_per_article']:,}"])
                for c in data["es_cost"]]
    if data.get("search"):
        out += ["", row(["query shape", "p50 ms", "p95 ms", "ES took p95 ms", "p95 < 100 ms"]), row(["---"] * 5)]
        out += [row([r["shape"], _num(r["p50_ms"]), _num(r["p95_ms"]), _num(r["took_p95_ms"]),
                     "met" if r["status"] == "PASS" else "**missed**"]) for r in data["search"]]
    return "\n".join(out)


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def heldout_markdown(data: dict[str, Any]) -> str:
    """The whole-process table of a ``make bench-heldout`` results JSON (bench/heldout.py)."""
    from statistics import median

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    start = data["startup_seconds"]
    out = [row(["files", "ours s (spread)", "naive s (spread)", "ratio (spread)", "without start-up (spread)"]),
           row(["---"] * 5)]
    for s in data["sets"]:
        net = "–" if s.get("ratio_without_startup") is None else (
            f"{s['ratio_without_startup']:.2f}× ({s['ratio_without_startup_spread']})")
        out.append(row([f"{s['set']}, {s['files']}", f"{median(s['ours_seconds']):.2f} ({_spread(s['ours_seconds'])})",
                        f"{median(s['naive_seconds']):.2f} ({_spread(s['naive_seconds'])})",
                        f"{s['ratio']:.2f}× ({s['ratio_spread']})", net]))
    out += ["", f"Start-up alone (one tiny English file), median of {data['rounds']}: ours "
                f"{median(start['ours']):.2f} s ({_spread(start['ours'])}), naive {median(start['naive']):.2f} s "
                f"({_spread(start['naive'])})."]
    return "\n".join(out)


def rehearsal_markdown(data: dict[str, Any]) -> str:
    """The fault table of a ``make rehearse`` results JSON (scripts/rehearse.py writes it)."""

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    out = [row(["fault", "what happened", "run", "articles lost", "duplicates", "time to recover"]), row(["---"] * 6)]
    for r in data["rows"]:
        lost = "–" if r.get("expected") is None else f"{r['lost']} of {r['expected']}"
        dups = "–" if r.get("expected") is None else str(r["duplicates"])
        recover = "–" if r.get("recover_seconds") is None else f"{r['recover_seconds']:.0f} s"
        out.append(row([r["label"], r["what"], f"{r['state']} in {r['seconds']:.0f} s", lost, dups, recover]))
    out.append("")
    for t in data.get("throughput", []):
        out.append(f"- {t['workers']} worker(s) × Celery concurrency 2: {t['articles']} articles in {t['seconds']:.1f} s "
                   f"= {60 * t['articles'] / t['seconds']:.0f} articles/min")
    cluster = data.get("cluster")
    if cluster:
        out.append(f"- cluster after the faults: {cluster['status']}, {cluster['nodes']} nodes")
    out.append(f"- the whole rehearsal: {data['total_seconds']:.0f} s")
    if data.get("note"):
        out.append(f"- this file was {data['note']}")
    for p in data.get("problems", []):
        out.append(f"- **FAILED**: {p}")
    return "\n".join(out)


def soak_markdown(data: dict[str, Any]) -> str:
    """The tables of a ``make soak`` results JSON (scripts/soak.py writes it): documents per canonical
    URL, memory of each process and size of each data folder after the first and the last run (and
    the most seen), the slowest run."""

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    def mb(value: float | None) -> str:
        if value is None:
            return "–"
        return f"{value / 1048576:,.1f}" if value < 10 * 1048576 else f"{value / 1048576:,.0f}"

    def growth(first: float | None, last: float | None) -> str:
        if first is None or last is None:
            return "–"
        sign = "+" if last >= first else "−"
        pct = f" ({100 * (last - first) / first:+.0f} %)" if first else ""
        return f"{sign}{mb(abs(last - first))}{pct}"

    n, idx, site = data["runs_completed"], data["index"], data["site"]
    states = sorted({r["state"] for r in data["runs"]})
    statuses = sorted({str(r.get("status")) for r in data["runs"]})
    out = [
        f"{n} of {data['runs_planned']} scheduled runs on `{data['schedule']}` "
        f"(one active at a time, catchup off), runs {', '.join(states)} (reports {', '.join(statuses)}); "
        f"{data['soak_seconds'] / 60:.0f} min of runs after {data['setup_seconds']:.0f} s of setup, "
        f"{data['cpus']} cores. Run time median {data['run_seconds']['median']:.0f} s, shortest "
        f"{data['run_seconds']['min']:.0f} s; start to start median {data['start_gap_seconds']['median'] or 0:.0f} s.",
        "",
        row(["documents per canonical URL", "value"]), row(["---", "---"]),
        row(["documents in the articles index", f"{idx['documents']:,}"]),
        row(["of which without a URL (the seed articles, stable ids)", str(idx.get("without_url", 0))]),
        row(["canonical URLs", f"{idx['canonical_urls']:,}"]),
        row(["most documents for one canonical URL", str(idx["max_per_canonical_url"])]),
        row(["**duplicates**", f"**{idx['duplicates']}**"]),
        row(["expected articles not indexed", f"{idx['lost']} of {idx['expected']:,}"]),
        row(["updated articles whose update is not indexed", f"{idx['stale_updates']} of {idx['updates']}"]),
        row(["syndicated copies: relisted with tracking parameters", str(site["tracking"])]),
        row(["syndicated copies: same site, other address, claiming the original (indexed apart)",
             f"{site['mirror']} ({idx['copies_indexed_apart']})"]),
        row(["syndicated copies: another site claiming the original (own documents)", str(site["other_site"])]),
        row(["documents under an unexpected canonical URL", str(idx["unexpected"])]),
        "",
        row(["process (with its children), RSS MB", "after run 1", f"after run {n}", "most seen", "last − first"]),
        row(["---"] * 5),
    ]
    for name, m in data["memory"].items():
        out.append(row([name, mb(m["first"]), mb(m["last"]), mb(m["max"]), growth(m["first"], m["last"])]))
    out += ["", row(["data folder, MB on disk", "after run 1", f"after run {n}", "largest", "last − first"]),
            row(["---"] * 5)]
    for name, f in data["folders"].items():
        out.append(row([name, mb(f["first"]), mb(f["last"]), mb(f["max"]), growth(f["first"], f["last"])]))
    s = data["slowest"]
    c = s.get("counts") or {}
    out += ["", f"- slowest run: run {s['n']} of {n}, {s['seconds']:.0f} s ({s['state']}, report {s.get('status')}; "
                f"{c.get('new', '?')} new, {c.get('updated_entries', '?')} updated, {c.get('indexed', '?')} indexed)",
            *([f"- slowest after the first: run {w['n']}, {w['seconds']:.0f} s"
               for w in [max(data["runs"][1:], key=lambda r: r["seconds"])]] if len(data["runs"]) > 1 else []),
            f"- memory sampled every few seconds ({data['memory_samples']} samples); the ES nodes' RSS includes "
            f"their fixed heap"]
    if data.get("note"):
        out.append(f"- {data['note']}")
    for p in data.get("problems", []):
        out.append(f"- **FAILED**: {p}")
    return "\n".join(out)


def web_markdown(data: dict[str, Any]) -> str:
    """The workspace page's tables from a ``python -m bench.web --json`` results file."""
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    out = [f"{data['articles']:,} articles.", "",
           row(["page", "p50 ms", "p95 ms", "Elasticsearch took, p95", "target p95", ""]), row(["---"] * 6)]
    for p in data["pages"]:
        out.append(row([p["shape"], f"{p['p50_ms']:.0f}", f"{p['p95_ms']:.0f}", f"{p['took_p95_ms']:.0f}",
                        f"{p['target_p95_ms']:.0f}", p["status"]]))
    out += ["", row(["query", "ours", "minimal script", "target", ""]), row(["---"] * 5)]
    for c in data["cli"]:
        target = " ".join(t for t in (f"{c['target_seconds']:g} s" if c.get("target_seconds") else "",
                                      f"{c['target_mib']:g} MiB" if c.get("target_mib") else "") if t) or "–"
        out.append(row([f"{c['query']} `{c['text']}`", f"{c['seconds']:.2f} s, {c['mib']:.0f} MiB",
                        f"{c['minimal_seconds']:.2f} s, {c['minimal_mib']:.0f} MiB", target,
                        c["status"] if c["status"] != "-" else ""]))
    return "\n".join(out)


def results_markdown(data: dict[str, Any]) -> str:
    """Whichever results file it is: ``make bench``, ``make bench-heldout``, ``make rehearse`` or ``make soak``."""
    if data.get("kind") == "soak":
        return soak_markdown(data)
    if "rows" in data:
        return rehearsal_markdown(data)
    if "sets" in data:
        return heldout_markdown(data)
    if "pages" in data and "cli" in data:
        return web_markdown(data)
    return markdown(data)


if __name__ == "__main__":
    print(results_markdown(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
