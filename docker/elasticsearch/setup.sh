#!/usr/bin/env bash
# One-shot setup of Elasticsearch security for the compose stack (service `setup`).
#
# Sets the password of the built-in `kibana_system` user (Kibana's own login to
# Elasticsearch) and creates the roles in roles/ (the same files `scripts/es.sh up --secure`
# uses): `ingest_writer` for the user `ingest` that Airflow uses (it may manage and write only
# the pipeline's indices, not the cluster) and `ingest_reader` for the user `ingest_reader`
# of the workspace and of Kibana's users (it may read the articles and the run reports).
# Idempotent: every call is a PUT/POST that converges to the same state.
#
# Needs: ES_URL, ELASTIC_PASSWORD, KIBANA_SYSTEM_PASSWORD, INGEST_ES_PASSWORD, INGEST_WEB_ES_PASSWORD;
# ROLES_DIR (default: roles/ beside this script).
# Passwords never appear on a command line (curl reads them from stdin/config).
set -euo pipefail

: "${ES_URL:=http://elasticsearch:9200}"
: "${ELASTIC_PASSWORD:?set ELASTIC_PASSWORD}"
: "${KIBANA_SYSTEM_PASSWORD:?set KIBANA_SYSTEM_PASSWORD}"
: "${INGEST_ES_PASSWORD:?set INGEST_ES_PASSWORD}"
: "${INGEST_WEB_ES_PASSWORD:?set INGEST_WEB_ES_PASSWORD}"
: "${ROLES_DIR:=$(dirname "$0")/roles}"
: "${SETUP_WAIT_SECONDS:=300}"
: "${SETUP_POLL_SECONDS:=3}"

json_string() {  # quote $1 for JSON and for a curl config file (both escape \\ and ")
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

es() {  # es METHOD PATH [JSON-BODY] -> prints body, fails on HTTP >= 400
  local method=$1 path=$2 body=${3:-}
  body=${body//$'\n'/ }  # a curl config value is one line
  local args=(-sS -o /dev/stderr -w '%{http_code}' -X "$method" "$ES_URL$path" -H 'Content-Type: application/json' -K -)
  local code
  if [[ -n "$body" ]]; then
    code=$(printf 'user = %s\ndata = %s\n' "$(json_string "elastic:$ELASTIC_PASSWORD")" "$(json_string "$body")" | curl "${args[@]}") || true
  else
    code=$(printf 'user = %s\n' "$(json_string "elastic:$ELASTIC_PASSWORD")" | curl "${args[@]}") || true
  fi
  echo >&2
  if [[ "$code" -ge 400 || "$code" == "000" ]]; then
    echo "setup: $method $path answered HTTP $code" >&2
    return 1
  fi
}

echo "setup: waiting for Elasticsearch at $ES_URL (up to ${SETUP_WAIT_SECONDS}s)"
deadline=$(( $(date +%s) + SETUP_WAIT_SECONDS ))
until es GET "/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null; do
  if (( $(date +%s) >= deadline )); then
    echo "setup: Elasticsearch at $ES_URL did not answer with the elastic password within ${SETUP_WAIT_SECONDS}s" >&2
    exit 1
  fi
  sleep "$SETUP_POLL_SECONDS"
done

echo "setup: setting the kibana_system password"
es POST /_security/user/kibana_system/_password "{\"password\":$(json_string "$KIBANA_SYSTEM_PASSWORD")}"

for role in ingest_writer ingest_reader; do
  echo "setup: role $role ($ROLES_DIR/$role.json)"
  es PUT "/_security/role/$role" "$(cat "$ROLES_DIR/$role.json")"
done

echo "setup: user ingest (the pipeline's writer)"
es PUT /_security/user/ingest "{\"password\":$(json_string "$INGEST_ES_PASSWORD"),\"roles\":[\"ingest_writer\"],\"full_name\":\"Korea–Russia news pipeline\"}"

echo "setup: user ingest_reader (the workspace's and Kibana's reader)"
es PUT /_security/user/ingest_reader "{\"password\":$(json_string "$INGEST_WEB_ES_PASSWORD"),\"roles\":[\"ingest_reader\"],\"full_name\":\"Korea–Russia news reader\"}"

echo "setup: done"
