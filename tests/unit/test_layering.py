"""The layout's rules, checked: nothing below the CLI and the DAG reads the environment; modules stay small."""

from __future__ import annotations

import re

from tests import ROOT

PACKAGE = ROOT / "ingest"
ENTRY_POINTS = {PACKAGE / "cli"}
ENV_READ = re.compile(r"\bos\.environ\b|\bos\.getenv\b|\bgetenv\(")


def _library_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if not any(path.is_relative_to(entry) for entry in ENTRY_POINTS):
            yield path


def test_no_library_module_reads_the_environment():
    readers = [str(p.relative_to(ROOT)) for p in _library_modules() if ENV_READ.search(p.read_text(encoding="utf-8"))]
    assert not readers, f"these modules read the environment (settings must be passed in): {readers}"


def test_no_module_is_over_450_lines():
    big = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert not big, big
