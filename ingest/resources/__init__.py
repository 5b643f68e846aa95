"""Package data: sources, the knowledge base, outlet formats, index mappings, Kibana objects, seeds.

Everything the pipeline reads besides its settings ships inside the package,
so a plain ``pip install .`` works from any folder. ``mappings`` and ``seed``
are the top-level ``mappings/`` and ``data/seed/`` folders of the source tree,
installed as the sub-packages ``ingest.resources.mappings`` and
``ingest.resources.seed`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

_SUBPACKAGES = ("mappings", "seed")


def path(name: str) -> Path:
    """The file or folder ``name`` (``"kb/entities.yaml"``, ``"mappings/articles.json"``) as a path."""
    first, _, rest = name.partition("/")
    if first in _SUBPACKAGES:
        root = files(f"{__name__}.{first}")
        target = root.joinpath(rest) if rest else root
    else:
        target = files(__name__).joinpath(name)
    return Path(str(target))


def read_text(name: str) -> str:
    return path(name).read_text(encoding="utf-8")


def load_yaml(text: str) -> Any:
    """Safe YAML through libyaml when PyYAML was built with it (the same data, several times faster: the
    knowledge base and outlet formats are read at every start), else in pure Python."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
