"""ingest.cli.output: one JSON object per line, highlights, one-line failures."""

from __future__ import annotations

import json

from ingest.cli.output import Output


def test_json_is_one_object_per_line(capsys):
    out = Output("search", as_json=True)
    out.emit({"title": "Пхеньян", "n": 1})
    out.emit({"title": "평양"})
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["Пхеньян", "평양"]


def test_highlights_lose_their_tags_in_plain_text_and_brackets_stay_text(capsys):
    Output("search").highlighted("the <em>red line</em> [not markup] <em>Seoul</em>")
    printed = capsys.readouterr().out
    assert "<em>" not in printed and "red line" in printed and "[not markup]" in printed


def test_a_failed_input_is_one_line_and_sets_the_exit_code(capsys):
    out = Output("extract")
    out.fail("a.html", "skipped:\nempty")
    assert capsys.readouterr().err == "ingest extract: a.html: skipped: empty\n"
    assert out.exit_code == 1


def test_progress_is_silent_when_not_on_a_terminal(capsys):
    out = Output("enrich")
    assert list(out.track([1, 2, 3], "enriching")) == [1, 2, 3]
    assert capsys.readouterr().err == ""


def test_highlights_are_bold_on_a_terminal():
    import io

    from rich.console import Console

    out = Output("search")
    buffer = io.StringIO()
    out.out = Console(file=buffer, force_terminal=True, color_system="standard")
    out.highlighted("a <em>red line</em> b")
    shown = buffer.getvalue()
    assert "\x1b[" in shown and "<em>" not in shown and "red line" in shown
