"""The domain knowledge base (``ingest/resources/kb/entities.yaml``) and its alias index.

The KB is data so analysts can extend it without touching code. Lookups go
through :func:`alias_key`, which ignores case, diacritics, spaces, hyphens,
dots and apostrophes: "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" share
one key, so romanisation variants that differ only in spacing need not be
listed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.resources import load_yaml, path as resource_path
from ingest.errors import ConfigError

KB_DIR = resource_path("kb")
TYPES = {"person", "organization", "location"}

# Aliases this short and all upper case (US, UN, EU, AP) must match exactly in
# running text, or "us" and "Un" would become countries.
_STRICT_MAX = 3


@dataclass(frozen=True)
class KBEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    gender: str | None = None
    family_first: bool = False
    surname: str = ""
    demonyms: tuple[str, ...] = ()
    the_aliases: tuple[str, ...] = ()


@dataclass
class KB:
    entities: list[KBEntity]
    by_alias: dict[str, KBEntity] = field(default_factory=dict)
    by_demonym: dict[str, KBEntity] = field(default_factory=dict)
    by_surname: dict[str, list[KBEntity]] = field(default_factory=dict)
    by_the_alias: dict[str, KBEntity] = field(default_factory=dict)
    strict: dict[str, set[str]] = field(default_factory=dict)  # key -> exact spellings
    prefixes: set[str] = field(default_factory=set)
    max_tokens: int = 8
    derived: dict[str, object] = field(default_factory=dict, repr=False)  # indexes other modules build once per KB

    def memo(self, name: str, build):
        """``build(self)``, computed once per KB and kept under ``name``."""
        if name not in self.derived:
            self.derived[name] = build(self)
        return self.derived[name]

    def people_by(self, name: str, keys_of) -> dict[str, list[KBEntity]]:
        """KB people by every key ``keys_of(person)`` gives (a surname in some script), built once per KB."""

        def build(kb: KB) -> dict[str, list[KBEntity]]:
            out: dict[str, list[KBEntity]] = {}
            for ent in kb.entities:
                for key in keys_of(ent) if ent.type == "person" else ():
                    out.setdefault(key, []).append(ent)
            return out

        return self.memo(name, build)

    def lookup(self, text: str) -> KBEntity | None:
        """The entity an alias (in any spelling variant) names, or None."""
        return self.by_alias.get(alias_key(text))

    def demonym(self, text: str) -> KBEntity | None:
        return self.by_demonym.get(alias_key(text))

    def by_surname_unique(self, surname: str) -> KBEntity | None:
        """The one KB person with this surname; None when none or several."""
        found = self.by_surname.get(alias_key(surname)) or []
        return found[0] if len(found) == 1 else None


_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def alias_key(text: str) -> str:
    """Normalise a name for lookup: no case, diacritics, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("", stripped.casefold())


def surname_of(name: str, family_first: bool) -> str:
    words = name.split()
    if not words:
        return ""
    return words[0] if family_first and len(words) > 1 else words[-1]


def person_surnames(ent: KBEntity) -> set[str]:
    """Keys of the surname in every Latin-script spelling ("Zelensky", "Zelenskyy", "Zelenskiy")."""
    keys = {alias_key(ent.surname)} if ent.surname else set()
    for alias in ent.aliases:
        if alias.isascii() and len(alias.split()) > 1:
            keys.add(alias_key(surname_of(alias, ent.family_first)))
    return keys - {""}


def _is_strict(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= _STRICT_MAX and all(c.isupper() for c in letters)


def _entity(raw: dict, where: str) -> KBEntity:
    if not isinstance(raw, dict) or not raw.get("name") or raw.get("type") not in TYPES:
        raise ConfigError(f"{where}: each entry needs a name and a type in {sorted(TYPES)}: {raw!r}")
    family_first = bool(raw.get("family_first", False))
    name = str(raw["name"]).strip()
    return KBEntity(
        name=name,
        type=raw["type"],
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        wikidata=raw.get("wikidata") or None,
        gender=raw.get("gender") or None,
        family_first=family_first,
        surname=str(raw.get("surname") or surname_of(name, family_first)),
        demonyms=tuple(str(d) for d in raw.get("demonyms") or ()),
        the_aliases=tuple(str(a) for a in raw.get("the_aliases") or ()),
    )


def build(entities: list[KBEntity]) -> KB:
    """Index entities by alias; an alias claimed by two entities is an error."""
    kb = KB(entities=entities)
    loose: set[str] = set()
    for ent in entities:
        for alias in (ent.name, *ent.aliases):
            key = alias_key(alias)
            if not key:
                continue
            other = kb.by_alias.get(key)
            if other is not None and other is not ent:
                raise ConfigError(f"alias {alias!r} names both {other.name!r} and {ent.name!r}")
            kb.by_alias[key] = ent
            if _is_strict(alias):
                kb.strict.setdefault(key, set()).add(alias)
            else:
                loose.add(key)
            kb.max_tokens = max(kb.max_tokens, len(alias.split()) * 3)
        for dem in ent.demonyms:
            kb.by_demonym[alias_key(dem)] = ent
        for word in ent.the_aliases:
            kb.by_the_alias[word] = ent
        if ent.type == "person":
            for surname in person_surnames(ent):
                kb.by_surname.setdefault(surname, []).append(ent)
    kb.strict = {k: v for k, v in kb.strict.items() if k not in loose}
    for key in kb.by_alias:
        for i in range(1, len(key) + 1):
            kb.prefixes.add(key[:i])
    return kb


def kb_files(path: Path | str | None = None) -> list[Path]:
    """The KB's files: ``path`` itself, or every ``entities*.yaml`` of the shipped KB folder."""
    if path is not None:
        return [Path(path)]
    return sorted(KB_DIR.glob("entities*.yaml"))


def _read(path: Path) -> list[KBEntity]:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read KB file {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"KB file {path} is not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise ConfigError(f"KB file {path} must be a list of entities")
    return [_entity(item, str(path)) for item in raw]


def load(path: Path | str | None = None) -> KB:
    """Read and index the KB (uncached; see :func:`get_kb`): one file, or all the shipped ones."""
    entities = [e for f in kb_files(path) for e in _read(f)]
    names = [e.name for e in entities]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"KB entities defined twice: {', '.join(dupes[:10])}")
    return build(entities)


@lru_cache(maxsize=4)
def get_kb(path: str | None = None) -> KB:
    """The KB, loaded once per process (and path)."""
    return load(path)
