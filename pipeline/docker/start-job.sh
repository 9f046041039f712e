#!/usr/bin/env bash
# Starts the job manager of the pipeline in application mode (pipeline/Dockerfile, docker-compose.yml).
#
# Without high availability a job manager that starts again (its container restarted, or the deployment was brought
# down and up) would start the job afresh: Kafka offsets from the consumer group, but the anti-fraud checks' state
# (who already answered, addresses, sessions) empty. So it resumes from a completed snapshot on the checkpoint volume
# (NOKO_CHECKPOINT_DIR), chosen in this order:
#   1. NOKO_RESTORE_SAVEPOINT, a savepoint the operator names (a rollback to the savepoint taken before an upgrade),
#      once: the start marks it used (.noko-restored in the savepoint's folder), so a later restart of the same
#      container, with the variable still set, resumes from the newer checkpoints instead of going back again;
#   2. otherwise the newest completed snapshot, savepoint or checkpoint. An upgrade stops the job with a savepoint
#      (deploy/ops/upgrade-job.sh), which is then the newest: the new version starts from it, not from a checkpoint.
# The job keeps its checkpoints on cancel and on failure, and the job manager stays up after a stop with a savepoint
# (execution.shutdown-on-application-finish: false), so the old version does not start again and checkpoint past it.
set -euo pipefail

job_class=ru.noko.pipeline.job.ResponseIngestJob
args=(--job-classname "$job_class")

checkpoints="${NOKO_CHECKPOINT_DIR:-file:///opt/flink/checkpoints}"
if [[ "$checkpoints" == file://* ]]; then
  folder="${checkpoints#file://}"
  chosen=""
  # Flink prints a savepoint's path as file:/…, the configuration writes file:///…: both name the same folder.
  requested=$(printf '%s' "${NOKO_RESTORE_SAVEPOINT:-}" | sed -E 's#^file:/+#/#')
  if [ -n "$requested" ]; then
    if [ ! -f "$requested/_metadata" ]; then
      echo "noko: NOKO_RESTORE_SAVEPOINT=$requested is not a completed savepoint (no _metadata): not starting" >&2
      exit 1
    fi
    if [ -e "$requested/.noko-restored" ]; then
      echo "noko: savepoint $requested was restored before ($(cat "$requested/.noko-restored")): resuming from the newest snapshot"
    else
      chosen="$requested"
      date -u +%Y-%m-%dT%H:%M:%SZ >"$requested/.noko-restored"
    fi
  fi
  if [ -z "$chosen" ]; then
    # <dir>/<job id>/chk-<n>/_metadata and <dir>/savepoints/savepoint-*/_metadata are written last: a snapshot without
    # one never completed.
    latest=$(ls -1t "$folder"/*/chk-*/_metadata "$folder"/savepoints/*/_metadata 2>/dev/null | head -n 1 || true)
    if [ -n "$latest" ]; then
      chosen="$(dirname "$latest")"
    fi
  fi
  if [ -n "$chosen" ]; then
    echo "noko: resuming $job_class from $chosen"
    args+=(--fromSavepoint "$chosen")
  else
    echo "noko: no completed checkpoint in $checkpoints, starting $job_class afresh"
  fi
else
  echo "noko: checkpoints in $checkpoints: starting afresh unless execution.state-recovery.path is set"
fi

exec "$FLINK_HOME/bin/standalone-job.sh" start-foreground "${args[@]}" "$@"
