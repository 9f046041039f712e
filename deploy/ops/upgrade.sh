#!/usr/bin/env bash
# Upgrades the running deployment to another release, with the survey endpoint answering throughout:
#   deploy/ops/upgrade.sh <release>
# Run it in the deployment's folder on the server, once the release's images exist (docs/server.md, "Upgrade and roll
# back": mvn package, then NOKO_RELEASE=<release> docker compose build).
#   1. The gateways, one at a time, each healthy before the next: nginx sends every request to the one that runs.
#   2. The job: stopped with a savepoint, then started at the new release from that savepoint, never from whatever
#      checkpoint happens to be newest. Responses wait in Kafka meanwhile; none is lost.
#   3. The portal, the exporter and Grafana.
# .env then names the new release, and .noko-releases records the upgrade with its savepoint, which
# deploy/ops/rollback.sh goes back to.
set -euo pipefail
source "$(dirname "$0")/release-steps.sh"

[ $# -eq 1 ] || fail "usage: deploy/ops/upgrade.sh <release>"
to=$1
from=$(current_release)
[ -n "$from" ] || fail ".env names no NOKO_RELEASE: this is a first start (docker compose up -d), not an upgrade"
[ "$from" != "$to" ] || fail "$to already runs"
for image in ingest-gateway pipeline portal export grafana; do
  $DOCKER image inspect "noko/$image:$to" >/dev/null 2>&1 \
    || fail "no image noko/$image:$to: build it first (NOKO_RELEASE=$to docker compose build)"
done

say "upgrading from $from to $to"
roll "$to" gateway-1 gateway-2
savepoint=$(stop_with_savepoint)
say "the job stopped with savepoint $savepoint"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) upgrade $from $to $savepoint" >>"$RELEASES_LOG"
start_job_from "$to" "$savepoint"
roll "$to" portal exporter grafana
set_release "$to"
say "$to runs; roll back with deploy/ops/rollback.sh"
