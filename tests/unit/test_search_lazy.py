"""A Latin-script search loads no Korean analyser, and the command line imports no heavy library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["airflow", "spacy", "natasha", "slovnet", "kiwipiepy", "pymorphy3", "trafilatura", "torch"]


def _loaded(code: str) -> dict:
    probe = f"""
import json, sys
{code}
print(json.dumps({{"modules": sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}),
                  "kiwi": __import__('ingest.lang.ko', fromlist=['kiwi']).kiwi.cache_info().currsize}}))
"""
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_latin_query_request_builds_no_kiwi_and_imports_nothing_heavy():
    got = _loaded("import ingest.cli\nfrom ingest import search\nsearch.request('Zinoviev red line -Putin')\n"
                  "search.request('Georgy Zinoviev')")
    assert got == {"modules": [], "kiwi": 0}


def test_cyrillic_query_loads_russian_morphology_only():
    got = _loaded("from ingest import search\nsearch.request('Зиновьева')")
    assert got["kiwi"] == 0 and "kiwipiepy" not in got["modules"]


def test_hangul_query_still_uses_the_korean_analyser():
    from ingest import search

    body = search.request("북한군의 파병")
    assert "북한군" in json.dumps(body, ensure_ascii=False)


def test_query_analyser_splits_words_as_the_index_does():
    from ingest.lang import ko

    for text in ["북한군의 파병", "지노비예프 대사는", "세르게이 쇼이구 러시아 국가안보회의 서기", "외교부의 초치"]:
        assert ko.search_text(text, query=True).split() == ko.search_text(text).split(), text
    assert ko.stem("지노비예프는", query=True) == "지노비예프"


def test_the_workspace_imports_no_airflow_and_no_language_model():
    got = _loaded("import ingest.web.app, ingest.web.backend, ingest.cli.serve")
    assert got == {"modules": [], "kiwi": 0}


def test_a_hangul_kb_alias_as_typed_needs_no_analyser():
    got = _loaded("from ingest import search\nbody = search.request('지노비예프')\n"
                  "assert 'Georgy Zinoviev' in str(body) and 'body_ko' in str(body)")
    assert got["kiwi"] == 0 and "kiwipiepy" not in got["modules"]
    # with a particle the analyser still runs, and still finds him
    from ingest import search

    assert "Georgy Zinoviev" in str(search.request("지노비예프는"))
