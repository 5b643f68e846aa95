"""The generated parts of the docs site, written into the pages by cog.

``make docs`` runs ``cog -r`` over the pages (regenerating these blocks), then
``mkdocs build --strict``; ``tests/integration/test_docs.py`` runs ``cog --check``,
so a command, an option, a setting or a result file the pages do not match fails
the suite. The command reference comes from the argparse parser, the settings
table from the pydantic model (nested sections included), the figures from the
results files under ``bench/results/``.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

ROOT = Path(__file__).resolve().parent.parent


def _on_path() -> None:
    """This checkout's ingest/ and bench/ importable (cog resets sys.path between blocks)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def _results(name: str) -> dict[str, Any]:
    _on_path()
    return json.loads((ROOT / "bench" / "results" / name).read_text(encoding="utf-8"))
MEANINGS = ROOT / "docs" / "settings.yaml"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ---- the command line -----------------------------------------------------------------------------


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _option(action: argparse.Action) -> str:
    if not action.option_strings:
        name = action.metavar or action.dest.upper()
        return f"`{name}`" + (" ..." if action.nargs in ("*", "+") else "")  # a pipe in a code span stays in its cell
    flags = ", ".join(f"`{o}`" for o in action.option_strings)
    if action.nargs == 0:
        return flags
    metavar = action.metavar or ("{" + ",".join(action.choices) + "}" if action.choices else action.dest.upper())
    return f"{flags} `{metavar}`"


def _help(action: argparse.Action) -> str:
    text = action.help or ""
    if isinstance(action, argparse._AppendAction):
        text += " (repeatable)" if "repeatable" not in text else ""
    if action.choices and action.option_strings:
        text += f"; one of {', '.join(f'`{c}`' for c in action.choices)}"
    return _cell(text)


def cli_reference() -> str:
    """One section per command: what it does, its usage line, a table of its arguments."""
    _on_path()
    from ingest.cli import build_parser

    out: list[str] = []
    commands: list[tuple[str, argparse.ArgumentParser]] = []
    for name, sub in _subcommands(build_parser()).items():
        commands.append((name, sub))
        if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):  # `ingest watch add`, ...
            commands += [(f"{name} {inner}", p) for inner, p in _subcommands(sub).items()]
    for name, sub in commands:
        usage = " ".join(sub.format_usage().split()).removeprefix("usage: ")  # the terminal's width plays no part
        usage = textwrap.fill(usage, width=78, subsequent_indent=" " * (len(name) + 8), break_on_hyphens=False)
        about = (sub.description or "").rstrip(".")
        out += [f"## `ingest {name}`", "", about[:1].upper() + about[1:] + ".", "", "```text", usage, "```", ""]
        out += ["| argument | meaning |", "| --- | --- |"]
        out += [f"| {_option(a)} | {_help(a)} |" for a in sub._actions if a.help != argparse.SUPPRESS and "--help" not in a.option_strings]
        out.append("")
    return "\n".join(out).rstrip()


# ---- the settings ------------------------------------------------------------------------------------


def _is_section(info: FieldInfo) -> bool:
    return isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel)


def _prefix(model: type[BaseModel]) -> str:
    return str(model.model_config.get("env_prefix") or "")


def settings_rows(model: type[BaseModel] | None = None, prefix: str | None = None) -> Iterator[tuple[str, str, FieldInfo]]:
    """(environment variable, dotted path, field) for every setting, sections walked recursively.

    A section with its own ``env_prefix`` names its variables with it; one without
    takes its parent's prefix, the section's name and the parent's
    ``env_nested_delimiter`` (pydantic-settings' rule for nested models).
    """
    _on_path()
    from ingest import settings

    model = model or settings.Settings
    prefix = _prefix(model) if prefix is None else prefix
    for name, info in model.model_fields.items():
        if _is_section(info):
            section = info.annotation
            delimiter = model.model_config.get("env_nested_delimiter") or "_"
            inner = _prefix(section) or f"{prefix}{name.upper()}{delimiter}"
            for env, path, field in settings_rows(section, inner):
                yield env, f"{name}.{path}", field
            continue
        env = (f"{prefix}{name}" if prefix else settings.env_name(name)).upper()
        yield env, _section_of(model, name) + name, info


