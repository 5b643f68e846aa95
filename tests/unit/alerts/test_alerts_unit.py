"""Alerts without a server: the signature, the record ids, the payload, the e-mail, grouping by story."""

from __future__ import annotations

import hashlib
import hmac
import json

from ingest.alerts import deliver, match
from ingest.alerts.watches import Watch
from ingest.coverage import Coverage, Related
from ingest.settings import Settings

BASE = "http://ws.example"


def test_signature_is_the_hmac_of_the_exact_body_and_verifies():
    body = deliver.encode({"b": 1, "a": "Зиновьев"})
    assert body == '{"a":"Зиновьев","b":1}'.encode()
    sig = deliver.sign(body, "k")
    assert sig == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()
    assert deliver.verify(body, sig, "k")
    assert not deliver.verify(body + b" ", sig, "k") and not deliver.verify(body, sig, "other")
    assert not deliver.verify(body, "", "k")


def test_record_ids_are_deterministic_per_watch_and_story():
    assert deliver.record_id("w", "s") == deliver.record_id("w", "s")
    assert len({deliver.record_id("w", "s"), deliver.record_id("w", "t"), deliver.record_id("v", "s"),
                deliver.record_id("w\x00", "s")}) == 4
    assert deliver.record_id("w", "s") != deliver.record_id("ws", "")


def _hit(id_, lang, date, source, cluster=None, hl=()):
    return {"_id": id_, "_source": {"id": id_, "language": lang, "date": date, "source": source, "title": f"T {id_}",
                                    "cluster_id": cluster or id_, "url": f"https://{source}/{id_}"},
            "highlight": {"body": list(hl)}}


def _rel(id_, lang, date, source):
    return Related(id=id_, title=f"T {id_}", source=source, language=lang, date=date, url=f"https://{source}/{id_}")


def test_grouping_one_story_for_linked_matches_with_copies_and_other_languages():
    hits = [_hit("en1", "en", "2024-10-21T10:00:00+09:00", "koreaherald", hl=["\ue000Zinoviev\ue001 was summoned"]),
            _hit("ko1", "ko", "2024-10-21T11:32:00+09:00", "news1"),
            _hit("far", "en", "2024-12-01T00:00:00+00:00", "nknews")]
    cover = {
        "en1": Coverage(copies=(_rel("en0", "en", "2024-10-21T09:00:00+09:00", "yonhap"),),
                        other_languages=(_rel("ko1", "ko", "2024-10-21T11:32:00+09:00", "news1"),
                                         _rel("ru1", "ru", "2024-10-22T09:30:00+03:00", "ria"))),
        "ko1": Coverage(other_languages=(_rel("en1", "en", "2024-10-21T10:00:00+09:00", "koreaherald"),)),
        "far": Coverage(),
    }
    stories = match.group(hits, cover, BASE, "zin")
    assert len(stories) == 2
    story = stories[0].item
    assert stories[0].key == "en0"  # the earliest article: a copy found by coverage
    assert [a["id"] for a in story["articles"]] == ["en0", "en1", "ko1", "ru1"]
    assert {a["id"]: a["role"] for a in story["articles"]} == {"en0": "copy", "en1": "match", "ko1": "match",
                                                              "ru1": "other_language"}
    assert story["new"] == ["en1", "ko1"] and story["languages"] == ["en", "ko", "ru"]
    assert story["url"] == f"{BASE}/article/en0"
    assert story["summary"] == "yonhap, koreaherald; also in Korean: news1; also in Russian: ria"
    assert story["articles"][1]["highlights"] == ["Zinoviev was summoned"]  # marks dropped: plain text
    assert stories[1].key == "far" and stories[1].item["articles"][0]["source_url"] == "https://nknews/far"


def test_payload_and_escaped_email():
    w = Watch("zin", "Zinoviev")
    article = {"title": "<b>bold</b>", "outlet": "o", "language": "en", "date": "2024-10-21", "url": "u",
               "highlights": ["<i>x</i>"]}
    item = {"story": "s", "title": "<img src=x onerror=alert(1)>", "summary": "a & b", "url": 'http://x/"><script>',
            "dates": {"first": "2024-10-21"}, "articles": [article]}
    body = deliver.payload(w, [item])
    assert body["type"] == "ingest.alert.story" and body["watch"] == "zin" and body["stories"] == [item]
    assert deliver.payload(w, [item], kind="digest", day="2024-10-21")["day"] == "2024-10-21"
    subject, text, html = deliver.render_email(w, [item])
    assert subject == "[ingest] zin: 1 new story"
    assert "<img" not in html and "<b>" not in html and "<i>" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&quot;&gt;&lt;script&gt;" in html
    assert "<img src=x onerror=alert(1)>" in text  # the text part is text


def test_the_secret_and_smtp_password_are_masked_and_never_repr():
    cfg = Settings(alert_secret="topsecret", smtp_password="pw")
    shown = json.dumps(cfg.public())
    assert "topsecret" not in shown and "pw\"" not in shown and cfg.public()["alert_secret"] == "***"
    assert "topsecret" not in repr(cfg) and "topsecret" not in repr(cfg.alerts)
    mailer = deliver.SmtpMailer.from_settings(Settings(smtp_host="h", smtp_password="pw").alerts)
    assert "pw" not in repr(mailer)


def test_a_watch_query_refused_before_elasticsearch_and_entity_filter():
    import pytest

    from ingest.errors import BadQuery

    with pytest.raises(BadQuery):
        Watch("x", '"open').query_body()
    q = Watch("x", "Zinoviev", entities=["Georgy Zinoviev"], languages=["ru"]).query_body()
    flt = q["bool"]["filter"]
    assert {"terms": {"language": ["ru"]}} in flt
    assert any("should" in f.get("bool", {}) for f in flt)


def test_the_dag_layer_resolves_smtp_default_into_a_mailer(monkeypatch):
    from ingest import ops

    monkeypatch.setenv("AIRFLOW_CONN_SMTP_DEFAULT", json.dumps({
        "conn_type": "smtp", "host": "mail.example.org", "port": 2525, "login": "u", "password": "p4ss",
        "extra": {"from_email": "alerts@example.org", "disable_tls": True}}))
    mailer = ops.airflow_mailer()
    assert (mailer.host, mailer.port, mailer.user, mailer.password, mailer.sender, mailer.starttls) == (
        "mail.example.org", 2525, "u", "p4ss", "alerts@example.org", False)
    assert "p4ss" not in repr(mailer)
    monkeypatch.delenv("AIRFLOW_CONN_SMTP_DEFAULT")
    assert ops.airflow_mailer("no_such_connection") is None
