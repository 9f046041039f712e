#!/usr/bin/env bash
# Backs up one noko installation into a new dated folder: ClickHouse (every table of the database, as ClickHouse's
# Native format, each key's newest row once), the portal's PostgreSQL (pg_dump -Fc), the files (the S3 server's volume
# and the published results, or the local run's folders), a Flink savepoint, and the secrets (.env, or the local run's secret files), with manifest.tsv
# (rows or objects, bytes and sha256 of each part) and SHA256SUMS. docs/server/backups.md: what, how often, restore.
#
#   deploy/backup/backup.sh --server [--to /var/backups/noko] [--no-savepoint]       # in the repository, beside .env
#   deploy/backup/backup.sh --local .noko [--to .noko-backups] [--no-savepoint]      # ./noko run's data folder
#
# The folder holds secrets and personal data (pseudonyms, answers): it is made readable by its owner only; keep the
# offsite copy encrypted. Kafka is not backed up: ClickHouse and PostgreSQL hold what its topics carried
# (docs/server/backups.md, "Kafka").
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

TO=""
SAVEPOINT=yes
COMPOSE_DIR=${NOKO_COMPOSE_DIR:-$COMPOSE_DIR}
while [ $# -gt 0 ]; do
  case "$1" in
    --server) set_target --server; shift ;;
    --local) [ $# -ge 2 ] || die "--local needs the data folder"; set_target --local "$2"; shift 2 ;;
    --to) [ $# -ge 2 ] || die "--to needs a folder"; TO=$2; shift 2 ;;
    --no-savepoint) SAVEPOINT=""; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (--help)" ;;
  esac
done
load_target
load_credentials
if [ -z "$TO" ]; then
  if [ "$MODE" = server ]; then TO=/var/backups/noko; else TO="$(dirname "$LOCAL_HOME")/.noko-backups"; fi
fi
umask 077
mkdir -p "$TO"
BACKUP="$(cd "$TO" && pwd)/noko-$MODE-$(date -u +%Y%m%dT%H%M%SZ)"
[ -e "$BACKUP" ] && die "$BACKUP exists already"
mkdir -p "$BACKUP"/{clickhouse,postgres,files,secrets,flink}
chmod 700 "$BACKUP"
say "backing up the $MODE installation into $BACKUP"
{
  echo "# noko backup: kind, name, rows or objects, bytes, sha256, file"
  printf 'meta\tmode\t%s\t\t\t\n' "$MODE"
  printf 'meta\tcreated\t%s\t\t\t\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'meta\tclickhouse-database\t%s\t\t\t\n' "$CH_DB"
  printf 'meta\tclickhouse-version\t%s\t\t\t\n' "$(ch 'SELECT version()' | tr -d '\n')"
} >"$BACKUP/manifest.tsv"

# --- secrets first: without the pseudonym key the rest cannot be continued ------------------------------------------
if [ "$MODE" = server ]; then
  [ -f "$COMPOSE_DIR/.env" ] || die "no .env in $COMPOSE_DIR"
  install -m 600 "$COMPOSE_DIR/.env" "$BACKUP/secrets/env"
  manifest_add secret .env 1 secrets/env
else
  for name in "${LOCAL_SECRET_FILES[@]}"; do
    if [ -f "$LOCAL_HOME/$name" ]; then
      install -m 600 "$LOCAL_HOME/$name" "$BACKUP/secrets/$name"
      manifest_add secret "$name" 1 "secrets/$name"
    fi
  done
fi
say "secrets copied (readable by $(id -un) only): keep this backup as safe as the server's .env"

# --- the Flink savepoint: taken before ClickHouse's dump, so the dump holds at least what the job's state holds -----
if [ -n "$SAVEPOINT" ]; then
  jobs=$(curl -sS "$FLINK_URL/jobs") || die "Flink's REST API does not answer at $FLINK_URL (--no-savepoint skips it)"
  job=$(printf '%s' "$jobs" | grep -o '"id":"[0-9a-f]*","status":"RUNNING"' | head -n 1 | cut -d'"' -f4 || true)
  [ -n "$job" ] || die "no running Flink job at $FLINK_URL (--no-savepoint skips the savepoint)"
  if [ "$MODE" = server ]; then target=file:///opt/flink/checkpoints/savepoints; else target="file://$BACKUP/flink"; fi
  trigger=$(curl -sS -X POST -H 'Content-Type: application/json' \
    -d "{\"target-directory\": \"$target\", \"cancel-job\": false, \"formatType\": \"CANONICAL\"}" \
    "$FLINK_URL/jobs/$job/savepoints" | grep -o '"request-id":"[^"]*"' | cut -d'"' -f4 || true)
  [ -n "$trigger" ] || die "Flink did not take the savepoint request"
  location=""
  for _ in $(seq 1 300); do
    status=$(curl -sS "$FLINK_URL/jobs/$job/savepoints/$trigger")
    if printf '%s' "$status" | grep -q '"id":"COMPLETED"'; then
      location=$(printf '%s' "$status" | grep -o '"location":"[^"]*"' | cut -d'"' -f4 || true)
      [ -n "$location" ] || die "the savepoint failed: $(printf '%s' "$status" | head -c 1000)"
      break
    fi
    sleep 1
  done
  [ -n "$location" ] || die "the savepoint did not complete in 5 minutes"
  name=$(basename "${location#file:}")
  if [ "$MODE" = server ]; then
    compose exec -T jobmanager tar -C /opt/flink/checkpoints/savepoints -cf - "$name" >"$BACKUP/flink/$name.tar"
  else
    tar -C "$BACKUP/flink" -cf "$BACKUP/flink/$name.tar" "$name"
    rm -rf "${BACKUP:?}/flink/$name"
  fi
  manifest_add savepoint "$name" 1 "flink/$name.tar"
  say "Flink savepoint $name (job $job)"
