"""ingest.extract.language: the text decides; <html lang> only when there is too little text."""

from __future__ import annotations

from ingest.extract import extract
from ingest.extract.language import declared, detect, language
from ingest.extract.text import parse_html

from .pages import article


def test_language_falls_back_to_html_lang_only_without_text():
    # Text decides even when the html lang attribute is wrong.
    raw = article().replace(b"lang='en'", b"lang='ru'")
    assert extract(raw).language == "en"


def test_detect_and_declared():
    assert detect("Россия и Северная Корея подписали договор о стратегическом партнерстве.") == "ru"
    assert detect("북한과 러시아가 포괄적 전략적 동반자 관계 조약을 체결했다.") == "ko"
    assert detect("short") is None
    assert declared(parse_html("<html lang='ko-KR'><body></body></html>")) == "ko"
    assert declared(parse_html("<html lang='x'><body></body></html>")) is None
    assert language("tiny", parse_html("<html lang='ru'><body></body></html>")) == "ru"
