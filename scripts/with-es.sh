#!/usr/bin/env bash
# Run a command with Elasticsearch up. If it already answered, leave it as it was;
# if this script started it, stop it again afterwards (whatever the command's result).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
URL="${INGEST_ES_URL:-http://127.0.0.1:9200}"
started=0
if ! curl -fsS -m 2 "$URL/_cluster/health" >/dev/null 2>&1; then
  "$ROOT/scripts/es.sh" up || exit 1
  started=1
fi
"$@"
rc=$?
if [ "$started" = 1 ]; then "$ROOT/scripts/es.sh" down; fi
exit $rc
