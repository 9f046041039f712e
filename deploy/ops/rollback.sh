#!/usr/bin/env bash
# Goes back to the release that ran before the last upgrade (.noko-releases), with the survey endpoint answering:
#   deploy/ops/rollback.sh
# The gateways go back one at a time. The job goes back to the savepoint taken when the upgrade stopped it: the state
# the previous release wrote, in the format it reads. It reads Kafka again from that savepoint's offsets; what the new
# release wrote meanwhile is written again under the same keys, which ClickHouse keeps once (docs/server.md, "Nothing
# lost, nothing twice"). Then the portal, the exporter and Grafana.
set -euo pipefail
source "$(dirname "$0")/release-steps.sh"

[ -s "$RELEASES_LOG" ] || fail "no upgrade recorded in $RELEASES_LOG"
read -r _ kind from to savepoint < <(grep ' upgrade ' "$RELEASES_LOG" | tail -n 1)
[ "$kind" = upgrade ] || fail "no upgrade recorded in $RELEASES_LOG"
[ "$(current_release)" = "$to" ] || fail ".env runs $(current_release), not $to, the last upgrade's release"

say "rolling back from $to to $from"
roll "$from" gateway-1 gateway-2
# The savepoint started the new release once and is marked so (pipeline/docker/start-job.sh); it is to start again.
local_path=$(printf '%s' "$savepoint" | sed -E 's#^file:/+#/#')
$COMPOSE exec -T jobmanager rm -f "$local_path/.noko-restored"
start_job_from "$from" "$savepoint"
roll "$from" portal exporter grafana
set_release "$from"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) rollback $to $from $savepoint" >>"$RELEASES_LOG"
say "$from runs again"
