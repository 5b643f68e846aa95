#!/usr/bin/env bash
# One-shot Airflow initialisation (service `airflow-init`): migrate the metadata
# database, create or update the admin user from the environment, create the
# fetch pool. Safe to run on every `docker compose up`.
set -euo pipefail

: "${AIRFLOW_ADMIN_USERNAME:?set AIRFLOW_ADMIN_USERNAME in .env}"
: "${AIRFLOW_ADMIN_PASSWORD:?set AIRFLOW_ADMIN_PASSWORD in .env}"
: "${INGEST_FETCH_POOL:=news_fetch}"
: "${INGEST_FETCH_POOL_SLOTS:=4}"

echo "airflow-init: migrating the metadata database"
airflow db migrate
airflow fab-db migrate  # the FAB auth manager's own tables (users, roles)

# FAB's `users create` leaves an existing user alone; the reset makes .env the
# source of truth for the password on every start.
echo "airflow-init: admin user $AIRFLOW_ADMIN_USERNAME"
airflow users create --role Admin --username "$AIRFLOW_ADMIN_USERNAME" --password "$AIRFLOW_ADMIN_PASSWORD" \
  --firstname Admin --lastname User --email "${AIRFLOW_ADMIN_EMAIL:-admin@example.org}"
airflow users reset-password --username "$AIRFLOW_ADMIN_USERNAME" --password "$AIRFLOW_ADMIN_PASSWORD"

echo "airflow-init: pool $INGEST_FETCH_POOL ($INGEST_FETCH_POOL_SLOTS slots)"
airflow pools set "$INGEST_FETCH_POOL" "$INGEST_FETCH_POOL_SLOTS" "Polite fetching of news sites"

echo "airflow-init: done"
