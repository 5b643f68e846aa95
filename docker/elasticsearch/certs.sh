#!/usr/bin/env bash
# One shot: a CA and one certificate per Elasticsearch node (es01 answers as
# `elasticsearch`), for the TLS between nodes that security on a cluster requires.
# Idempotent: certificates already in the volume are kept.
set -euo pipefail
dir=/usr/share/elasticsearch/config/certs
cd /usr/share/elasticsearch
if [[ -f "$dir/es03/es03.crt" ]]; then
  echo "certs: already present"
  exit 0
fi
bin/elasticsearch-certutil ca --silent --pem --out "$dir/ca.zip"
unzip -oq "$dir/ca.zip" -d "$dir"
cat >"$dir/instances.yml" <<'YAML'
instances:
  - {name: es01, dns: [elasticsearch, es01, localhost]}
  - {name: es02, dns: [es02]}
  - {name: es03, dns: [es03]}
YAML
bin/elasticsearch-certutil cert --silent --pem --in "$dir/instances.yml" --out "$dir/certs.zip" \
  --ca-cert "$dir/ca/ca.crt" --ca-key "$dir/ca/ca.key"
unzip -oq "$dir/certs.zip" -d "$dir"
rm -f "$dir/ca.zip" "$dir/certs.zip"
# readable by the elasticsearch user (uid 1000) of the node containers, no one else
chown -R 1000:0 "$dir"
find "$dir" -type d -exec chmod 750 {} +
find "$dir" -type f -exec chmod 640 {} +
echo "certs: written for es01, es02, es03"
