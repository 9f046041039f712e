#!/bin/sh
# Run once by the postgres image when it makes the database (docker-entrypoint-initdb.d), as the superuser: the role
# the plans dashboard reads through (the portal's migration V007 grants it SELECT on plan_measures_report, a view
# without anyone's name, and nothing else), and Grafana's login in it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$DASHBOARDS_PASSWORD" <<'SQL'
CREATE ROLE noko_dashboards NOLOGIN;
CREATE ROLE grafana_plans LOGIN PASSWORD :'password' IN ROLE noko_dashboards;
SQL
