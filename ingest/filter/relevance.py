"""Is an article about relations between Russia and either Korea? A score and a reason.

Both sides must be present: a Russia-side term AND a Korea-side term. The weaker
side decides the score, relation words (ties, sanctions, treaty ...) add a capped
bonus, and title hits count more. The term lists and weights are data, in
``ingest/resources/kb/terms.yaml``; the formula is documented there.

Reasons are short and machine-friendly: ``relevant``, ``no_russia_terms``,
``no_korea_terms``, ``below_threshold(1.5<2.0)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from ingest.resources import path as resource_path
from ingest.errors import ConfigError
from ingest.filter.terms import TermList, match_many, number, parse_weights, read_yaml

TERMS_FILE = resource_path("kb/terms.yaml")


@dataclass
class Relevance:
    score: float
    relevant: bool
    reason: str
    korea_hits: dict[str, int] = field(default_factory=dict)
    russia_hits: dict[str, int] = field(default_factory=dict)
    relation_hits: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RelevanceRules:
    korea: TermList
    russia: TermList
    relation: TermList
    title_weight: float = 3.0
    bonus_factor: float = 0.5
    bonus_cap: float = 3.0


@lru_cache(maxsize=8)
def load_rules(path: Path = TERMS_FILE) -> RelevanceRules:
    """Compile the term lists once per file."""
    data = read_yaml(path, "term lists")
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at top level")
    max_count = int(number(data.get("max_count", 5), f"{path}: max_count"))
    lists = {}
    for side in ("korea", "russia", "relation"):
        weights = parse_weights(data.get(side), f"{path}:{side}")
        if side != "relation" and not weights:
            raise ConfigError(f"{path}: the {side!r} term list is empty")
        lists[side] = TermList(weights, max_count=max_count)
    return RelevanceRules(
        **lists,
        title_weight=number(data.get("title_weight", 3.0), f"{path}: title_weight"),
        bonus_factor=number(data.get("bonus_factor", 0.5), f"{path}: bonus_factor"),
        bonus_cap=number(data.get("bonus_cap", 3.0), f"{path}: bonus_cap"),
    )


def score(title: str, body: str, threshold: float, rules: RelevanceRules | None = None) -> Relevance:
    """Score one article against ``threshold`` (the ``relevance_threshold`` setting)."""
    rules = rules or load_rules()
    title, body = title or "", body or ""
    korea, russia, relation = match_many((rules.korea, rules.russia, rules.relation), title, body, rules.title_weight)
    value = 0.0
    if korea and russia:
        value = min(korea.score, russia.score) + rules.bonus_factor * min(relation.score, rules.bonus_cap)
    value = round(value, 3)
    if not russia:
        reason = "no_russia_terms"
    elif not korea:
        reason = "no_korea_terms"
    elif value < threshold:
        reason = f"below_threshold({round(value, 2)}<{round(float(threshold), 2)})"
    else:
        reason = "relevant"
    return Relevance(
        score=value,
        relevant=reason == "relevant",
        reason=reason,
        korea_hits=korea.terms,
        russia_hits=russia.terms,
        relation_hits=relation.terms,
    )


__all__ = ["Relevance", "RelevanceRules", "load_rules", "score", "TERMS_FILE"]
