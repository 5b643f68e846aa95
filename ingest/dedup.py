"""Near-duplicate clusters (MinHash). Pure functions, no I/O.

Addresses and document ids are :mod:`ingest.urls`; exact re-fetches are
recognised by ``ingest.models.content_hash``.

Near-duplicates (a syndicated copy with another intro, a re-headlined
story) share a *cluster id* instead of being dropped. A MinHash
  :func:`signature` of word shingles estimates Jaccard similarity; its LSH
  band keys (:func:`lsh_keys`) are plain strings, so candidates can later be
  found in Elasticsearch with a ``terms`` query on a keyword field, then
  confirmed with :func:`find_cluster`. :class:`ClusterIndex` does the same in
  memory for one batch.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from ingest.models import Article

try:  # numpy (a spaCy dependency) makes signatures ~30x faster; the result is identical
    import numpy as _np
except ImportError:  # pragma: no cover
    _np = None

# --------------------------------------------------------------------------- near duplicates

NUM_PERM = 120
BANDS = 20  # 20 bands x 6 rows: pairs at Jaccard 0.8 become candidates with p > 0.99
ROWS = NUM_PERM // BANDS
SHINGLE = 5  # words per shingle
THRESHOLD = 0.8  # estimated Jaccard to call two texts the same story ...
CONTAINMENT = 0.85  # ... or this share of the smaller text found in the other
MIN_SIZE_RATIO = 0.5  # (containment only between texts of comparable length)
_PRIME = 4294967311  # smallest prime above 2**32
_MAX = 2**32 - 1
_rng = random.Random(20240101)  # fixed: signatures must be comparable across runs and machines
_PERMS = tuple((_rng.randrange(1, _MAX), _rng.randrange(0, _MAX)) for _ in range(NUM_PERM))
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    """A MinHash signature; ``shingles`` is the size of the shingle set (0 for an empty text)."""

    values: tuple[int, ...]
    shingles: int

    def similarity(self, other: "Signature") -> float:
        """Estimated Jaccard similarity of the two shingle sets (0 when either is empty)."""
        if not self.shingles or not other.shingles or len(self.values) != len(other.values):
            return 0.0
        same = sum(1 for a, b in zip(self.values, other.values) if a == b)
        return same / len(self.values)

    def containment(self, other: "Signature") -> float:
        """Estimated share of the smaller shingle set found in the other one.

        From Jaccard J and the set sizes: |A n B| = J / (1 + J) * (|A| + |B|).
        A syndicated copy that swaps the intro or adds a credit line keeps a high
        containment even when its Jaccard estimate dips under the threshold.
        """
        j = self.similarity(other)
        if not j:
            return 0.0
        common = j / (1 + j) * (self.shingles + other.shingles)
        return min(1.0, common / min(self.shingles, other.shingles))

    def same_story(self, other: "Signature", threshold: float = THRESHOLD) -> bool:
        if self.similarity(other) >= threshold:
            return True
        small, large = sorted((self.shingles, other.shingles))
        return bool(large) and small / large >= MIN_SIZE_RATIO and self.containment(other) >= CONTAINMENT

    def lsh_keys(self) -> list[str]:
        """Band keys ``"b07:3f2a..."``; two texts sharing one are near-duplicate candidates."""
        if not self.shingles:
            return []
        keys = []
        for band in range(BANDS):
            chunk = self.values[band * ROWS:(band + 1) * ROWS]
            digest = hashlib.blake2b(",".join(map(str, chunk)).encode(), digest_size=8).hexdigest()
            keys.append(f"b{band:02d}:{digest}")
        return keys

    def encode(self) -> str:
        """Compact text form for storage (e.g. a non-indexed keyword field)."""
        return f"{self.shingles}:" + "".join(f"{v:08x}" for v in self.values)

    @classmethod
    def decode(cls, text: str) -> "Signature":
        try:
            size, hexes = text.split(":", 1)
            values = tuple(int(hexes[i:i + 8], 16) for i in range(0, len(hexes), 8))
            return cls(values, int(size))
        except ValueError:
            raise ValueError(f"not an encoded signature: {text[:40]!r}") from None


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word shingles of the casefolded text; a text shorter than ``size`` words is one shingle."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> Signature:
    """MinHash of the word shingles (universal hashing over crc32, fixed seeds)."""
    hashes = [zlib.crc32(s.encode("utf-8")) for s in shingles(text)]
    if not hashes:
        return Signature(tuple([_MAX] * NUM_PERM), 0)
    return Signature(_minhash(hashes), len(hashes))


def _minhash(hashes: list[int], use_numpy: bool = True) -> tuple[int, ...]:
    # a, h < 2**32, so a*h + b < 2**64: exact in uint64, no overflow.
    if use_numpy and _np is not None:
        h = _np.asarray(hashes, dtype=_np.uint64)
        a = _np.asarray([p[0] for p in _PERMS], dtype=_np.uint64)[:, None]
        b = _np.asarray([p[1] for p in _PERMS], dtype=_np.uint64)[:, None]
        mins = ((a * h + b) % _np.uint64(_PRIME)).min(axis=1) & _np.uint64(_MAX)
        return tuple(int(v) for v in mins)
    return tuple(min((a * h + b) % _PRIME for h in hashes) & _MAX for a, b in _PERMS)


def lsh_keys(text_or_signature: str | Signature) -> list[str]:
    """LSH band keys of a text (or of a signature already computed)."""
    sig = text_or_signature if isinstance(text_or_signature, Signature) else signature(text_or_signature)
    return sig.lsh_keys()


def similarity(a: str | Signature, b: str | Signature) -> float:
    """Estimated Jaccard similarity of two texts or signatures."""
    sa = a if isinstance(a, Signature) else signature(a)
    sb = b if isinstance(b, Signature) else signature(b)
    return sa.similarity(sb)


def new_cluster_id(text: str) -> str:
    """The id a story's first copy gives its cluster (stable for the same text)."""
    normal = " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())
    return "c" + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:19]