fi

# --- ClickHouse: per table, the schema and the rows ------------------------------------------------------------------
ch_tables >"$WORK/backup-tables"
[ -s "$WORK/backup-tables" ] || die "database $CH_DB has no tables"
while IFS=$'\t' read -r table engine; do
  ch "SHOW CREATE TABLE \`$CH_DB\`.\`$table\` FORMAT TabSeparatedRaw" >"$BACKUP/clickhouse/$table.sql"
  ch_request "$BACKUP/clickhouse/$table.native" "" \
    --data-binary "SELECT * FROM \`$table\`$(final_for "$engine") FORMAT Native"
  rows=$(ch_count_dump "$BACKUP/clickhouse/$table.native" "$(ch_structure "$table")")
  manifest_add clickhouse-schema "$table" "$engine" "clickhouse/$table.sql"
  manifest_add clickhouse "$table" "$rows" "clickhouse/$table.native"
  say "ClickHouse $table: $rows rows"
done <"$WORK/backup-tables"

# --- PostgreSQL: one consistent dump, its rows per table counted from the dump itself --------------------------------
if [ "$MODE" = server ]; then
  compose exec -T postgres pg_dump -U "$PG_USER" -Fc "$PG_DB" >"$BACKUP/postgres/noko.dump"
  compose exec -T postgres pg_restore --data-only -f - <"$BACKUP/postgres/noko.dump" >"$WORK/dump.sql"
else
  "$(pg_binary pg_dump)" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -Fc -f "$BACKUP/postgres/noko.dump" "$PG_DB"
  "$(pg_binary pg_restore)" --data-only -f "$WORK/dump.sql" "$BACKUP/postgres/noko.dump"
fi
manifest_add postgres-dump "$PG_DB" "" postgres/noko.dump
# COPY blocks: one line per row (COPY's text format escapes newlines), ended by \.
awk '/^COPY /{ table = $2; sub(/^public\./, "", table); rows = 0; inside = 1; next }
     inside && $0 == "\\." { print table "\t" rows; inside = 0; next }
     inside { rows++ }' "$WORK/dump.sql" >"$WORK/pg-counts"
while IFS=$'\t' read -r table rows; do
  manifest_add postgres "$table" "$rows"
done <"$WORK/pg-counts"
say "PostgreSQL: $(wc -l <"$WORK/pg-counts") tables, $(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$WORK/pg-counts") rows"

# --- files -----------------------------------------------------------------------------------------------------------
if [ "$MODE" = server ]; then
  # The S3 server (the Versity gateway over plain files) keeps each object as a file under buckets/, its metadata in
  # meta/ and the accounts in iam/: the whole volume, as files, is a copy any later version of it reads.
  compose run --rm --no-deps -T --entrypoint tar s3 -C /var/lib/versitygw -cf - . >"$BACKUP/files/s3-data.tar" \
    || die "could not copy the S3 server's volume (s3-data)"
  manifest_add files s3-data "$(tar -tf "$BACKUP/files/s3-data.tar" | grep -c '^\./buckets/.*[^/]$' || true)" \
    files/s3-data.tar
  for bucket in $(tar -tf "$BACKUP/files/s3-data.tar" | sed -n 's|^\./buckets/\([^/]*\)/.*[^/]$|\1|p' | sort -u); do
    manifest_add s3 "$bucket" "$(tar -tf "$BACKUP/files/s3-data.tar" | grep -c "^\./buckets/$bucket/.*[^/]$" || true)"
  done
  # The published results and the exports at published cut-offs: volumes of the portal.
  for volume in /srv/noko/results /var/lib/noko/published-exports; do
    name=$(basename "$volume")
    compose run --rm --no-deps -T --entrypoint tar portal -C "$volume" -cf - . >"$BACKUP/files/$name.tar" \
      || die "could not copy $volume"
    manifest_add files "$name" "$(tar -tf "$BACKUP/files/$name.tar" | grep -c '[^/]$' || true)" "files/$name.tar"
  done
else
  for folder in "${LOCAL_FILE_FOLDERS[@]}"; do
    name=${folder//\//-}
    if [ -d "$LOCAL_HOME/$folder" ]; then
      tar -C "$LOCAL_HOME/$folder" -cf "$BACKUP/files/$name.tar" .
    else
      tar -cf "$BACKUP/files/$name.tar" -T /dev/null
    fi
    manifest_add files "$folder" "$(count_files "$LOCAL_HOME/$folder")" "files/$name.tar"
  done
fi

# --- checksums of every file -----------------------------------------------------------------------------------------
(cd "$BACKUP" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum >SHA256SUMS)
say "done: $BACKUP ($(du -sh "$BACKUP" | cut -f1)); restore with deploy/backup/restore.sh --$MODE ... $BACKUP"
echo "$BACKUP"
