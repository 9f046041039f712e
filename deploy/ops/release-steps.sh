# Steps shared by deploy/ops/upgrade.sh and deploy/ops/rollback.sh (sourced, not run). They run in the deployment's
# folder (docker-compose.yml and .env) on the server. COMPOSE and DOCKER name the commands (docker compose, docker);
# the tests put stand-ins there. NOKO_OPS_WAIT is how long a service may take to become healthy, in seconds.

COMPOSE=${COMPOSE:-docker compose}
DOCKER=${DOCKER:-docker}
NOKO_OPS_WAIT=${NOKO_OPS_WAIT:-300}
# Where savepoints go (execution.checkpointing.savepoint-dir in docker-compose.yml), inside the job manager.
SAVEPOINTS=file:///opt/flink/checkpoints/savepoints
# One line per upgrade and rollback: when, from, to, the savepoint taken before it.
RELEASES_LOG=${RELEASES_LOG:-.noko-releases}

say() { echo "noko ops: $*"; }
fail() { echo "noko ops: $*" >&2; exit 1; }

current_release() {
  sed -n 's/^NOKO_RELEASE=//p' .env | tail -n 1
}

# Sets NOKO_RELEASE in .env, so that a later `docker compose up -d` keeps the release that runs.
set_release() {
  if grep -q '^NOKO_RELEASE=' .env; then
    sed -i "s/^NOKO_RELEASE=.*/NOKO_RELEASE=$1/" .env
  else
    echo "NOKO_RELEASE=$1" >>.env
  fi
}

# Waits until every container of the service reports healthy; fails after NOKO_OPS_WAIT seconds.
wait_healthy() {
  local service=$1 deadline=$((SECONDS + NOKO_OPS_WAIT)) ids status
  while :; do
    ids=$($COMPOSE ps -q "$service")
    if [ -n "$ids" ]; then
      status=$(for id in $ids; do $DOCKER inspect --format '{{.State.Health.Status}}' "$id"; done | sort -u)
      if [ "$status" = healthy ]; then
        say "$service is healthy"
        return 0
      fi
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail "$service is not healthy after ${NOKO_OPS_WAIT}s (docker compose logs $service)"
    sleep 2
  done
}

# Recreates services with a release's images, one at a time, each healthy before the next: with two gateways behind
# nginx, one always answers.
roll() {
  local release=$1
  shift
  local service
  for service in "$@"; do
    say "starting $service at $release"
    NOKO_RELEASE=$release $COMPOSE up -d --no-deps "$service"
    wait_healthy "$service"
  done
}

# The running job's id, from Flink's own client in the job manager.
running_job() {
  $COMPOSE exec -T jobmanager flink list -r 2>/dev/null | sed -n 's/.* : \([0-9a-f]\{32\}\) : .*(RUNNING)$/\1/p' | head -n 1
}

# Stops the job with a savepoint, in the canonical format another release reads, and prints the savepoint's path. Not
# --drain: that would close every window as if the stream had ended, and the job goes on.
stop_with_savepoint() {
  local job output path
  job=$(running_job)
  [ -n "$job" ] || fail "no running job in the job manager (flink list -r)"
  output=$($COMPOSE exec -T jobmanager flink stop --type canonical --savepointPath "$SAVEPOINTS" "$job") \
    || fail "flink stop failed: $output"
  path=$(printf '%s\n' "$output" | sed -n 's/^Savepoint completed\. Path: //p' | tail -n 1)
  [ -n "$path" ] || fail "flink stop printed no savepoint path: $output"
  echo "$path"
}

# Starts the job manager and the task managers at a release, from a savepoint.
start_job_from() {
  local release=$1 savepoint=$2
  say "starting the job at $release from $savepoint"
  NOKO_RELEASE=$release NOKO_RESTORE_SAVEPOINT=$savepoint $COMPOSE up -d --no-deps taskmanager jobmanager
  wait_healthy jobmanager
}
