#!/bin/sh
# Generated from libs/kafka/src/access/acl-plan.ts (`node --import tsx tools/kafka/access.ts acl-script`): do not edit.
# Grants each Hookline service principal its access, nothing more. Run it as the
# cluster's administrator (idempotent):
#   KAFKA_BOOTSTRAP=host:port KAFKA_ADMIN_CONFIG=admin.properties sh acls.sh
# (KAFKA_ACLS: the kafka-acls.sh to run; default: the one on PATH.)
set -eu
acl() { "${KAFKA_ACLS:-kafka-acls.sh}" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$KAFKA_ADMIN_CONFIG" --add "$@" >/dev/null; }
acl --allow-principal User:hookline-ingestion --topic 'hookline.events.v1' --resource-pattern-type literal --operation Create --operation Describe --operation Write --operation Read
acl --allow-principal User:hookline-ingestion --group 'ingestion-archive' --resource-pattern-type literal --operation Read
acl --allow-principal User:hookline-dispatcher --topic 'hookline.deliveries.v1' --resource-pattern-type literal --operation Create --operation Describe --operation Write --operation Read
acl --allow-principal User:hookline-dispatcher --topic 'hookline.webhook-changes.v1' --resource-pattern-type literal --operation Create --operation Describe --operation Read
acl --allow-principal User:hookline-dispatcher --topic 'hookline.events.v1' --resource-pattern-type literal --operation Read
acl --allow-principal User:hookline-dispatcher --group 'dispatcher-fanout' --resource-pattern-type literal --operation Read
acl --allow-principal User:hookline-dispatcher --group 'dispatcher-notify' --resource-pattern-type literal --operation Read
acl --allow-principal User:hookline-dispatcher --group 'dispatcher-sender' --resource-pattern-type literal --operation Read
acl --allow-principal User:hookline-dispatcher --group 'dispatcher-changes-' --resource-pattern-type prefixed --operation Read --operation Delete
acl --allow-principal User:hookline-registry --topic 'hookline.webhook-changes.v1' --resource-pattern-type literal --operation Create --operation Describe --operation Write
acl --allow-principal User:hookline-registry --topic 'hookline.credential-changes.v1' --resource-pattern-type literal --operation Create --operation Describe --operation Write
acl --allow-principal User:hookline-registry --topic 'hookline.audit.v1' --resource-pattern-type literal --operation Create --operation Describe --operation Write
acl --allow-principal User:hookline-gateway --topic 'hookline.credential-changes.v1' --resource-pattern-type literal --operation Create --operation Describe --operation Read
acl --allow-principal User:hookline-gateway --topic 'hookline.audit.v1' --resource-pattern-type literal --operation Write
acl --allow-principal User:hookline-gateway --group 'gateway-credentials-' --resource-pattern-type prefixed --operation Read --operation Delete
acl --allow-principal User:hookline-audit --topic 'hookline.audit.v1' --resource-pattern-type literal --operation Create --operation Describe --operation Write --operation Read
acl --allow-principal User:hookline-audit --group 'audit-store' --resource-pattern-type prefixed --operation Read
echo "Hookline ACLs granted"
