"""Topics: a small multi-label taxonomy, assigned by explainable rules kept as data.

Each topic in ``ingest/resources/kb/topics.yaml`` has weighted EN/KO/RU term lists, a
threshold and optional entity rules (an organization "International Atomic
Energy Agency" points to the nuclear topic). Matching uses the same
:class:`ingest.filter.terms.TermList` as relevance. The index stores the readable,
stable labels ("Sanctions & export controls"); :func:`topic_key` maps back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable


from ingest.models import Entity
from ingest.resources import path as resource_path
from ingest.errors import ConfigError
from ingest.filter.terms import TermList, match_many, number, parse_weights, read_yaml

TOPICS_FILE = resource_path("kb/topics.yaml")


@dataclass(frozen=True)
class EntityRule:
    name: str  # casefolded
    type: str | None
    weight: float


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    threshold: float
    terms: TermList
    entities: tuple[EntityRule, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    title_weight: float = 3.0


@dataclass
class TopicMatch:
    """Why a topic was (or was not) assigned."""

    key: str
    label: str
    score: float
    threshold: float
    assigned: bool
    terms: dict[str, int] = field(default_factory=dict)
    entities: list[str] = field(default_factory=list)


@lru_cache(maxsize=8)
def load_taxonomy(path: Path = TOPICS_FILE) -> Taxonomy:
    """Read and compile the taxonomy once per file; a bad file gives a one-line ConfigError."""
    data = read_yaml(path, "topics")
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict) or not data["topics"]:
        raise ConfigError(f"{path}: expected a mapping with a non-empty 'topics' mapping")
    max_count = int(number(data.get("max_count", 3), f"{path}: max_count"))
    topics = []
    labels: set[str] = set()
    for key, spec in data["topics"].items():
        where = f"{path}: topic {key!r}"
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: expected a mapping")
        label = str(spec.get("label") or key)
        if label in labels:
            raise ConfigError(f"{where}: duplicate label {label!r}")
        labels.add(label)
        rules = []
        for i, rule in enumerate(spec.get("entities") or []):
            if not isinstance(rule, dict) or not rule.get("name"):
                raise ConfigError(f"{where}: entity rule #{i + 1} needs a name")
            rules.append(
                EntityRule(
                    name=str(rule["name"]).casefold(),
                    type=str(rule["type"]).lower() if rule.get("type") else None,
                    weight=number(rule.get("weight", 1.0), f"{where}: entity rule #{i + 1} weight"),
                )
            )
        terms = parse_weights(spec.get("terms"), where)
        if not terms and not rules:
            raise ConfigError(f"{where}: has neither terms nor entity rules")
        topics.append(
            Topic(
                key=str(key),
                label=label,
                threshold=number(spec.get("threshold", 3.0), f"{where}: threshold"),
                terms=TermList(terms, max_count=max_count),
                entities=tuple(rules),
            )
        )
    return Taxonomy(tuple(topics), title_weight=number(data.get("title_weight", 3.0), f"{path}: title_weight"))


def _entity_hits(topic: Topic, entities: Iterable[Entity]) -> tuple[float, list[str]]:
    score, names = 0.0, []
    for entity in entities:
        name, etype = entity.name.casefold(), (entity.type or "").lower()
        for rule in topic.entities:
            if rule.name == name and (rule.type is None or rule.type == etype):
                score += rule.weight
                names.append(entity.name)
                break
    return score, names


def explain_topics(
    title: str, body: str, entities: list[Entity] | None = None, taxonomy: Taxonomy | None = None
) -> list[TopicMatch]:
    """Every topic with any evidence, best first, with the matched terms and entities."""
    taxonomy = taxonomy or load_taxonomy()
    out = []
    every_hits = match_many([t.terms for t in taxonomy.topics], title or "", body or "", taxonomy.title_weight)
    for order, (topic, hits) in enumerate(zip(taxonomy.topics, every_hits)):
        escore, enames = _entity_hits(topic, entities or [])
        total = round(hits.score + escore, 3)
        if not hits and not enames:
            continue
        out.append(
            (
                -total,
                order,
                TopicMatch(topic.key, topic.label, total, topic.threshold, total >= topic.threshold, hits.terms, enames),
            )
        )
    return [m for _, _, m in sorted(out, key=lambda x: (x[0], x[1]))]


def assign_topics(
    title: str, body: str, entities: list[Entity] | None = None, taxonomy: Taxonomy | None = None
) -> list[str]:
    """Labels of the topics that reach their threshold, strongest first."""
    return [m.label for m in explain_topics(title, body, entities, taxonomy) if m.assigned]


def topic_key(label: str, taxonomy: Taxonomy | None = None) -> str | None:
    """The taxonomy key of a stored label (``"Sanctions & export controls"`` -> ``"sanctions"``)."""
    for topic in (taxonomy or load_taxonomy()).topics:
        if topic.label == label or topic.key == label:
            return topic.key
    return None


def topic_labels(taxonomy: Taxonomy | None = None) -> dict[str, str]:
    """Key -> label for every topic, in taxonomy order (for docs, Kibana, the CLI)."""
    return {t.key: t.label for t in (taxonomy or load_taxonomy()).topics}


__all__ = ["Topic", "Taxonomy", "TopicMatch", "assign_topics", "explain_topics", "load_taxonomy", "topic_key", "topic_labels"]
