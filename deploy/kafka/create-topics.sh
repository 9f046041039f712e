#!/usr/bin/env bash
# Creates noko's Kafka topics (docker-compose.yml, service kafka-init): TOPICS is a list of name:partitions,
# REPLICATION_FACTOR their replication. Existing topics are left as they are, so it is safe to run again; raising a
# topic's partitions later is a deliberate step (README, "Scale out").
set -euo pipefail
for topic in $TOPICS; do
  name="${topic%%:*}"
  partitions="${topic##*:}"
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR"
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --describe --exclude-internal
