#!/usr/bin/env bash
# Restores a backup made by backup.sh into an installation, then compares what is there with the backup's manifest
# and fails loudly on any difference. docs/server/backups.md has the whole procedure; in short:
#
#   deploy/backup/restore.sh --server [--force] BACKUP      # in the repository; the pipeline, portal, gateways stopped
#   deploy/backup/restore.sh --local .noko --only secrets BACKUP   # before the first start on an empty folder
#   deploy/backup/restore.sh --local .noko BACKUP                  # then, with ./noko run started on that folder
#
#   --only secrets   put back only the secrets (.env, or the local run's secret files): before anything starts, since
#                    the pseudonym key and the database passwords must be the backup's from the first start on
#   --only data      everything but the secrets
#   --force          restore into an installation that holds data already (rows whose key is in the backup are
#                    replaced by FINAL, the rest stay), and replace secrets that differ (the old .env is kept aside)
#
# Refuses, without --force, to write into a ClickHouse database, a portal database or file store that holds data.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

FORCE=""
ONLY=""
BACKUP=""
COMPOSE_DIR=${NOKO_COMPOSE_DIR:-$COMPOSE_DIR}
while [ $# -gt 0 ]; do
  case "$1" in
    --server) set_target --server; shift ;;
    --local) [ $# -ge 2 ] || die "--local needs the data folder"; set_target --local "$2"; shift 2 ;;
    --force) FORCE=yes; shift ;;
    --only) [ $# -ge 2 ] || die "--only needs secrets or data"; ONLY=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option: $1 (--help)" ;;
    *) [ -z "$BACKUP" ] || die "one backup folder only"; BACKUP=$1; shift ;;
  esac
done
case "$ONLY" in ""|secrets|data) ;; *) die "--only takes secrets or data" ;; esac
[ -n "$BACKUP" ] || die "which backup? (a folder backup.sh made)"
[ -f "$BACKUP/manifest.tsv" ] && [ -f "$BACKUP/SHA256SUMS" ] || die "$BACKUP is not a backup (no manifest.tsv, SHA256SUMS)"
BACKUP="$(cd "$BACKUP" && pwd)"
load_target

# Every file as it was written: a damaged backup stops here, before anything is changed.
(cd "$BACKUP" && sha256sum --quiet -c SHA256SUMS) || die "$BACKUP is damaged: checksums differ (SHA256SUMS)"
made_by=$(awk -F'\t' '$1 == "meta" && $2 == "mode" { print $3 }' "$BACKUP/manifest.tsv")
[ "$made_by" = "$MODE" ] || [ -n "$FORCE" ] || die "the backup is of a $made_by installation, this is --$MODE (--force)"
entries() { awk -F'\t' -v kind="$1" '$1 == kind' "$BACKUP/manifest.tsv"; }
FAILED=0
mismatch() {
  echo "noko restore: MISMATCH: $*" >&2
  FAILED=1
}

# --- secrets ---------------------------------------------------------------------------------------------------------
restore_secret() {
  local from=$1 to=$2
  if [ -f "$to" ] && cmp -s "$from" "$to"; then
    return
  fi
  if [ -f "$to" ]; then
    [ -n "$FORCE" ] || die "$to differs from the backup's: a system started before the secrets were restored made new
ones. Restore the secrets before the first start (--only secrets), or --force to replace them (then restart it)"
    cp -p "$to" "$to.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
    say "kept the replaced $to beside it"
  fi
  install -m 600 "$from" "$to"
  say "put back $to"
}

if [ "$ONLY" != data ]; then
  if [ "$MODE" = server ]; then
    restore_secret "$BACKUP/secrets/env" "$COMPOSE_DIR/.env"
  else
    mkdir -p "$LOCAL_HOME"
    chmod 700 "$LOCAL_HOME"
    while IFS=$'\t' read -r _ name _ _ _ file; do
      restore_secret "$BACKUP/$file" "$LOCAL_HOME/$name"
    done < <(entries secret)
  fi
  say "secrets restored: the pseudonym key is the backup's, so the same e-mail gives the same pseudonym"
  if [ "$ONLY" = secrets ]; then exit 0; fi
