"""`make soak`: many scheduled runs in compressed time on the rehearsal's topology.

The stack is the rehearsal's (:class:`rehearse.Stack`: Postgres, Redis, Airflow with the
CeleryExecutor and two workers, a secured three-node Elasticsearch), started and stopped
by the same code. The DAG runs on its own schedule (``SOAK_SCHEDULE``, default every
minute; catchup is off and one run is active at a time, so a run longer than the interval
delays the next one instead of piling up). Before each run the fixture site renews its
content, as a news site does between two visits:

- new articles on each of four feeds (``SOAK_NEW`` per feed), each with its own text;
- updates: an article of two runs ago gets a new paragraph and a newer date in its feed;
- syndicated copies: an article listed again by another feed with tracking parameters,
  the same article on a second address of the same site claiming the original as its
  canonical URL (in the same run, and one run later), and a copy on another site
  (``localhost``) claiming the original, which must not take the original's place.

After ``SOAK_RUNS`` scheduled runs (default 48) it counts the documents per canonical URL
(duplicates must be 0, every expected article indexed, every update carried), and reports
the memory of every process (the process and its children: the scheduler, the DAG processor,
the API server, each worker, each Elasticsearch node, Postgres, Redis; after the first run,
after the last, and the most seen, sampled every few seconds) and the size of the data
folders (Elasticsearch, the raw archive, the batches, Postgres) after each run, and the
slowest run. Writes ``bench/results/soak-<time>.json``; ``python -m bench.report FILE``
renders its table. Not part of CI.

Environment: SOAK_RUNS (48), SOAK_SCHEDULE (``* * * * *``), SOAK_NEW (3), SOAK_SAMPLE_SECONDS
(5), and the rehearsal's REHEARSE_* ports; the stack's files go to REHEARSE_WORK (default
``.cache/soak``).
"""

from __future__ import annotations

import atexit
import json
import os
import random
import shutil
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("REHEARSE_WORK", str(Path(os.environ.get("REHEARSE_CACHE", ROOT / ".cache")) / "soak"))
sys.path.insert(0, str(ROOT / "scripts"))
import rehearse  # noqa: E402  (after the path and REHEARSE_WORK)
from rehearse import AIRFLOW, DAG_ID, PREFIX, WORK, Site, Stack, Webhook, descendants, run, say  # noqa: E402

RUNS = int(os.environ.get("SOAK_RUNS", "48"))
SCHEDULE = os.environ.get("SOAK_SCHEDULE", "* * * * *")
NEW = int(os.environ.get("SOAK_NEW", "3"))
SAMPLE_SECONDS = float(os.environ.get("SOAK_SAMPLE_SECONDS", "5"))
FEEDS = 4
WINDOW = 3  # a feed lists the articles of the last WINDOW runs, as real feeds list the latest ones
MB = 1024 * 1024

