"""ingest.report: the run report is built from typed stage results."""

from __future__ import annotations

import pytest

from ingest import report
from ingest.models import BatchRef, Candidate, Counts, RunStatus
from ingest.results import Discovered, Fetched, IndexCounts, Indexed, SeedCounts, Seeded


def _discover(name: str, new: int = 0, error: str | None = None, not_modified: bool = False) -> Discovered:
    r = Discovered(seconds=0.5, source=name, error=error)
    r.counts.new = r.counts.discovered = new
    r.counts.not_modified = int(not_modified)
    if error:
        r.counts.failed = 1
        r.reason("source_failed", error)
    return r


def test_counts_reasons_durations_and_sources_add_up():
    fetched = Fetched(seconds=1.0, source="yonhap", batch=BatchRef("r", "yonhap", "fetched"))
    fetched.counts.fetched = 3
    fetched.counts.failed = 1
    fetched.reason("fetch_failed", "timeout")
    indexed = Indexed(seconds=2.0, counts=IndexCounts(indexed=2, updated=1))
    done = report.build("run-1", [_discover("yonhap", new=4), fetched, indexed, None, _discover("tass", not_modified=True)])
    assert done.counts.indexed == 2 and done.counts.updated == 1 and done.counts.fetched == 3
    assert done.counts.new == 4 and done.counts.not_modified == 1 and done.counts.failed == 1
    assert done.reasons == {"fetch_failed": {"timeout": 1}}
    assert done.durations == {"discover": 1.0, "fetch": 1.0, "index": 2.0}
    assert done.sources["yonhap"] == {"discovered": 4, "new": 4, "fetched": 3, "not_modified": False, "error": None}
    assert done.sources["tass"]["not_modified"] is True
    assert done.status == RunStatus.PARTIAL  # a page failed, the run went on


def test_status_success_partial_failed():
    assert report.build("r", [_discover("a", new=1)]).status == RunStatus.SUCCESS
    assert report.build("r", [_discover("a", error="timeout")]).status == RunStatus.PARTIAL
    failed = report.build("r", [_discover("a", new=1)], failed_stages=["clean", "clean"])
    assert failed.status == RunStatus.FAILED and failed.failed_stages == ["clean"]
    assert "failed stages: clean" in report.summary_text(failed)


def test_results_arrive_as_dicts_from_xcom_too():
    r = _discover("yonhap", new=2)
    r.candidates = [Candidate(url="https://x.example/a", link="https://x.example/a?utm_source=1", source="yonhap")]
    done = report.build("r", [r.to_dict()])
    assert done.counts.new == 2


def test_a_misspelt_count_is_an_error_not_a_silent_zero():
    with pytest.raises(ValueError, match="unknown count"):
        Counts.from_dict({"indexd": 1})
    with pytest.raises(AttributeError):
        Counts().indexd  # noqa: B018


def test_the_document_and_its_summary():
    doc = report.build("run-7", [Seeded(counts=SeedCounts(seeds=2, indexed=2))]).to_doc()
    assert doc["status"] == "success" and doc["counts"]["seeds"] == 2
    assert doc["summary"].splitlines()[0].startswith("run run-7: success · 2 indexed")
    assert isinstance(doc["started_at"], str) and isinstance(doc["finished_at"], str)


def test_failed_pages_are_counted_apart_from_failed_sources():
    fetched = Fetched(seconds=1.0, source="yonhap", batch=BatchRef("r", "yonhap", "fetched"))
    fetched.counts.failed = 2
    fetched.reason("fetch_failed", "timeout")
    fetched.reason("fetch_failed", "http_503")
    done = report.build("r", [_discover("yonhap", new=2), _discover("dead", error="connection"), fetched])
    assert done.counts.failed == 3 and done.failed_sources == 1 and done.failed_pages == 2
    doc = done.to_doc()
    assert doc["failed_sources"] == 1 and doc["failed_pages"] == 2
    assert "2 pages failed, 1 source failed" in doc["summary"].splitlines()[0]
    assert report.partial_note(doc) == ("partial: 1 source failed: dead (connection); "
                                        "2 pages failed (timeout 1, http_503 1) (ingest report --json r)")
