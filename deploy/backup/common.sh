# Shared by backup.sh and restore.sh (sourced, not run). Reads the target (--server or --local), knows how to reach
# ClickHouse (HTTP), PostgreSQL, the files, Flink's REST API and the secrets of each. docs/server/backups.md explains
# what is backed up and why.
# shellcheck shell=bash

die() {
  echo "noko backup: ERROR: $*" >&2
  exit 1
}

say() {
  echo "noko backup: $*" >&2
}

# --- target --------------------------------------------------------------------------------------------------------

# MODE=server: the docker-compose.yml deployment, run from COMPOSE_DIR (where .env lies); ClickHouse, Flink and the
# other published ports on the server's loopback, PostgreSQL and the S3 server's volume through docker compose.
# MODE=local: ./noko run's data folder LOCAL_HOME; ports from the same variables ./noko run reads
# (NOKO_CLICKHOUSE_HTTP_PORT, NOKO_POSTGRES_PORT, NOKO_FLINK_PORT), secrets from the files LocalSecrets keeps there.
MODE=""
LOCAL_HOME=""
COMPOSE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

set_target() {
  case "$1" in
    --server) MODE=server ;;
    --local) MODE=local; LOCAL_HOME="$(cd "$2" 2>/dev/null && pwd || echo "$2")" ;;
  esac
}

# The value of NAME in .env (the last assignment), or the default: .env is read as data, never run.
env_value() {
  local name=$1 default=${2:-} line value=""
  [ -f "$COMPOSE_DIR/.env" ] || { printf '%s' "$default"; return; }
  line=$(grep -E "^[[:space:]]*${name}=" "$COMPOSE_DIR/.env" | tail -n 1 || true)
  if [ -n "$line" ]; then
    value=${line#*=}
    value=${value%$'\r'}
    if [[ $value == \"*\" || $value == \'*\' ]]; then value=${value:1:${#value}-2}; fi
  fi
  printf '%s' "${value:-$default}"
}

# A local secret as LocalSecrets gives it: the environment's variable, otherwise the file in the data folder.
local_secret() {
  local variable=$1 file=$2
  if [ -n "${!variable:-}" ]; then printf '%s' "${!variable}"; return; fi
  [ -f "$LOCAL_HOME/$file" ] || die "no $file in $LOCAL_HOME (and $variable is not set)"
  tr -d '\n\r' <"$LOCAL_HOME/$file"
}

# The secrets kept by the target: the server's .env; the local run's secret files.
LOCAL_SECRET_FILES=(pseudonym.key clickhouse.password postgres.password operator.password)

load_target() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/noko-backup.XXXXXX")
  chmod 700 "$WORK"
  trap 'rm -rf "$WORK"' EXIT
  case "$MODE" in
    server)
      [ -f "$COMPOSE_DIR/docker-compose.yml" ] || die "no docker-compose.yml in $COMPOSE_DIR (set NOKO_COMPOSE_DIR)"
      CH_URL="http://127.0.0.1:$(env_value CLICKHOUSE_HTTP_PORT 8123)/"
      CH_USER=$(env_value CLICKHOUSE_USER noko)
      CH_PASSWORD=$(env_value CLICKHOUSE_PASSWORD)
      CH_DB=${NOKO_CLICKHOUSE_DATABASE:-noko}
      PG_USER=$(env_value NOKO_PORTAL_DB_USER noko)
      PG_DB=noko
      FLINK_URL="http://127.0.0.1:$(env_value FLINK_UI_PORT 8081)"
      ;;
    local)
      [ -n "$LOCAL_HOME" ] || die "--local needs the data folder (./noko run's is .noko)"
      CH_URL="http://127.0.0.1:${NOKO_CLICKHOUSE_HTTP_PORT:-18123}/"
      CH_USER=default
      CH_DB=${NOKO_CLICKHOUSE_DATABASE:-noko}
      PG_PORT=${NOKO_POSTGRES_PORT:-15432}
      PG_USER=noko
      PG_DB=noko
      FLINK_URL="http://127.0.0.1:${NOKO_FLINK_PORT:-18081}"
      ;;
    *) die "say which installation: --server (docker compose, run in the repository) or --local <data folder>" ;;
  esac
}

# Called once the secrets are in place (restore puts them back first).
load_credentials() {
  local escaped
  if [ "$MODE" = local ]; then
    CH_PASSWORD=$(local_secret NOKO_CLICKHOUSE_PASSWORD clickhouse.password)
    PG_PASSWORD=$(local_secret NOKO_PORTAL_DB_PASSWORD postgres.password)
    # pg_dump and psql read the password from a file of the owner's alone, not from the command line.
    printf '127.0.0.1:%s:*:%s:%s\n' "$PG_PORT" "$PG_USER" "$(printf '%s' "$PG_PASSWORD" | sed 's/[\\:]/\\&/g')" \
      >"$WORK/pgpass"
    chmod 600 "$WORK/pgpass"
    export PGPASSFILE="$WORK/pgpass"
  fi
  # curl reads ClickHouse's credentials from a file, so no password shows in the process list.
  escaped=$(printf '%s:%s' "$CH_USER" "$CH_PASSWORD" | sed 's/[\\"]/\\&/g')
  printf 'user = "%s"\n' "$escaped" >"$WORK/curlrc"
  chmod 600 "$WORK/curlrc"
}

