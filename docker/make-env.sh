#!/usr/bin/env bash
# Writes .env from .env.example, filling every empty value with a fresh random
# secret (openssl). Refuses to overwrite an existing .env.
#
#   docker/make-env.sh [TARGET]     # default: .env next to docker-compose.yml
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
example="$root/.env.example"
target=${1:-$root/.env}

if [[ -e "$target" ]]; then
  echo "make-env: $target exists; not overwriting it" >&2
  exit 1
fi

umask 077
while IFS= read -r line || [[ -n "$line" ]]; do
  if [[ "$line" =~ ^([A-Z_][A-Z0-9_]*)=$ ]]; then
    name=${BASH_REMATCH[1]}
    case "$name" in
      AIRFLOW_FERNET_KEY) value=$(openssl rand -base64 32 | tr '+/' '-_') ;;
      *_KEY|*_SECRET*) value=$(openssl rand -hex 32) ;;
      *) value=$(openssl rand -hex 24) ;;
    esac
    printf '%s=%s\n' "$name" "$value"
  else
    printf '%s\n' "$line"
  fi
done <"$example" >"$target"
echo "make-env: wrote $target (mode 600); keep it out of version control"
