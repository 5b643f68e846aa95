"""ingest.extract.decode: charsets, BOMs, NUL bytes, input checks."""

from __future__ import annotations

import pytest

from ingest.extract import Rejected, extract
from ingest.extract.decode import MAX_INPUT_BYTES, bounded, check_input, decode_html

from .pages import page

RU = "Россия и Северная Корея подписали договор о всеобъемлющем стратегическом партнерстве в Пхеньяне."
KO = "북한과 러시아가 포괄적 전략적 동반자 관계 조약을 체결했다고 외교부가 밝혔다."


def html_doc(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    "text, encoding, content_type, meta",
    [
        (RU, "windows-1251", "text/html; charset=windows-1251", ""),  # header
        (RU, "windows-1251", None, '<meta charset="windows-1251">'),  # meta charset
        (RU, "koi8-r", None, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'),
        (RU, "windows-1251", "text/html; charset=iso-8859-1", ""),  # header wrong
        (RU, "windows-1251", None, '<meta charset="iso-8859-1">'),  # meta wrong
        (RU, "windows-1251", None, ""),  # nothing declared
        (RU, "koi8-r", None, ""),
        (KO, "euc-kr", "text/html; charset=EUC-KR", ""),
        (KO, "cp949", None, '<meta charset="ks_c_5601-1987">'),
        (KO, "euc-kr", None, ""),
        (KO, "euc-kr", "text/html; charset=utf-8", ""),  # claims UTF-8, is not
        (KO, "utf-8", "text/html; charset=iso-8859-1", ""),  # UTF-8 served as Latin-1
        (RU, "utf-8", None, ""),
        ("Café in Zürich: Seoul–Moscow talks", "utf-8", None, ""),
        ("Café in Zürich: naïve résumé façade", "windows-1252", "text/html; charset=iso-8859-1", ""),
    ],
)
def test_decode_html(text, encoding, content_type, meta):
    raw = html_doc(text, meta).encode(encoding)
    assert text in decode_html(raw, content_type)


def test_decode_bom_wins_over_wrong_meta_and_nul_removed():
    raw = b"\xef\xbb\xbf" + html_doc(KO, '<meta charset="windows-1252">').encode("utf-8")
    out = decode_html(raw)
    assert KO in out and not out.startswith("\ufeff")
    assert "\x00" not in decode_html(b"<p>a\x00b</p>" + RU.encode("utf-8"))
    assert "ab" in decode_html(b"<p>a\x00b</p>")


def test_wrong_charset_and_undeclared_fixture_pages():
    c = extract(page("wrong_charset_cp1251.html"), content_type="text/html; charset=ISO-8859-1")
    assert c.language == "ru" and "Пхеньян" in c.title
    c = extract(page("no_charset_koi8r.html"))
    assert c.language == "ru" and c.title.startswith("Товарооборот России и Южной Кореи")
    c = extract(page("utf8_bom_kursk.html"))
    assert c.title.startswith("Captured North Korean soldiers")


def test_truncated_page_still_extracts():
    c = extract(page("truncated_fishing.html"))
    assert c.title.startswith("South Korea and Russia agree fishing quotas")
    assert c.body.rstrip().endswith("Industry groups in Busan welcomed the ag")


@pytest.mark.parametrize(
    "raw, content_type, reason",
    [
        (b"", None, "empty"),
        (b"   \n\t  ", None, "empty"),
        (b"\x00\x00\n", None, "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary"),
        (b"<html>" + bytes(range(1, 9)) * 100, None, "binary"),  # control bytes
        (b'{"articles": []}', "application/json", "not_html"),
        (b"just some plain words, no markup at all " * 20, None, "not_html"),
    ],
)
def test_check_input(raw, content_type, reason):
    with pytest.raises(Rejected) as err:
        check_input(raw, content_type)
    assert err.value.reason == reason
    with pytest.raises(Rejected) as err:
        extract(raw, content_type=content_type)
    assert err.value.reason == reason and str(err.value).startswith(reason)


def test_input_is_cut_before_parsing():
    assert len(bounded(b"x" * (MAX_INPUT_BYTES + 10))) == MAX_INPUT_BYTES
    with pytest.raises(Rejected) as err:
        bounded(None)
    assert err.value.reason == "empty"
    check_input(b"<html><body><p>fine</p></body></html>", "text/html; charset=utf-8")  # no exception
