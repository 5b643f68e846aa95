"""Every command and every option is in the docs' command reference (docs/cli.md), and --json is on every command."""

from __future__ import annotations

import argparse
import re

from ingest import cli
from tests import ROOT


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _reference_sections() -> dict[str, str]:
    """The text of each command's section in docs/cli.md (``## `ingest NAME` ``)."""
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parts = re.split(r"^## `ingest ([a-z-]+)`$", page, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_every_command_is_documented_with_its_options():
    sections = _reference_sections()
    for name, sub in _subparsers().items():
        assert name in sections, f"docs/cli.md lacks `ingest {name}`"
        for action in sub._actions:
            longs = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
            if longs:
                assert all(f"`{o}`" in sections[name] for o in longs), f"`ingest {name}`: {longs[0]} is not in its section"
    assert set(sections) == set(_subparsers()), "docs/cli.md documents a command the parser does not have"


def test_every_command_takes_json():
    for name, sub in _subparsers().items():
        assert any("--json" in a.option_strings for a in sub._actions), name