SENTENCES = [
    "Russia's upper house approved a treaty with North Korea that commits both sides to military assistance.",
    "South Korea's foreign ministry summoned the Russian ambassador to protest the arms cooperation with Pyongyang.",
    "Officials in Seoul said North Korean troops had been moved to Russia's Kursk region in recent weeks.",
    "The Kremlin described its ties with Pyongyang as a matter between two sovereign states.",
    "Analysts said artillery shells shipped from North Korea had reached Russian units near the front.",
    "A delegation from Moscow visited Pyongyang to discuss a road bridge across the Tumen River.",
    "South Korean lawmakers debated whether to send weapons to Ukraine in response to the deployment.",
    "The Bank of Korea reported that trade with Russia fell again under the sanctions.",
    "Russian vessels were added to Seoul's sanctions list for carrying North Korean coal.",
    "Kim Jong-un inspected a munitions factory that analysts link to orders from Russia.",
    "Vladimir Putin thanked North Korean leaders for their support in a televised message.",
    "Diplomats at the United Nations said the transfers breach Security Council resolutions on North Korea.",
    "Japan and South Korea agreed to share intelligence on the movement of North Korean soldiers to Russia.",
    "Russian tourists returned to the Wonsan coast under a new travel agreement with Pyongyang.",
    "Seoul's defense ministry said it was watching for Russian technology transfers to the North's missile program.",
    "A North Korean delegation attended an economic forum in Vladivostok on Russia's Pacific coast.",
    "Korean carmakers weighed whether to return to the Russian market once the war ends.",
    "The port of Rason handled more Russian ships this year than in the previous three combined.",
    "Ukrainian officials said they had captured two North Korean soldiers fighting for Russia.",
    "South Korea's president called the Russia North Korea treaty a threat to regional security.",
    "Moscow and Pyongyang signed an agreement on cooperation in healthcare and medical education.",
    "Researchers in Seoul counted hundreds of rail wagons crossing from North Korea into Russia.",
    "A Russian frigate made a port call in Wonsan, the first such visit in decades.",
    "The National Intelligence Service briefed lawmakers on casualties among North Korean troops in Russia.",
    "Russia's foreign minister visited Pyongyang and met Kim Jong-un for several hours.",
    "Seoul said it would review its export controls on goods that could reach Russia through third countries.",
    "North Korean workers were seen at construction sites in the Russian Far East despite the sanctions.",
    "The two Koreas' positions on the war in Ukraine have drifted further apart since the treaty.",
    "Russian and North Korean officials discussed opening a direct air route between Moscow and Pyongyang.",
    "Experts warned that Russia could help North Korea improve its satellite launch vehicles.",
]


def rfc822(when: datetime) -> str:
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)


def fixture_canonical(url: str) -> str:
    """The canonical URL the pipeline gives a page of tests/fixtures/site (the page's claim, if on its site)."""
    from ingest.extract import extract
    from ingest.urls import claimed_canonical

    path = ROOT / "tests" / "fixtures" / "site" / url.split("/", 3)[3]
    return claimed_canonical(url, extract(path.read_bytes(), url=url, content_type="text/html").canonical_url)


