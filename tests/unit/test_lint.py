"""ruff and vulture are clean over the code (settings: pyproject.toml; allowlist: vulture_allowlist.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests import ROOT

PATHS = ["ingest", "dags", "scripts", "bench", "tests"]
BIN = Path(sys.executable).parent  # the venv's own ruff and vulture (pinned in the dev extra)


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    proc = run("ruff", "check", "--no-cache", "--output-format", "concise", *PATHS, "vulture_allowlist.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_vulture_finds_no_dead_code():
    proc = run("vulture")  # paths, exclusions and min_confidence from [tool.vulture]
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_vulture_checks_the_paths_ruff_checks():
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["vulture"]
    assert set(PATHS) | {"vulture_allowlist.py"} == set(conf["paths"])


def test_vulture_would_report_a_dead_function(tmp_path):
    """The check can fail: an uncalled function in a file of its own is reported."""
    dead = tmp_path / "dead.py"
    dead.write_text("def never_called():\n    return 1\n", encoding="utf-8")
    proc = run("vulture", str(dead), "--min-confidence", "60")
    assert proc.returncode != 0 and "never_called" in proc.stdout
