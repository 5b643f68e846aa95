"""Every command and every option is in the README's command table, and --json is on every command."""

from __future__ import annotations

import argparse
import re

from ingest import cli
from tests import ROOT


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _readme_rows() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## The command line"):]
    table = table[: table.index("\n## ", 5)]
    rows: dict[str, str] = {}
    for line in table.splitlines():
        for name in re.findall(r"`ingest ([a-z-]+)", line.split("|")[1] if line.startswith("|") else ""):
            rows[name] = line
    return rows


def test_every_command_is_documented_with_its_options():
    rows = _readme_rows()
    for name, sub in _subparsers().items():
        assert name in rows, f"README's command table lacks `ingest {name}`"
        for action in sub._actions:
            longs = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
            if longs:
                assert any(o in rows[name] for o in longs), f"`ingest {name}`: {longs[0]} is not in its README row"


def test_every_command_takes_json():
    for name, sub in _subparsers().items():
        assert any("--json" in a.option_strings for a in sub._actions), name
