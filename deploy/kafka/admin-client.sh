#!/bin/sh
# The administrator's client settings for kafka-acls.sh and the compose healthcheck, written to
# /tmp/admin.properties from HOOKLINE_KAFKA_ADMIN_PASSWORD (SASL PLAIN, deploy/docker-compose.yml).
set -eu
umask 077
cat >/tmp/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="hookline-admin" password="${HOOKLINE_KAFKA_ADMIN_PASSWORD}";
PROPERTIES