def _section_of(model: type[BaseModel], name: str) -> str:
    """``es.`` for a flat field of :class:`Settings` that its ``es`` section holds (the first that does)."""
    from ingest import settings

    if model is not settings.Settings:
        return ""
    return next((f"{section}." for section, kind in settings.SECTIONS.items() if name in kind.model_fields), "")


def _default(info: FieldInfo) -> str:
    if info.default_factory is not None:
        value: Any = info.default_factory()
    elif info.default is PydanticUndefined:
        return "(required)"
    else:
        value = info.default
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, Path):
        home = str(Path.home())
        value = str(value).replace(home, "~", 1) if str(value).startswith(home) else value
    return f"`{value}`"


def _type(info: FieldInfo) -> str:
    """The field's type with its bounds: ``float > 0``, ``int 1–64 or empty``."""
    import types
    import typing

    annotation = info.annotation
    optional = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        annotation = args[0] if len(args) == 1 else annotation
    if typing.get_origin(annotation) is typing.Literal:
        name = " \\| ".join(str(a) for a in typing.get_args(annotation))
    else:
        name = {"str": "text", "Path": "path", "bool": "true/false"}.get(getattr(annotation, "__name__", ""),
                                                                       getattr(annotation, "__name__", str(annotation)))
    bounds = []
    for m in info.metadata:
        for attr, sign in (("gt", ">"), ("ge", "≥"), ("lt", "<"), ("le", "≤")):
            if getattr(m, attr, None) is not None:
                bounds.append(f"{sign} {getattr(m, attr)}")
        if getattr(m, "min_length", None):
            bounds.append("not empty")
    return " ".join([name, ", ".join(bounds)]).strip() + (" or empty" if optional else "")


def meanings() -> dict[str, Any]:
    return yaml.safe_load(MEANINGS.read_text(encoding="utf-8"))


def settings_table() -> str:
    """The settings table: variable, default, meaning (from ``docs/settings.yaml``)."""
    known = meanings()
    out = ["| variable | type | default | meaning |", "|---|---|---|---|"]
    section = ""
    for env, path, info in settings_rows():
        if path.rpartition(".")[0] != section:
            section = path.rpartition(".")[0]
            out.append(f"| **{section}** | | | |")
        entry = known.get(env)
        if entry is None:
            raise ValueError(f"{env} has no meaning in {MEANINGS.relative_to(ROOT)}: add one")
        if isinstance(entry, str):
            entry = {"meaning": entry}
        default = entry.get("default") or _default(info)
        out.append(f"| `{env}` | {_type(info)} | {_cell(default)} | {_cell(entry['meaning'].strip())} |")
    stale = set(known) - {env for env, _, _ in settings_rows()}
    if stale:
        raise ValueError(f"{MEANINGS.relative_to(ROOT)} describes settings that no longer exist: {sorted(stale)}")
    return "\n".join(out)


# ---- results files ---------------------------------------------------------------------------------


def bench_tables(name: str) -> str:
    """The tables of one ``make bench`` results file, as bench/report.py renders them."""
    data = _results(name)
    from bench.report import markdown

    return markdown(data)


def rehearsal_table(name: str) -> str:
    """The fault table and summary of one ``make rehearse`` results file."""
    data = _results(name)
    from bench.report import rehearsal_markdown

    return rehearsal_markdown(data)


def soak_table(name: str) -> str:
    """The tables of one ``make soak`` results file."""
    data = _results(name)
    from bench.report import soak_markdown

    return soak_markdown(data)


def web_table(name: str) -> str:
    """The page and whole-process tables of one ``python -m bench.web --json`` results file."""
    data = _results(name)
    from bench.report import web_markdown

    return web_markdown(data)


def heldout_table(name: str) -> str:
    """The whole-process table of one ``make bench-heldout`` results file."""
    data = _results(name)
    from bench.report import heldout_markdown

    return heldout_markdown(data)