fi
if [ "$MODE" = server ]; then CH_PASSWORD=$(env_value CLICKHOUSE_PASSWORD); fi
load_credentials

# --- refuse to write into data ---------------------------------------------------------------------------------------
ch_tables >"$WORK/tables-before"
held=""
while IFS=$'\t' read -r table engine; do
  count=$(ch "SELECT count() FROM \`$table\`" | tr -d '\n')
  printf '%s\t%s\n' "$table" "$count" >>"$WORK/counts-before"
  # The migrations' record and the campaigns the job writes each time it starts are there in a fresh installation.
  case "$table" in schema_migrations|campaigns) continue ;; esac
  [ "$count" = 0 ] || held+=" $table($count)"
done <"$WORK/tables-before"
touch "$WORK/counts-before"
pg_held=$(pg_table_counts | awk -F'\t' '
  $1 == "flyway_schema_history" || $1 == "audit_log" || $1 == "password_resets" { next }
  $1 == "accounts" { if ($2 > 1) printf " accounts(%s)", $2; next }   # the operator a first start makes
  $2 > 0 { printf " %s(%s)", $1, $2 }')
files_held=""
if [ "$MODE" = local ]; then
  for folder in "${LOCAL_FILE_FOLDERS[@]}"; do
    n=$(count_files "$LOCAL_HOME/$folder")
    [ "$n" = 0 ] || files_held+=" $folder($n)"
  done
fi
if [ -n "$held$pg_held$files_held" ]; then
  [ -n "$FORCE" ] || die "this installation holds data already (ClickHouse:${held:- none}; PostgreSQL:${pg_held:- none};\
 files:${files_held:- none}). Restore into an empty one, or --force to add the backup to it"
  say "--force: restoring into an installation that holds data"
fi

# --- ClickHouse ------------------------------------------------------------------------------------------------------
backup_db=$(awk -F'\t' '$1 == "meta" && $2 == "clickhouse-database" { print $3 }' "$BACKUP/manifest.tsv")
ch "CREATE DATABASE IF NOT EXISTS \`$CH_DB\`" >/dev/null
while IFS=$'\t' read -r _ table rows _ _ file; do
  before=$(awk -F'\t' -v t="$table" '$1 == t { print $2 }' "$WORK/counts-before")
  if [ -z "$before" ]; then
    # No migration made it: the table as the backup's installation had it.
    sed "1s/^CREATE TABLE \`\\{0,1\\}$backup_db\`\\{0,1\\}\\./CREATE TABLE \`$CH_DB\`./" "$BACKUP/clickhouse/$table.sql" \
      >"$WORK/create.sql"
    ch "$(cat "$WORK/create.sql")" >/dev/null
    before=0
  elif [ "$table" = schema_migrations ] && [ "$before" != 0 ]; then
    # The migrator made the schema here: it must be the backup's schema, migration for migration.
    here=$(ch "SELECT count() FROM schema_migrations FINAL" | tr -d '\n')
    [ "$here" = "$rows" ] || die "this installation's schema has $here migrations, the backup's $rows: restore with\
 the version of noko that made the backup, then upgrade"
    say "ClickHouse schema_migrations: the same $rows migrations, kept"
    continue
  fi
  engine=$(awk -F'\t' -v t="$table" '$1 == "clickhouse-schema" && $2 == t { print $3 }' "$BACKUP/manifest.tsv")
  ch_request "$WORK/insert.out" "&query=$(urlencode "INSERT INTO \`$table\` FORMAT Native")" \
    --data-binary "@$BACKUP/$file"
  after=$(ch "SELECT count() FROM \`$table\`$(final_for "$engine")" | tr -d '\n')
  if [ "$before" = 0 ]; then
    [ "$after" = "$rows" ] || mismatch "ClickHouse $table: $after rows after the restore, the backup has $rows"
  else
    [ "$after" -ge "$rows" ] || mismatch "ClickHouse $table: $after rows after the restore, fewer than the backup's $rows"
  fi
  say "ClickHouse $table: $rows rows restored ($after now)"
done < <(entries clickhouse)

# --- PostgreSQL ------------------------------------------------------------------------------------------------------
portal_was_running=""
if [ "$MODE" = server ] && [ -n "$(compose ps -q --status running portal 2>/dev/null)" ]; then
  portal_was_running=yes
  compose stop portal >/dev/null
fi
if [ "$MODE" = server ]; then
  compose exec -T postgres pg_restore -U "$PG_USER" -d "$PG_DB" --clean --if-exists --no-owner --single-transaction \
    <"$BACKUP/postgres/noko.dump" || die "pg_restore failed"
else
  "$(pg_binary pg_restore)" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" --clean --if-exists --no-owner \
    --single-transaction "$BACKUP/postgres/noko.dump" || die "pg_restore failed"
fi
pg_table_counts >"$WORK/pg-after"
while IFS=$'\t' read -r _ table rows _ _ _; do
  after=$(awk -F'\t' -v t="$table" '$1 == t { print $2 }' "$WORK/pg-after")
  [ "$after" = "$rows" ] || mismatch "PostgreSQL $table: ${after:-no table} rows after the restore, the backup has $rows"
done < <(entries postgres)
say "PostgreSQL: $(entries postgres | wc -l) tables restored"
if [ -n "$portal_was_running" ]; then compose start portal >/dev/null; fi

# --- files -----------------------------------------------------------------------------------------------------------
if [ "$MODE" = server ]; then
  s3_was_running=""
  if [ -n "$(compose ps -q --status running s3 2>/dev/null)" ]; then
    s3_was_running=yes
    compose stop s3 >/dev/null
  fi
  while IFS=$'\t' read -r _ name files _ _ file; do
    case "$name" in
      s3-data) volume=/var/lib/versitygw; service=s3 ;;
      results) volume=/srv/noko/results; service=portal ;;
      *) volume=/var/lib/noko/published-exports; service=portal ;;
    esac
    compose run --rm --no-deps -T --entrypoint tar "$service" -C "$volume" -xf - <"$BACKUP/$file" \
      || die "could not restore $volume"
    after=$(compose run --rm --no-deps -T --entrypoint /bin/sh "$service" -c \
      "find $volume/$([ "$name" = s3-data ] && echo buckets) -type f | wc -l" | tr -d ' \r')
    [ "${after:-0}" -ge "$files" ] || mismatch "files in $volume: ${after:-0}, the backup has $files"
  done < <(entries files)
  if [ -n "$s3_was_running" ]; then compose start s3 >/dev/null; fi
else
  while IFS=$'\t' read -r _ folder files _ _ file; do
    mkdir -p "$LOCAL_HOME/$folder"
    tar -C "$LOCAL_HOME/$folder" -xf "$BACKUP/$file"
    after=$(count_files "$LOCAL_HOME/$folder")
    [ "$after" -ge "$files" ] || mismatch "files in $folder: $after, the backup has $files"
  done < <(entries files)
fi
say "files restored"

# --- the Flink savepoint ---------------------------------------------------------------------------------------------
while IFS=$'\t' read -r _ name _ _ _ file; do
  if [ "$MODE" = server ]; then
    compose run --rm --no-deps -T --entrypoint /bin/sh jobmanager -c '
      mkdir -p /opt/flink/checkpoints/savepoints && tar -C /opt/flink/checkpoints/savepoints -xf - &&
      chown -R flink:flink /opt/flink/checkpoints/savepoints' <"$BACKUP/$file" || die "could not restore the savepoint"
    say "savepoint restored: start the pipeline from it with NOKO_RESTORE_SAVEPOINT=/opt/flink/checkpoints/savepoints/$name"
  else
    mkdir -p "$LOCAL_HOME/savepoints"
    tar -C "$LOCAL_HOME/savepoints" -xf "$BACKUP/$file"
    say "savepoint kept in $LOCAL_HOME/savepoints/$name (the local run starts its job afresh)"
  fi
done < <(entries savepoint)

[ "$FAILED" = 0 ] || die "the restore does not match the backup (MISMATCH above)"
say "restored $BACKUP: every count matches the manifest"
