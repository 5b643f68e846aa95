"""ingest.dedup: near-duplicate clusters."""

from __future__ import annotations

import re

import pytest

from ingest import dedup
from ingest.models import content_hash
from ingest.dedup import (
    ClusterIndex,
    Signature,
    cluster_id,
    lsh_keys,
    signature,
    similarity,
)

from tests.unit.filter.test_relevance import seed_texts

# --------------------------------------------------------------------------- near duplicates


def syndicated_copy(body: str) -> str:
    """The same story as another outlet runs it: new dateline and intro, a credit line appended."""
    sentences = body.split(". ")
    return (
        "MOSCOW, Jan. 24 (Partner wire) -- Russia's ambassador in Seoul gave a wide-ranging interview this week "
        "on the state of relations. "
        + ". ".join(sentences[1:])
        + " (Distributed by the partner wire service; edited for length.)"
    )


def test_syndicated_copy_with_a_different_intro_joins_the_cluster():
    _, body = seed_texts()[0]
    copy = syndicated_copy(body)
    assert content_hash("", body) != content_hash("", copy)  # not an exact duplicate
    first = cluster_id(body, new_id="doc-original")
    assert first == "doc-original"
    existing = [(first, signature(body))]
    assert cluster_id(copy, existing, new_id="doc-copy") == "doc-original"
    assert similarity(body, copy) >= 0.8


def test_different_stories_get_different_clusters():
    (_, yonhap), (_, oreanda) = seed_texts()
    existing = [("c-yonhap", signature(yonhap))]
    assert cluster_id(oreanda, existing, new_id="c-oreanda") == "c-oreanda"
    assert similarity(yonhap, oreanda) < 0.3


def test_new_cluster_id_is_stable_without_a_given_id():
    _, body = seed_texts()[1]
    assert cluster_id(body) == cluster_id(body)
    assert cluster_id(body) != cluster_id(body + " An extra paragraph changes the id of a new cluster.")


def test_lsh_keys_are_shared_by_near_duplicates_only():
    (_, yonhap), (_, oreanda) = seed_texts()
    keys = lsh_keys(yonhap)
    assert len(keys) == dedup.BANDS and all(re.fullmatch(r"b\d\d:[0-9a-f]{16}", k) for k in keys)
    assert set(keys) & set(lsh_keys(syndicated_copy(yonhap)))
    assert not set(keys) & set(lsh_keys(oreanda))
    assert lsh_keys(signature(yonhap)) == keys


def test_signature_round_trips_and_is_deterministic():
    _, body = seed_texts()[0]
    sig = signature(body)
    assert len(sig.values) == dedup.NUM_PERM
    assert Signature.decode(sig.encode()) == sig
    assert signature(body) == sig
    with pytest.raises(ValueError, match="not an encoded signature"):
        Signature.decode("garbage")


def test_numpy_and_pure_python_minhash_agree():
    _, body = seed_texts()[1]
    import zlib

    hashes = [zlib.crc32(s.encode()) for s in dedup.shingles(body)]
    assert dedup._minhash(hashes, use_numpy=True) == dedup._minhash(hashes, use_numpy=False)


def test_empty_and_tiny_texts():
    empty = signature("")
    assert empty.shingles == 0 and empty.lsh_keys() == []
    assert empty.similarity(empty) == 0.0  # two empty bodies are not "the same story"
    assert cluster_id("", [("c1", empty)], new_id="mine") == "mine"
    assert similarity("Putin meets Kim", "putin MEETS kim!") == 1.0  # short texts: one shingle, case-folded


def test_cluster_index_batches_copies_together():
    (_, yonhap), (_, oreanda) = seed_texts()
    index = ClusterIndex()
    a = index.add(yonhap, new_id="a")
    b = index.add(oreanda, new_id="b")
    c = index.add(syndicated_copy(yonhap), new_id="c")
    d = index.add(syndicated_copy(oreanda), new_id="d")
    assert (a, b, c, d) == ("a", "b", "a", "b")
    assert len(index) == 4


def test_threshold_is_respected():
    (_, yonhap), (_, oreanda) = seed_texts()
    words = yonhap.split()
    mixed = " ".join(words[: len(words) // 2]) + " " + oreanda  # shares half of the Yonhap story
    existing = [("x", signature(yonhap))]
    assert 0.2 < similarity(yonhap, mixed) < 0.6
    assert cluster_id(mixed, existing, new_id="y") == "y"
    assert cluster_id(mixed, existing, threshold=0.2, new_id="y") == "x"


def test_containment_joins_copies_but_not_short_excerpts():
    _, body = seed_texts()[1]
    copy = syndicated_copy(body)
    sig, copy_sig = signature(body), signature(copy)
    assert copy_sig.containment(sig) >= dedup.CONTAINMENT
    assert copy_sig.same_story(sig)
    excerpt = ". ".join(body.split(". ")[:3])  # a short brief quoting the opening
    assert signature(excerpt).containment(sig) > 0.7  # mostly contained (the estimate is noisy for small J)
    assert not signature(excerpt).same_story(sig)  # too short to be "the same story"