class SoakSite(Site):
    """The rehearsal's fixture feeds, plus four feeds whose content is renewed before each run."""

    def __init__(self) -> None:  # not Site's: its first generation is the soak's own
        from tests.e2e import RELEVANT
        from tests.fixtureserver import FixtureServer

        self.server = FixtureServer().start()
        self.other = self.server.base_url.replace("127.0.0.1", "localhost")  # another site, same server
        self.expected = {}  # Site's bookkeeping (unused here)
        self.articles: dict[str, dict[str, Any]] = {}  # canonical URL → generation, marker of its last update
        for name in RELEVANT:  # the fixture feeds' articles, under the canonical URL each page claims
            url = fixture_canonical(self.server.url(f"/articles/{name}.html"))
            self.articles[url] = {"generation": 0, "update": None}
        self.entries: dict[int, list[dict[str, Any]]] = {i: [] for i in range(1, FEEDS + 1)}  # what each feed lists
        self.copies: dict[str, str] = {}  # address of a syndicated copy → the original's canonical URL
        self.pages: dict[str, dict[str, Any]] = {}  # path → what the page says
        self.counts = {"new": 0, "updated": 0, "tracking": 0, "mirror": 0, "other_site": 0}
        self.generations: list[dict[str, int]] = []

    def _page(self, path: str) -> None:
        p = self.pages[path]
        canonical = f'<link rel="canonical" href="{p["canonical"]}">' if p.get("canonical") else ""
        paras = "".join(f"<p>{s}</p>" for s in p["paras"])
        html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                f'<title>{p["title"]} | Wire News Agency</title>'
                f'<meta property="og:title" content="{p["title"]}">{canonical}</head><body>'
                f'<div class="gnb"><ul><li><a href="/nk">North Korea</a></li>'
                f'<li><a href="/world">World</a></li></ul></div>'
                f'<div id="content" class="container"><div class="title-article01"><h1 class="tit">{p["title"]}</h1>'
                f'<p class="update-time">{p["date"]}</p></div><div class="story-news article">{paras}'
                f'<p class="txt-copyright">newsdesk@wire.example (END)</p></div></div>'
                f'<div class="footer"><p>Copyright Wire News Agency.</p></div></body></html>')
        self.server.route(path, self._response(html))

    @staticmethod
    def _response(html: str):
        from tests.fixtureserver import Response

        return Response(200, html, {"Content-Type": "text/html; charset=utf-8"})

    def _article(self, g: int, i: int, k: int, now: datetime) -> str:
        rng = random.Random(g * 1000 + i * 10 + k)
        path = f"/wire/{g}/{i}-{k}.html"
        url = self.server.url(path)
        lead = (f"SEOUL, {now:%b. %d} (Wire) -- Desk {i} filed report {g}-{k} after {rng.randint(2, 90)} officials "
                f"met for {rng.randint(2, 11)} hours on the treaty between Russia and North Korea.")
        self.pages[path] = {"title": f"Russia and North Korea: report {g}-{k} from desk {i}",
                            "date": f"{now:%B %d, %Y %H:%M} UTC", "paras": [lead, *rng.sample(SENTENCES, 7)],
                            "canonical": url}
        self._page(path)
        self.articles[url] = {"generation": g, "update": None}
        return url

    def generation(self, g: int) -> dict[str, int]:
        """The site as the run ``g`` (1, 2, …) finds it."""
        now = datetime.now(timezone.utc)
        made = {"generation": g, "new": 0, "updated": 0, "tracking": 0, "mirror": 0, "other_site": 0}
        for i in range(1, FEEDS + 1):
            for k in range(NEW):
                url = self._article(g, i, k, now)
                self.entries[i].append({"g": g, "title": f"Report {g}-{k} from desk {i}", "link": url, "date": now})
                made["new"] += 1
        # updates: one article of two runs ago on two feeds, a new paragraph and a newer date in the feed
        for i in (g % FEEDS + 1, (g + 1) % FEEDS + 1):
            if g <= 2:
                break
            path = f"/wire/{g - 2}/{i}-0.html"
            marker = f"Update {g}: officials in Seoul added details to report {g - 2}-0 from desk {i}."
            self.pages[path]["paras"].append(marker)
            self.pages[path]["date"] = f"{now:%B %d, %Y %H:%M} UTC (updated)"
            self._page(path)
            self.articles[self.server.url(path)]["update"] = marker
            for e in self.entries[i]:
                if e["link"] == self.server.url(path):
                    e["date"] = now
            made["updated"] += 1
        # syndicated copies of this run's articles (and of the last run's)
        for i in range(1, FEEDS + 1):
            j = i % FEEDS + 1  # the feed that lists the copy
            original = self.server.url(f"/wire/{g}/{i}-0.html")
            self.entries[j].append({"g": g, "title": f"Report {g}-0 from desk {i} (via desk {j})",
                                    "link": original + f"?utm_source=wire&utm_medium=syndication&utm_campaign=desk{j}",
                                    "date": now})
            made["tracking"] += 1
            for src_g in (g, g - 1):
                if src_g < 1:
                    continue
                src = f"/wire/{src_g}/{i}-1.html"
                mirror = f"/syndicated/{g}/{src_g}-{i}-1.html"
                self.pages[mirror] = {**self.pages[src], "paras": list(self.pages[src]["paras"]),
                                      "canonical": self.server.url(src)}
                self._page(mirror)
                self.copies[self.server.url(mirror)] = self.server.url(src)
                self.entries[j].append({"g": g, "title": f"Report {src_g}-1 from desk {i} (wire copy)",
                                        "link": self.server.url(mirror), "date": now})
                made["mirror"] += 1
        # a copy on another site claiming the original: its own document, never the original's
        src = f"/wire/{g}/1-2.html"
        other = f"/partner/{g}/1-2.html"
        self.pages[other] = {**self.pages[src], "paras": [f"(Partner Daily) {self.pages[src]['paras'][0]}",
                                                          *self.pages[src]["paras"][1:]],
                             "canonical": self.server.url(src)}
        self._page(other)
        copy = f"{self.other}{other}"
        self.articles[copy] = {"generation": g, "update": None}
        self.entries[2].append({"g": g, "title": f"Partner Daily runs report {g}-2", "link": copy, "date": now})
        made["other_site"] += 1
        for i in range(1, FEEDS + 1):
            self.entries[i] = [e for e in self.entries[i] if e["g"] > g - WINDOW]
            items = "".join(f"<item><title>{e['title']}</title><link>{e['link']}</link><guid>{e['link']}</guid>"
                            f"<pubDate>{rfc822(e['date'])}</pubDate></item>" for e in reversed(self.entries[i]))
            feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>wire desk {i}</title>'
                    f'{items}</channel></rss>')
            from tests.fixtureserver import Response

            self.server.route(f"/bulk/{i}.xml", Response(200, feed, {"Content-Type": "application/rss+xml"}))
        for key in self.counts:
            self.counts[key] += made[key]
        self.generations.append(made)
        return made


