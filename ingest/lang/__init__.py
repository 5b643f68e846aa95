"""Per-language text analysis shared by enrichment and search.

* :mod:`ingest.lang.ko`: Korean morphemes (kiwipiepy; its model ships in the
  ``kiwipiepy-model`` package): particles and endings come off (북한의 → 북한).
* :mod:`ingest.lang.ru`: Russian lemmas (pymorphy3 with its dictionaries
  package): every inflected form maps to its dictionary form (Лаврова → лавров).

Both load once per process, lazily, offline.
"""

LANGUAGES = ("en", "ko", "ru")
