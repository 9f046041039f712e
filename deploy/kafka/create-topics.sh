#!/usr/bin/env bash
# Creates noko's Kafka topics (docker-compose.yml, service kafka-init): TOPICS is a list of name:partitions or
# name:partitions:settings, where settings are the topic's own configuration as key=value,key=value (the campaigns
# topic is compacted: cleanup.policy=compact); REPLICATION_FACTOR their replication. Existing topics are left as they
# are, but for their settings, which are set again each time; so it is safe to run again. Raising a topic's partitions
# later is a deliberate step (docs/server.md, "Scale out").
set -euo pipefail
for topic in $TOPICS; do
  IFS=: read -r name partitions settings <<< "$topic"
  configs=()
  if [[ -n "${settings:-}" ]]; then
    IFS=, read -r -a pairs <<< "$settings"
    for pair in "${pairs[@]}"; do
      configs+=(--config "$pair")
    done
  fi
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" ${configs[@]+"${configs[@]}"}
  if [[ -n "${settings:-}" ]]; then
    # A topic made before it had these settings (or by hand) gets them too.
    /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --alter --entity-type topics --entity-name "$name" \
      --add-config "$settings"
  fi
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --describe --exclude-internal