# ------------------------------------------------------------------ what is measured


def tree_rss(pid: int) -> int | None:
    """Resident memory of the process and all its descendants, bytes (None when it is gone)."""
    total, found = 0, False
    for p in [pid, *descendants(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    found = True
        except (OSError, ValueError):
            continue
    return total if found else None


def du(*paths: Path) -> int:
    """Bytes on disk under the paths."""
    total = 0
    for root in paths:
        for folder, _, files in os.walk(root):
            for f in files:
                try:
                    total += os.lstat(os.path.join(folder, f)).st_blocks * 512
                except OSError:
                    pass
    return total


class Meter:
    """Samples every process's memory every few seconds (keeping the most seen) and takes a
    snapshot of memory and folders after each run."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.max: dict[str, int] = {}
        self.samples = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        nodes = stack.es_status()["nodes"]  # the nodes are not restarted during the soak
        self.es_dirs = {f"es node {n['http_port']}": Path(n["dir"]) for n in nodes}
        self.es_pids = {f"es node {n['http_port']}": int(n["pid"]) for n in nodes if n.get("pid")}

    def pids(self) -> dict[str, int]:
        out = {name: self.stack.procs[name].pid for name in ("scheduler", "dag-processor", "api-server", "worker-a",
                                                            "worker-b", "redis") if name in self.stack.procs}
        try:
            out["postgres"] = int((self.stack.pg_data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass
        return {**out, **self.es_pids}

    def memory(self) -> dict[str, int]:
        out = {}
        for name, pid in self.pids().items():
            rss = tree_rss(pid)
            if rss is not None:
                out[name] = rss
        with self._lock:
            for name, rss in out.items():
                self.max[name] = max(self.max.get(name, 0), rss)
            self.samples += 1
        return out

    def folders(self) -> dict[str, int]:
        store = WORK / "shared-store"
        return {
            "es data": du(*(d / "data" for d in self.es_dirs.values())),
            "raw archive": du(store / "archive"),
            "batches": du(store / "runs"),
            "postgres": du(self.stack.pg_data),
            "workers' own data": du(WORK / "worker-a", WORK / "worker-b"),
        }

    def start(self) -> None:
        def loop() -> None:
            while not self._stop.wait(SAMPLE_SECONDS):
                try:
                    self.memory()
                except Exception as exc:  # a sample lost is no reason to stop the soak
                    say(f"memory sample failed: {exc}")

        threading.Thread(target=loop, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()


def run_report(stack: Stack, run_id: str) -> dict[str, Any]:
    """The run's report from the ingest-runs index (status and counts), {} when it has none."""
    es = stack.es()
    try:
        es.indices.refresh(index=f"{PREFIX}ingest-runs")
        doc = es.get(index=f"{PREFIX}ingest-runs", id=run_id)["_source"]
    except Exception:  # noqa: BLE001  (a run without a report is reported as such)
        return {}
    keep = ("discovered", "new", "updated_entries", "already_seen", "fetched", "cleaned", "indexed", "failed")
    return {"status": doc.get("status"), "counts": {k: v for k, v in (doc.get("counts") or {}).items() if k in keep}}


def check_index(stack: Stack, site: SoakSite) -> dict[str, Any]:
    """Documents per canonical URL over the whole index, and what the site says must be there."""
    from elasticsearch import helpers

    es = stack.es()
    es.indices.refresh(index=f"{PREFIX}articles")
    per: dict[str, int] = {}
    bodies: dict[str, str] = {}
    ids: dict[str, set[str]] = {}
    without_url = 0  # the seed articles: no address, stable ids
    for hit in helpers.scan(es, index=f"{PREFIX}articles", query={"query": {"match_all": {}}},
                            _source=["canonical_url", "body", "url"]):
        c = hit["_source"].get("canonical_url")
        if not c:
            without_url += 1
            continue
        per[c] = per.get(c, 0) + 1
        bodies[c] = hit["_source"].get("body") or ""
        ids.setdefault(c, set()).add(hit["_id"])
    expected = site.articles
    lost = sorted(u for u in expected if not per.get(u))
    unexpected = sorted(u for u in per if u not in expected)  # e.g. a copy indexed under its own address
    updates = [u for u, a in expected.items() if a["update"]]
    stale = sorted(u for u in updates if expected[u]["update"] not in bodies.get(u, ""))
    return {
        "documents": sum(per.values()) + without_url,
        "without_url": without_url,
        "canonical_urls": len(per),
        "max_per_canonical_url": max(per.values(), default=0),
        "duplicates": sum(n - 1 for n in per.values() if n > 1),
        "expected": len(expected),
        "lost": len(lost),
        "lost_sample": lost[:5],
        "unexpected": len(unexpected),
        "unexpected_sample": unexpected[:5],
        "updates": len(updates),
        "stale_updates": len(stale),
        "stale_sample": stale[:5],
        "copies_listed": len(site.copies),
        "copies_indexed_apart": sum(1 for u in site.copies if per.get(u)),
    }


def main() -> int:
    import logging

    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    t0 = time.monotonic()
    started = datetime.now()
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    os.chmod(WORK, 0o755)
    stack = Stack()
    atexit.register(stack.stop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: sys.exit(130))
    rehearse.python_packages()
    stack.postgres()
    stack.redis()
    stack.elasticsearch()
    site = SoakSite()
    site.generation(1)
    stack.airflow(site.sources(WORK), Webhook(), schedule=SCHEDULE)
    stack.wait_workers(["a", "b"])
    meter = Meter(stack)
    meter.start()
    up = time.monotonic() - t0
    run(str(AIRFLOW), "dags", "unpause", DAG_ID, env=stack.env)
    say(f"unpaused: {RUNS} scheduled runs on '{SCHEDULE}', {NEW} new articles per feed per run")
    runs: list[dict[str, Any]] = []
    order: list[str] = []  # run ids in the order the scheduler made them
    done: set[str] = set()
    soak_start = time.monotonic()
    while len(done) < RUNS:
        rows = stack.query("select run_id, state, start_date, end_date, data_interval_start, data_interval_end "
                           "from dag_run where run_type = 'scheduled' order by data_interval_start")
        for run_id, state, start, end, ds, de in rows:
            if run_id not in order:
                order.append(run_id)
                if 1 < len(order) <= RUNS:
                    site.generation(len(order))  # the site as this run will find it
            n = order.index(run_id) + 1
            if run_id in done or n > RUNS or state not in ("success", "failed"):
                continue
            done.add(run_id)
            memory, folders = meter.memory(), meter.folders()
            record = {"n": n, "run_id": run_id, "state": state, "seconds": round((end - start).total_seconds(), 1),
                      "start": start.isoformat(), "end": end.isoformat(),
                      "interval": [ds.isoformat(), de.isoformat()], "site": site.generations[n - 1],
                      **run_report(stack, run_id),
                      "retried": [f"{t}[{i}] try {k}" for t, i, k in stack.query(
                          "select task_id, map_index, try_number from task_instance"
                          " where run_id = %s and try_number > 1",
                          run_id)],
                      "memory": memory, "folders": folders}
            runs.append(record)
            c = record.get("counts", {})
            say(f"run {n}/{RUNS}: {state} ({record.get('status')}) in {record['seconds']:.0f} s; new {c.get('new')}, "
                f"updated {c.get('updated_entries')}, indexed {c.get('indexed')}; ES {folders['es data'] / MB:.0f} MB, "
                f"scheduler {memory.get('scheduler', 0) / MB:.0f} MB")
        time.sleep(0.5)
    soak_seconds = time.monotonic() - soak_start
    run(str(AIRFLOW), "dags", "pause", DAG_ID, env=stack.env)
    meter.stop()
    runs.sort(key=lambda r: r["n"])
    index = check_index(stack, site)
    say(f"index: {index['documents']} documents, {index['canonical_urls']} canonical URLs, "
        f"{index['duplicates']} duplicates, "
        f"{index['lost']} of {index['expected']} lost, {index['stale_updates']} of {index['updates']} updates missing")
    names = list(runs[0]["memory"])
    memory = {name: {"first": runs[0]["memory"].get(name), "last": runs[-1]["memory"].get(name),
                     "max": meter.max.get(name)} for name in names}
    folders = {name: {"first": runs[0]["folders"][name], "last": runs[-1]["folders"][name],
                      "max": max(r["folders"][name] for r in runs)} for name in runs[0]["folders"]}
    slowest = max(runs, key=lambda r: r["seconds"])
    problems = []
    if index["duplicates"]:
        problems.append(f"{index['duplicates']} duplicate documents "
                        f"(most per canonical URL: {index['max_per_canonical_url']})")
    if index["lost"]:
        problems.append(f"{index['lost']} expected articles not indexed, e.g. {', '.join(index['lost_sample'])}")
    if index["unexpected"]:
        problems.append(f"{index['unexpected']} documents under an unexpected canonical URL, e.g. "
                        f"{', '.join(index['unexpected_sample'])}")
    if index["stale_updates"]:
        problems.append(f"{index['stale_updates']} updates not in the index, e.g. {', '.join(index['stale_sample'])}")
    for r in runs:
        if r["state"] != "success":
            problems.append(f"run {r['n']} ended {r['state']}")
        if r["retried"]:
            problems.append(f"run {r['n']}: tasks failed a try: {', '.join(r['retried'])}")
    starts = [datetime.fromisoformat(r["start"]) for r in runs]
    gaps = [(b - a).total_seconds() for a, b in zip(starts, starts[1:])]
    data = {
        "kind": "soak",
        "started": started.isoformat(timespec="seconds"),
        "schedule": SCHEDULE,
        "runs_planned": RUNS,
        "runs_completed": len(runs),
        "new_per_feed": NEW,
        "feeds_renewed": FEEDS,
        "cpus": os.cpu_count(),
        "setup_seconds": round(up),
        "soak_seconds": round(soak_seconds),
        "total_seconds": round(time.monotonic() - t0),
        "run_seconds": {"median": sorted(r["seconds"] for r in runs)[len(runs) // 2],
                        "max": slowest["seconds"], "min": min(r["seconds"] for r in runs)},
        "start_gap_seconds": {"median": sorted(gaps)[len(gaps) // 2] if gaps else None, "max": max(gaps, default=None)},
        "slowest": {k: slowest.get(k) for k in ("n", "run_id", "seconds", "state", "status", "counts")},
        "site": site.counts,
        "index": index,
        "memory": memory,
        "memory_samples": meter.samples,
        "folders": folders,
        "runs": runs,
        "problems": problems,
    }
    out = rehearse.RESULTS / f"soak-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    from bench.report import soak_markdown

    print("\n" + soak_markdown(data))
    print(f"\nresults: {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
