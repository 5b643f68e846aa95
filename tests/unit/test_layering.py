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


# The modules that hold a whole Settings and hand each module below its section (ingest/settings.py).
WHOLE_SETTINGS = {PACKAGE / "settings.py", PACKAGE / "stages.py", PACKAGE / "runner.py", PACKAGE / "add.py"}
SETTINGS_IMPORT = re.compile(r"^\s*from ingest\.settings import [^\n]*\bSettings\b", re.M)


def test_below_the_stages_each_module_takes_its_section_not_the_whole_settings():
    whole = [str(p.relative_to(ROOT)) for p in _library_modules()
             if p not in WHOLE_SETTINGS and SETTINGS_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert not whole, f"these modules take the whole Settings (give them their section: cfg.es, cfg.fetch, ...): {whole}"


# Helpers other modules share with the stages (ingest.add); no DAG task calls them.
SHARED_HELPERS = {"enrich_in_place"}


def test_every_public_stage_function_returns_a_typed_result():
    """No stage hands back a plain dict: each public function of ingest/stages.py names its typed result."""
    import dataclasses
    import inspect
    import typing

    from ingest import stages
    from ingest.results import StageResult

    untyped = {}
    for name, fn in inspect.getmembers(stages, inspect.isfunction):
        if name.startswith("_") or fn.__module__ != stages.__name__ or name in SHARED_HELPERS:
            continue
        returned = typing.get_type_hints(fn).get("return")
        inner = typing.get_args(returned)[0] if typing.get_origin(returned) is list else returned
        # a class of its own: a dataclass, and not the results' shared base (each stage has its own result)
        if not (inspect.isclass(inner) and dataclasses.is_dataclass(inner)) or inner is StageResult:
            untyped[name] = returned
    assert not untyped, f"these stage functions return no typed result: {untyped}"