def find_cluster(
    sig: Signature, existing: Iterable[tuple[str, Signature]], threshold: float = THRESHOLD
) -> str | None:
    """The cluster id of the most similar existing signature that is the same story, if any.

    Same story: estimated Jaccard >= ``threshold``, or estimated containment >=
    ``CONTAINMENT`` between texts of comparable length (see :meth:`Signature.same_story`).
    """
    best, best_sim = None, -1.0
    for cid, other in existing:
        if sig.same_story(other, threshold):
            sim = sig.similarity(other)
            if sim > best_sim:
                best, best_sim = cid, sim
    return best


def cluster_id(
    text: str,
    existing: Iterable[tuple[str, Signature]] = (),
    *,
    threshold: float = THRESHOLD,
    new_id: str | None = None,
) -> str:
    """Cluster of a near-duplicate among ``existing`` (cluster id, signature) pairs, else a new id.

    ``existing`` would typically be the candidates sharing an LSH key (from a
    ``terms`` query on the stored keys, or :class:`ClusterIndex`).

    ``new_id`` names a new cluster (e.g. the article's doc id); by default it derives from the text.
    """
    return find_cluster(signature(text), existing, threshold) or new_id or new_cluster_id(text)


class ClusterIndex:
    """In-memory LSH index for clustering one batch (the ES version queries ``lsh_keys`` instead)."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._buckets: dict[str, list[int]] = {}
        self._items: list[tuple[str, Signature]] = []

    def __len__(self) -> int:
        return len(self._items)

    def candidates(self, sig: Signature) -> list[tuple[str, Signature]]:
        seen: set[int] = set()
        for key in sig.lsh_keys():
            seen.update(self._buckets.get(key, ()))
        return [self._items[i] for i in sorted(seen)]

    def add(self, text: str, new_id: str | None = None, sig: Signature | None = None) -> str:
        """Cluster ``text`` against what was added before, remember it, return its cluster id."""
        sig = sig or signature(text)
        cid = find_cluster(sig, self.candidates(sig), self.threshold) or new_id or new_cluster_id(text)
        index = len(self._items)
        self._items.append((cid, sig))
        for key in sig.lsh_keys():
            self._buckets.setdefault(key, []).append(index)
        return cid


def sign(article: Article) -> None:
    """Store the body's signature and band keys on the article (what the index keeps for clustering)."""
    sig = signature(article.body)
    article.minhash = sig.encode()
    article.minhash_bands = sig.lsh_keys()


# Stored near-duplicate candidates: (band keys, id to leave out) -> [(cluster id, encoded signature)].
Lookup = Callable[[list[str], str], list[tuple[str, str]]]


def assign_clusters(articles: Sequence[Article], lookup: Lookup, stored: dict[str, str | None]) -> int:
    """Give each article the cluster of a near-duplicate already stored, or one earlier in this batch.

    ``stored`` maps ids to the cluster they already have in the index (kept as
    is); ``lookup`` finds stored candidates sharing a band key. A story's first
    copy names the cluster after itself. Returns how many joined another cluster.
    """
    local = ClusterIndex()
    joined = 0
    for article in articles:
        if stored.get(article.id):
            article.cluster_id = stored[article.id]
            continue
        sig = Signature.decode(article.minhash) if article.minhash else signature(article.body)
        existing = [(cid, Signature.decode(enc)) for cid, enc in lookup(article.minhash_bands, article.id)] if article.minhash_bands else []
        # an indexed copy wins; otherwise the batch's own index decides (and remembers this one)
        cluster = find_cluster(sig, existing)
        article.cluster_id = local.add(article.body, cluster or article.id, sig=sig)
        if article.cluster_id != article.id:
            joined += 1
    return joined


__all__ = [
    "sign", "assign_clusters", "Signature", "shingles", "signature",
    "lsh_keys", "similarity", "THRESHOLD", "CONTAINMENT", "new_cluster_id", "find_cluster", "cluster_id", "ClusterIndex",
]
