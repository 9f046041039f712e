#!/usr/bin/env bash
# Starts the broker as the apache/kafka image does (/etc/kafka/docker/run), with the JMX exporter's agent in its JVM.
# KAFKA_OPTS is set here, for the broker's process tree only, not in the container's environment: the tools run in
# the same container (the health check's kafka-broker-api-versions.sh, kafka-topics.sh by hand) start JVMs of their
# own and must not try to open port 9404 as well. The image's start also formats the storage with kafka-storage.sh,
# which gets the agent too; it runs and exits before the broker starts, so the port is free again by then.
set -euo pipefail
export KAFKA_OPTS="-javaagent:/opt/jmx-exporter/jmx_prometheus_javaagent.jar=9404:/opt/jmx-exporter/kafka.yml${KAFKA_OPTS:+ $KAFKA_OPTS}"
exec /etc/kafka/docker/run "$@"
