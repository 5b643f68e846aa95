"""Dates from outlet URL ids and yearless datelines, against bench/gold/url_dates.json and datelines.json."""

import json
from datetime import datetime

import pytest

from ingest.extract.dates import dateline_date, url_date
from tests import ROOT

URLS = json.loads((ROOT / "bench" / "gold" / "url_dates.json").read_text(encoding="utf-8"))
DATELINES = json.loads((ROOT / "bench" / "gold" / "datelines.json").read_text(encoding="utf-8"))


def _day(dt):
    return dt.date().isoformat() if dt else None


@pytest.mark.parametrize("case", URLS, ids=lambda c: c["url"])
def test_url_dates(case):
    assert _day(url_date(case["url"])) == case["published"], case["note"]


@pytest.mark.parametrize("case", DATELINES, ids=lambda c: c["text"][:30])
def test_yearless_datelines(case):
    fetched = datetime.fromisoformat(case["fetched_at"].replace("Z", "+00:00")) if case["fetched_at"] else None
    assert _day(dateline_date(case["text"], case["url"], fetched)) == case["published"], case["note"]
