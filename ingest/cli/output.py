"""How every command speaks: text for people, ``--json`` for machines, errors on one line.

* ``--json``: one JSON object per result, one per line (a single result is one
  line), UTF-8, nothing else on stdout; pipe through ``jq -s`` for an array.
* text: through rich, so colours, bold highlights and progress bars appear on
  a terminal and vanish in a pipe or a file.
* a failed input (a file, a URL): one line on stderr, ``ingest COMMAND: WHAT:
  why``; the other inputs still go through, and the exit code is 1.
"""

from __future__ import annotations

import json
import re
import sys
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, TypeVar

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ingest.errors import one_line

T = TypeVar("T")
_EM = re.compile(r"<em>(.*?)</em>", re.S)


class Output:
    def __init__(self, command: str, as_json: bool = False) -> None:
        self.command = command
        self.json = as_json
        self.out = Console(highlight=False, soft_wrap=True)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.failed = 0

    # -- results ----------------------------------------------------------------------

    def emit(self, obj: Any) -> None:
        """One result as a JSON line (``--json``); text output is the caller's, through :meth:`line`."""
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()

    def line(self, text: str = "", style: str | None = None) -> None:
        """A line of plain text (escaped: brackets in titles are not markup)."""
        self.out.print(escape(text), style=style)

    def markup(self, text: str) -> None:
        self.out.print(text)

    def highlighted(self, fragment: str, prefix: str = "    … ", suffix: str = " …") -> None:
        """A search fragment: ``<em>`` marks shown bold on a terminal, dropped in plain text."""
        flat = " ".join(fragment.split())
        parts, last = [], 0
        for m in _EM.finditer(flat):
            parts.append(escape(flat[last:m.start()]))
            parts.append(f"[bold yellow]{escape(m.group(1))}[/]")
            last = m.end()
        parts.append(escape(flat[last:]))
        self.out.print(escape(prefix) + "".join(parts) + escape(suffix))

    # -- failures -------------------------------------------------------------------------

    def fail(self, what: str, why: object) -> None:
        """One input failed: one line on stderr; the command goes on."""
        self.failed += 1
        print(f"ingest {self.command}: {what}: {one_line(why)}", file=sys.stderr)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    # -- progress ---------------------------------------------------------------------------

    @contextmanager
    def progress(self, description: str, total: int | None) -> Iterator[Progress]:
        """A progress bar on stderr, only on a terminal."""
        bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=self.err, transient=True, disable=not self.err.is_terminal,
        )
        with bar:
            bar.add_task(description, total=total)
            yield bar

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        items = list(items) if total is None else items
        with self.progress(description, total if total is not None else len(items)) as bar:  # type: ignore[arg-type]
            task = bar.task_ids[0]
            for item in items:
                yield item
                bar.advance(task)
