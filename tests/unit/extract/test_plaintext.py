import pytest

from ingest.errors import Rejected
from ingest.extract.plaintext import plain_article, read_article_file, split_title


def test_headline_line_then_body():
    assert split_title("Seoul and Moscow talk\n\nFirst paragraph.\n\nSecond.") == (
        "Seoul and Moscow talk", "First paragraph.\n\nSecond.")


def test_a_first_line_ending_like_a_sentence_is_body():
    assert split_title("Seoul said so.\n\nMore text.") == ("", "Seoul said so.\n\nMore text.")


def test_bom_and_crlf():
    assert plain_article("\ufeffHead\r\n\r\nBody text.".encode("utf-8")) == ("Head", "Body text.")


@pytest.mark.parametrize("raw, reason", [
    (b"\x00\x01binary", "binary"),
    ("Caf\xe9".encode("latin-1"), "encoding"),
    (b"  \n\n ", "empty"),
])
def test_bad_bytes_are_rejected_with_a_reason(raw, reason):
    with pytest.raises(Rejected) as info:
        plain_article(raw)
    assert info.value.reason == reason


def test_unreadable_file(tmp_path):
    with pytest.raises(Rejected) as info:
        read_article_file(tmp_path / "missing.txt")
    assert info.value.reason == "unreadable"