compose() {
  (cd "$COMPOSE_DIR" && docker compose "$@")
}

# --- ClickHouse over HTTP (the same on 18.16 and 25.8) ---------------------------------------------------------------

urlencode() {
  local string=$1 i c out=""
  local LC_ALL=C
  for ((i = 0; i < ${#string}; i++)); do
    c=${string:i:1}
    case "$c" in
      [a-zA-Z0-9._~-]) out+=$c ;;
      *) out+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf '%s' "$out"
}

# ch_request OUTPUT URL_PARAMETERS CURL_ARGS...: one HTTP request; fails loudly with ClickHouse's message.
ch_request() {
  local output=$1 parameters=$2 status
  shift 2
  status=$(curl -sS -K "$WORK/curlrc" -o "$output" -w '%{http_code}' \
    "${CH_URL}?database=$(urlencode "$CH_DB")${parameters}" "$@") || die "ClickHouse does not answer at $CH_URL"
  if [ "$status" != 200 ]; then
    head -c 2000 "$output" >&2 || true
    die "ClickHouse answered HTTP $status"
  fi
}

# ch "SQL": the query's result (TabSeparated) on standard output.
ch() {
  ch_request "$WORK/ch.out" "" --data-binary "$1"
  cat "$WORK/ch.out"
}

# The database's tables, one per line: name and engine. A materialized view would take the rows restored into its
# source and write them into its target again, so the target would hold them twice: noko's migrations make none, and
# both scripts stop if one appears, until they learn to skip its target.
ch_tables() {
  ch "SELECT name, engine FROM system.tables WHERE database = '$CH_DB' ORDER BY name" >"$WORK/tables"
  if grep -q $'\tMaterializedView$' "$WORK/tables"; then
    die "database $CH_DB has a materialized view; restoring its source and its target would double the target's rows"
  fi
  grep -v $'\tView$' "$WORK/tables" || true
}

# FINAL for the engines that replace rows by key: a dump then holds each key's newest row once.
final_for() {
  case "$1" in
    Replacing*|Collapsing*|VersionedCollapsing*|Summing*|Aggregating*) printf ' FINAL' ;;
  esac
}

# The rows of a Native dump, counted by ClickHouse itself (the dump sent back as external data), so the manifest's
# count is the file's whatever the pipeline wrote meanwhile.
ch_count_dump() {
  local file=$1 structure=$2
  ch_request "$WORK/count.out" "&query=$(urlencode 'SELECT count() FROM dump')&dump_format=Native&dump_structure=$(urlencode "$structure")" \
    -F "dump=@$file"
  tr -d '\n' <"$WORK/count.out"
}

ch_structure() {
  ch "SELECT name, type FROM system.columns WHERE database = '$CH_DB' AND table = '$1'" \
    | awk -F'\t' 'BEGIN { ORS = "" } { if (NR > 1) print ", "; print $1 " " $2 }'
}

# --- PostgreSQL ------------------------------------------------------------------------------------------------------

pg_binary() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || found=$(command -v "$1" || true)
  [ -n "$found" ] || die "$1 is not installed (./noko setup installs PostgreSQL)"
  printf '%s' "$found"
}

# psql -At with one query; standard output is the result.
pg_query() {
  if [ "$MODE" = server ]; then
    compose exec -T postgres psql -X -v ON_ERROR_STOP=1 -U "$PG_USER" -d "$PG_DB" -At -F $'\t' -c "$1"
  else
    "$(pg_binary psql)" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -At -F $'\t' -c "$1"
  fi
}

# Rows of every table of the public schema, one line per table: name and count.
pg_table_counts() {
  pg_query "SELECT table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM public.%I', table_name), false, true, '')))[1]::text
            FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
}

# --- files -----------------------------------------------------------------------------------------------------------

# The local run's folders of files: the portal's photos and orders (its file store instead of S3), the published
# results and the exports.
LOCAL_FILE_FOLDERS=(portal/files results exports)

count_files() {
  if [ -d "$1" ]; then find "$1" -type f | wc -l | tr -d ' '; else echo 0; fi
}

# --- manifest --------------------------------------------------------------------------------------------------------

# manifest.tsv: kind, name, rows or objects, bytes, sha256, file (relative to the backup folder).
manifest_add() {
  local kind=$1 name=$2 count=$3 file=${4:-} bytes="" sum=""
  if [ -n "$file" ] && [ -f "$BACKUP/$file" ]; then
    bytes=$(stat -c %s "$BACKUP/$file")
    sum=$(sha256sum "$BACKUP/$file" | cut -d' ' -f1)
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$name" "$count" "$bytes" "$sum" "$file" >>"$BACKUP/manifest.tsv"
}
