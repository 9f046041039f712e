#!/usr/bin/env bash
# Starts the job manager of the pipeline in application mode (pipeline/Dockerfile, docker-compose.yml).
#
# Without high availability a job manager that starts again (its container restarted, or the deployment was brought
# down and up) would start the job afresh: Kafka offsets from the consumer group, but the anti-fraud checks' state
# (who already answered, addresses, sessions) empty. So it resumes from the newest completed checkpoint it finds on
# the checkpoint volume (NOKO_CHECKPOINT_DIR); the job keeps its checkpoints on cancel and on failure.
set -euo pipefail

job_class=ru.noko.pipeline.job.ResponseIngestJob
args=(--job-classname "$job_class")

checkpoints="${NOKO_CHECKPOINT_DIR:-file:///opt/flink/checkpoints}"
if [[ "$checkpoints" == file://* ]]; then
  # <dir>/<job id>/chk-<n>/_metadata is written last: a checkpoint without it never completed.
  latest=$(ls -1t "${checkpoints#file://}"/*/chk-*/_metadata 2>/dev/null | head -n 1 || true)
  if [ -n "$latest" ]; then
    echo "noko: resuming $job_class from checkpoint $(dirname "$latest")"
    args+=(--fromSavepoint "$(dirname "$latest")")
  else
    echo "noko: no completed checkpoint in $checkpoints, starting $job_class afresh"
  fi
else
  echo "noko: checkpoints in $checkpoints: starting afresh unless execution.state-recovery.path is set"
fi

exec "$FLINK_HOME/bin/standalone-job.sh" start-foreground "${args[@]}" "$@"
