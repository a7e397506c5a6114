// Generated from /openapi.json by tools/sdk/api-types.ts (npm run sdk:api-types); do not edit.
/* eslint-disable */
export interface paths {
    "/v1/admin/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List organizations */
        get: operations["organization.list"];
        put?: never;
        /**
         * Create an organization
         * @description Returns the organization and its first `admin` API key (the `key` is shown only here).
         */
        post: operations["organization.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/organizations/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an organization's API keys */
        get: operations["admin.api_key.list"];
        put?: never;
        /** Create an API key in an organization */
        post: operations["admin.api_key.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event type catalog */
        get: operations["admin.event_type.list"];
        put?: never;
        /**
         * Add or replace an event type
         * @description Idempotent upsert by `type`: the body is the whole entry. Built-in `hookline.*` types are reserved.
         *
         *     A `schema` different from the current one becomes a new version (`GET /v1/admin/event-types/{type}/schemas`). A schema that would refuse data the latest schema version accepted answers 409 `schema_change_breaking` (naming each change) unless the body says `"breaking": true`. `schema_mode` (default `off`) decides what publishing does with data that does not match; `enforce` and `warn` need a schema.
         */
        post: operations["event_type.register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/event-types/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an event type */
        delete: operations["event_type.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List dead letters
         * @description Records a consumer could never process (undecodable, refused by the database, invalid), newest first, from every consuming service.
         */
        get: operations["dead_letter.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dead-letters/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a dead letter
         * @description Produces the record’s original key and value to its topic again; its consumer handles it like any other record.
         */
        post: operations["dead_letter.replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organization's API keys */
        get: operations["api_key.list"];
        put?: never;
        /**
         * Create an API key
         * @description The `key` is in this response only; Hookline stores a hash. While the organization requires approvals, an admin key stays inactive until an admin acting for another principal approves it: 202 with the approval and the (inactive) key.
         */
        post: operations["api_key.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Takes effect within 1 s. While the organization requires approvals, revoking an admin key needs an admin acting for another principal: 202 with the approval, key unchanged.
         */
        delete: operations["api_key.revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks
         * @description Newest first; deleted webhooks are not listed.
         */
        get: operations["webhook.list"];
        put?: never;
        /**
         * Create a webhook
         * @description Returns `signing_secret` once (hmac-sha256) or `public_key` (ed25519, ecdsa-p256). When the organization requires approval for creates: 202 with the approval.
         */
        post: operations["webhook.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["webhook.read"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook
         * @description Soft delete: nothing is sent to it any more (within 1 s). When the organization requires approval for deletes: 202 with the approval.
         */
        delete: operations["webhook.delete"];
        options?: never;
        head?: never;
        /**
         * Update a webhook
         * @description Only the fields sent change. When the organization requires approval for updates: 202 with the approval.
         */
        patch: operations["webhook.update"];
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description Returns the new secret once (hmac-sha256) or the new public key; the previous key keeps signing for 24 h.
         */
        post: operations["webhook.rotate_secret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook's approval history
         * @description Newest first.
         */
        get: operations["webhook.approvals.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The event type catalog
         * @description Every event type a webhook may subscribe to, operational `hookline.*` types included.
         */
        get: operations["event_type.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/event-types/{type}/schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an event type's schema versions
         * @description Every version of the type's data schema, newest first; `current` marks the one publishing checks against.
         */
        get: operations["admin.event_type.schemas.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description Newest first. Cursor pages stay stable while new events arrive.
         */
        get: operations["event.list"];
        put?: never;
        /**
         * Publish an event
         * @description Answers 201 once the event is stored in Kafka; 503 when it could not be stored.
         *
         *     Always send an `Idempotency-Key` (1–255 printable ASCII, one per event you mean to publish). The key is bound to its event — id and time — before anything is stored, for 24 h, whatever happens to the request. Retry with the **same key and body** every 429, 503 and 504, every 409 `idempotency_key_in_use` / `idempotency_key_in_flight` (an earlier try with this key is still running), after its `Retry-After`, and every timeout or dropped connection: the retry answers 201 with the same event (same `id`), never a second event — also when the first try was answered 503 or timed out but was stored after all. Receivers get that event once per webhook.
         *
         *     The same key with a different body answers 409 `idempotency_key_reused`.
         *
         *     When the type's schema mode is `enforce`, `data` that does not match the type's schema answers 422 `schema_violation`: `param` is the JSON pointer that failed (e.g. `/data/amount`), the message names the rule (e.g. `minimum`). Do not retry it unchanged.
         */
        post: operations["event.publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an event
         * @description The full event object; receivers of thin payloads fetch `data` here.
         */
        get: operations["event.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deliveries
         * @description Deliveries (one per event × webhook), newest first, with cursor pages.
         */
        get: operations["delivery.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a delivery
         * @description One delivery with every attempt (oldest first): response status, headers, body, duration and error.
         */
        get: operations["delivery.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/events/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a delivery
         * @description Sends the delivery again now, whatever its status, with the same `webhook-id`. A manual retry that fails is not retried automatically.
         */
        post: operations["delivery.retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recover failed deliveries
         * @description Re-queues, in the background, every failed delivery of the webhook created in `[since, until)`.
         */
        post: operations["webhook.recover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Publishes an event with `is_test: true` that is delivered to this webhook only, like any other event.
         */
        post: operations["webhook.test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organization settings */
        get: operations["settings.read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change organization settings
         * @description Only the fields sent change. While any approval is required, turning one off needs a second admin (another principal): 202 with the approval, settings unchanged.
         */
        patch: operations["settings.update"];
        trace?: never;
    };
    "/v1/wire-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How deliveries look on the wire
         * @description The headers, signature encoding and envelope of every delivery of this organization (set by the platform operator).
         */
        get: operations["wire_profile.read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/organizations/{id}/wire-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organization's wire profile */
        get: operations["admin.wire_profile.read"];
        /**
         * Set an organization's wire profile
         * @description Every delivery of the organization from the next attempt on (within 1 s): `standard-webhooks` (the default), or `hmac-hex` (`X-<Brand>-Signature: sha256=<hex>`, `X-<Brand>-Event`, a brand `User-Agent`), with an optional envelope mapping, test event type and default retry schedule.
         */
        put: operations["admin.wire_profile.update"];
        post?: never;
        /**
         * Remove an organization's own wire profile
         * @description The platform default applies again.
         */
        delete: operations["admin.wire_profile.reset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notification-channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List notification channels
         * @description Where the organization is told about failing deliveries and disabled webhooks: email addresses and chat webhooks (Slack, Teams).
         */
        get: operations["notification_channel.list"];
        put?: never;
        /**
         * Add a notification channel
         * @description Email goes through the operator's SMTP server (`HOOKLINE_SMTP_URL`); a chat target must be a public https URL, checked like a webhook URL. Thresholds, dedupe and the hourly limit apply per channel.
         */
        post: operations["notification_channel.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notification-channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a notification channel */
        delete: operations["notification_channel.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/relay/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Receive a relay webhook’s attempts (server-sent events)
         * @description A `text/event-stream` of `delivery` events, one per attempt of a delivery to the relay webhook, whose data is a `RelayRequest` and whose id is its sequence: reconnect with `Last-Event-ID` to resume. Comments keep the connection alive. While a stream is open the webhook’s listener is connected; when it opens, deliveries left pending while none was are sent at once.
         */
        get: operations["relay.stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/relay/requests/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report the local answer to a relay request
         * @description The listener’s local answer (status, headers, the first 16 KiB of the body, duration), or why none came (`error`), becomes the attempt’s outcome: 2xx delivers, anything else is a failed attempt retried on the webhook’s schedule.
         */
        post: operations["relay.outcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List approvals (the four-eyes inbox)
         * @description Newest first; filter by `status`.
         */
        get: operations["approval.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve and apply a change
         * @description Only an admin acting for another principal than the requester may approve. A stale (resource changed meanwhile), expired or decided approval answers 409. The response carries the resource after the change: `webhook`, `api_key` or `settings`.
         */
        post: operations["approval.approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a change */
        post: operations["approval.reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit records
         * @description Every API call and every change of the key's organization, newest first. Admin keys only.
         */
        get: operations["audit_log.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-logs/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the organization's audit chain
         * @description Walks the hash chain from its first record (or its retention checkpoint) to its head and checks who produced each record (its signature, by a service certificate of the deployment CA allowed to emit its kind): `{"valid": true, "records", "head", "producers"}`, or the first broken record and why.
         */
        get: operations["audit_log.verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-logs/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export audit records as NDJSON
         * @description Streams the records of a time range in chain order, one JSON object per line: the exact canonical record that was hashed (with its producer `signature` and `signer`) plus `hash`, `prev_hash` and the signer certificate, so it verifies offline (`tools/audit/verify-export.ts`).
         */
        get: operations["audit_log.export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling key
         * @description The organization, role and owner of the key (or portal session) making the call.
         */
        get: operations["session.read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a portal session
         * @description A short-lived (default 1 h, at most 24 h), revocable, role-limited dashboard session for one organization, to hand to a customer or embed in an iframe (allowed origins: HOOKLINE_DASHBOARD_FRAME_ANCESTORS). Stored hashed; issue and first use are audited.
         */
        post: operations["portal_session.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/organizations/{id}/portal-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a portal session for an organization
         * @description A short-lived (default 1 h, at most 24 h), revocable, role-limited dashboard session for one organization, to hand to a customer or embed in an iframe (allowed origins: HOOKLINE_DASHBOARD_FRAME_ANCESTORS). Stored hashed; issue and first use are audited.
         */
        post: operations["admin.portal_session.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal-sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a portal session */
        delete: operations["portal_session.revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delivery statistics of the organization
         * @description Deliveries by outcome per time bucket and attempt latency percentiles (p50, p95), over every webhook.
         */
        get: operations["stats.read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Delivery statistics of a webhook
         * @description Deliveries by outcome per time bucket and attempt latency percentiles (p50, p95) of one webhook.
         */
        get: operations["webhook.stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            /** @description `key_…` */
            id: string;
            /** @constant */
            object: "api_key";
            name: string | null;
            /** @enum {string} */
            role: "admin" | "developer" | "viewer";
            /** @description A label: whom the key is meant for. Whom it acts for is `principal`. */
            owner: string;
            /** @description Whom the key acts for — the principal that received its plaintext; approvals compare principals. Operator-created keys act for their owner; a key created with an org key acts for its creator, always (approving it does not change whose key it is). */
            principal: string;
            /**
             * @description `pending_approval`: not usable until an admin acting for another principal approves it.
             * @enum {string}
             */
            status: "active" | "pending_approval" | "rejected";
            /** @description First characters of the key, to recognise it. */
            prefix: string;
            created_by: string;
            created_at: string;
            revoked_at: string | null;
        };
        ApiKeyCreationApproval: {
            /** @description `apr_…` */
            id: string;
            /** @constant */
            object: "approval";
            /**
             * @description What the change is about.
             * @enum {string}
             */
            resource_type: "webhook" | "api_key" | "settings";
            /** @description `wh_…`, `key_…` or the organization id (settings). */
            resource_id: string;
            /** @description null unless resource_type is webhook. */
            webhook_id: string | null;
            /**
             * @description webhook: create, update, delete; api_key: create, revoke; settings: update.
             * @enum {string}
             */
            action: "create" | "update" | "delete" | "revoke";
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "expired" | "stale";
            /** @description Owner identity of the requesting key. */
            requested_by: string;
            /** @description Principal of the requesting key: only an admin acting for another principal may approve. */
            requested_by_principal: string;
            decided_by: string | null;
            decided_at: string | null;
            /** @description Why it was rejected. */
            reason: string | null;
            /** @description The requested change; credentials shown as "[redacted]". */
            change: {
                [key: string]: unknown;
            };
            change_hash: string;
            expires_at: string;
            created_at: string;
            api_key: components["schemas"]["CreatedApiKey"];
        };
        ApiKeyList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["ApiKey"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        ApiKeyRevocationApproval: {
            /** @description `apr_…` */
            id: string;
            /** @constant */
            object: "approval";
            /**
             * @description What the change is about.
             * @enum {string}
             */
            resource_type: "webhook" | "api_key" | "settings";
            /** @description `wh_…`, `key_…` or the organization id (settings). */
            resource_id: string;
            /** @description null unless resource_type is webhook. */
            webhook_id: string | null;
            /**
             * @description webhook: create, update, delete; api_key: create, revoke; settings: update.
             * @enum {string}
             */
            action: "create" | "update" | "delete" | "revoke";
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "expired" | "stale";
            /** @description Owner identity of the requesting key. */
            requested_by: string;
            /** @description Principal of the requesting key: only an admin acting for another principal may approve. */
            requested_by_principal: string;
            decided_by: string | null;
            decided_at: string | null;
            /** @description Why it was rejected. */
            reason: string | null;
            /** @description The requested change; credentials shown as "[redacted]". */
            change: {
                [key: string]: unknown;
            };
            change_hash: string;
            expires_at: string;
            created_at: string;
            api_key: components["schemas"]["ApiKey"];
        };
        AppliedApproval: {
            /** @description `apr_…` */
            id: string;
            /** @constant */
            object: "approval";
            /**
             * @description What the change is about.
             * @enum {string}
             */
            resource_type: "webhook" | "api_key" | "settings";
            /** @description `wh_…`, `key_…` or the organization id (settings). */
            resource_id: string;
            /** @description null unless resource_type is webhook. */
            webhook_id: string | null;
            /**
             * @description webhook: create, update, delete; api_key: create, revoke; settings: update.
             * @enum {string}
             */
            action: "create" | "update" | "delete" | "revoke";
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "expired" | "stale";
            /** @description Owner identity of the requesting key. */
            requested_by: string;
            /** @description Principal of the requesting key: only an admin acting for another principal may approve. */
            requested_by_principal: string;
            decided_by: string | null;
            decided_at: string | null;
            /** @description Why it was rejected. */
            reason: string | null;
            /** @description The requested change; credentials shown as "[redacted]". */
            change: {
                [key: string]: unknown;
            };
            change_hash: string;
            expires_at: string;
            created_at: string;
            webhook?: components["schemas"]["Webhook"];
            api_key?: components["schemas"]["ApiKey"];
            settings?: components["schemas"]["Settings"];
        };
        Approval: {
            /** @description `apr_…` */
            id: string;
            /** @constant */
            object: "approval";
            /**
             * @description What the change is about.
             * @enum {string}
             */
            resource_type: "webhook" | "api_key" | "settings";
            /** @description `wh_…`, `key_…` or the organization id (settings). */
            resource_id: string;
            /** @description null unless resource_type is webhook. */
            webhook_id: string | null;
            /**
             * @description webhook: create, update, delete; api_key: create, revoke; settings: update.
             * @enum {string}
             */
            action: "create" | "update" | "delete" | "revoke";
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "expired" | "stale";
            /** @description Owner identity of the requesting key. */
            requested_by: string;
            /** @description Principal of the requesting key: only an admin acting for another principal may approve. */
            requested_by_principal: string;
            decided_by: string | null;
            decided_at: string | null;
            /** @description Why it was rejected. */
            reason: string | null;
            /** @description The requested change; credentials shown as "[redacted]". */
            change: {
                [key: string]: unknown;
            };
            change_hash: string;
            expires_at: string;
            created_at: string;
        };
        ApprovalList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Approval"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        Attempt: {
            /** @description `att_…` */
            id: string;
            /** @description 1 for the first attempt. */
            number: number;
            started_at: string;
            duration_ms: number;
            /** @description null when no response was received. */
            response_status: number | null;
            response_headers: {
                [key: string]: string;
            };
            /** @description The first 16 KiB of the response body. */
            response_body: string;
            /** @description null on success. */
            error: {
                /** @enum {string} */
                class: "timeout" | "dns" | "connect" | "tls" | "ssrf_blocked" | "http_status" | "auth";
                message: string;
            } | null;
        };
        AuditChainVerification: {
            valid: boolean;
            records: number;
            head: string | null;
            head_sequence: number;
            checkpoint_sequence: number | null;
            broken?: {
                sequence: number;
                id: string | null;
                reason: string;
                message: string;
                expected_sequence: number;
            };
            /** @description Verified records per producing service: each record's signature, certificate (issued by the deployment CA) and right to emit its kind checked again. */
            producers: {
                producer: string;
                records: number;
            }[];
            /** @description Verified records stored before records were signed. */
            unsigned_records: number;
            /** @description The first sequence of the chain that must carry a producer signature. */
            signed_from_sequence: number;
        };
        AuditRecord: {
            /** @description `aud_…` */
            id: string;
            /** @constant */
            object: "audit_log";
            /** @description Position in the organization's hash chain (1, 2, …). */
            sequence: number;
            /** @enum {string} */
            kind: "access" | "change";
            actor: {
                kind: string;
                key_id: string | null;
                owner: string | null;
                role: string | null;
            };
            /** @description e.g. `webhook.create` */
            action: string;
            resource_type: string | null;
            resource_id: string | null;
            request_id: string | null;
            ip: string | null;
            user_agent: string | null;
            http_status: number | null;
            /** @description success, failure, denied, rate_limited */
            outcome: string | null;
            latency_ms: number | null;
            /** @description Redacted snapshot before a change (null for access records). */
            before: unknown;
            /** @description Redacted snapshot after a change (null for access records). */
            after: unknown;
            source: string | null;
            created_at: string;
            hash: string;
            prev_hash: string;
            /** @description The service whose certificate signed the record, verified on arrival (`gateway`, `registry`, `audit`); null for a record stored before records were signed. */
            producer: string | null;
        };
        AuditRecordList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["AuditRecord"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        CreatedApiKey: {
            /** @description `key_…` */
            id: string;
            /** @constant */
            object: "api_key";
            name: string | null;
            /** @enum {string} */
            role: "admin" | "developer" | "viewer";
            /** @description A label: whom the key is meant for. Whom it acts for is `principal`. */
            owner: string;
            /** @description Whom the key acts for — the principal that received its plaintext; approvals compare principals. Operator-created keys act for their owner; a key created with an org key acts for its creator, always (approving it does not change whose key it is). */
            principal: string;
            /**
             * @description `pending_approval`: not usable until an admin acting for another principal approves it.
             * @enum {string}
             */
            status: "active" | "pending_approval" | "rejected";
            /** @description First characters of the key, to recognise it. */
            prefix: string;
            created_by: string;
            created_at: string;
            revoked_at: string | null;
            /** @description `hk_…`, shown only in this response. */
            key: string;
        };
        CreatedOrganization: {
            organization: components["schemas"]["Organization"];
            api_key: components["schemas"]["CreatedApiKey"];
        };
        CreatedPortalSession: {
            /** @constant */
            object: "portal_session";
            /** @description `ps_…` */
            id: string;
            organization_id: string;
            /** @enum {string} */
            role: "viewer" | "developer" | "admin";
            /** @description Empty = every screen. */
            features: string[];
            branding: {
                product_name: string | null;
                logo_url: string | null;
                accent_color: string | null;
            };
            owner: string;
            created_at: string;
            expires_at: string;
            revoked_at: string | null;
            /** @description Opens the dashboard signed in to this session; the token travels in the fragment, which browsers never send to a server. */
            url: string;
            /** @description `hkps_…`, shown only here; usable as a Bearer key until it expires or is revoked. */
            token: string;
        };
        CreatedWebhook: {
            /** @description `wh_…` */
            id: string;
            /** @constant */
            object: "webhook";
            name: string;
            description: string | null;
            url: string;
            /** @enum {string} */
            status: "pending_approval" | "active" | "paused" | "disabled" | "error" | "deleted";
            /** @description null = every event type. */
            event_types: string[] | null;
            /** @enum {string} */
            auth_type: "none" | "api_key" | "basic" | "oauth2";
            /** @description Non-secret fields of the endpoint authentication. */
            auth?: {
                header_name?: string;
                username?: string;
                token_url?: string;
                client_id?: string;
                scope?: string;
                audience?: string;
                /**
                 * @description oauth2 only.
                 * @enum {string}
                 */
                client_auth_method?: "auto" | "client_secret_basic" | "client_secret_post" | "both";
            };
            rate_limit_rps: number;
            timeout_seconds: number;
            /** @enum {string} */
            payload: "full" | "thin";
            /** @enum {string} */
            signature_scheme: "hmac-sha256" | "ed25519" | "ecdsa-p256";
            /** @description `whpk_…` (ed25519) or SPKI PEM (ecdsa-p256). */
            public_key?: string;
            has_signing_secret: boolean;
            /** @description null = the platform default. */
            retry_schedule_seconds: number[] | null;
            /** @enum {string} */
            ordering: "unordered" | "fifo";
            disabled_reason?: string;
            /** @description Omitted until the first delivery. */
            last_triggered_at?: string;
            created_at: string;
            updated_at: string;
            /** @description `whsec_…`, shown only here. */
            signing_secret?: string;
        };
        DeadLetter: {
            /** @description `dlq_…`; sorts by creation across services */
            id: string;
            /** @constant */
            object: "dead_letter";
            /** @enum {string} */
            service: "dispatcher" | "ingestion" | "audit";
            /** @description fan-out, sender, change-feed, event-archive or audit-store */
            consumer: string;
            topic: string;
            partition: number;
            offset: string;
            /** @description The message key, base64 */
            key: string | null;
            /** @description The raw value, base64 (up to 256 KiB) */
            value: string | null;
            value_size: number;
            /** @description Kept truncated: cannot be replayed */
            truncated: boolean;
            error: string;
            created_at: string;
            replayed_at: string | null;
            replay_count: number;
        };
        DeadLetterList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["DeadLetter"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        Delivery: {
            /** @description `del_…`; also the `webhook-id` header of every attempt. */
            id: string;
            /** @constant */
            object: "webhook_event";
            webhook_id: string;
            event_id: string;
            event_type: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempt_count: number;
            /** @description RFC 3339; null before the first attempt. */
            last_attempt_at: string | null;
            /** @description RFC 3339; null when no attempt is scheduled. */
            next_attempt_at: string | null;
            /** @description HTTP status of the last response; null when none was received. */
            response_status: number | null;
            is_test: boolean;
            created_at: string;
        };
        DeliveryList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Delivery"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        DeliveryRetry: {
            /** @constant */
            object: "webhook_event_retry";
            /** @constant */
            status: "queued";
            webhook_event_id: string;
        };
        DeliveryWithAttempts: {
            /** @description `del_…`; also the `webhook-id` header of every attempt. */
            id: string;
            /** @constant */
            object: "webhook_event";
            webhook_id: string;
            event_id: string;
            event_type: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempt_count: number;
            /** @description RFC 3339; null before the first attempt. */
            last_attempt_at: string | null;
            /** @description RFC 3339; null when no attempt is scheduled. */
            next_attempt_at: string | null;
            /** @description HTTP status of the last response; null when none was received. */
            response_status: number | null;
            is_test: boolean;
            created_at: string;
            /** @description Oldest first. */
            attempts: components["schemas"]["Attempt"][];
        };
        Error: {
            error: {
                /** @enum {string} */
                type: "invalid_request" | "authentication" | "permission" | "not_found" | "conflict" | "rate_limited" | "internal" | "unavailable";
                /** @description Machine-readable reason, e.g. `unknown_field`, `url_not_public`. */
                code: string;
                message: string;
                /** @description The request field at fault, e.g. `auth.header_name`. */
                param?: string;
                request_id: string;
            };
        };
        Event: {
            /** @description `evt_…`, sortable by time */
            id: string;
            /** @constant */
            object: "event";
            /** @description e.g. `transfer.completed` */
            type: string;
            source: string;
            /** @description RFC 3339, UTC: when Hookline accepted the event */
            time: string;
            is_test: boolean;
            data: {
                [key: string]: unknown;
            };
        };
        EventList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Event"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        EventType: {
            /** @constant */
            object: "event_type";
            /** @description e.g. `transfer.completed` */
            type: string;
            group: string;
            name: string;
            description: string;
            /** @description JSON schema (draft-07) of `data`. */
            schema?: {
                [key: string]: unknown;
            };
            /**
             * @description What a publish whose `data` does not match `schema` gets: `enforce` → 422 `schema_violation` naming the JSON pointer; `warn` → accepted and counted (`hookline_schema_violations_total`); `off` → not checked.
             * @enum {string}
             */
            schema_mode: "enforce" | "warn" | "off";
            /** @description The version of `schema` (each change makes one; `GET /v1/admin/event-types/{type}/schemas` lists them); 0 = never had a schema. */
            schema_version: number;
        };
        EventTypeList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["EventType"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        EventTypeSchemaVersion: {
            /** @constant */
            object: "event_type_schema";
            type: string;
            version: number;
            /** @description `null`: the version that removed the schema. */
            schema: {
                [key: string]: unknown;
            } | null;
            /** @description This version refuses data the one before accepted; the operator marked the change `breaking`. */
            breaking: boolean;
            current: boolean;
            created_at: string;
        };
        EventTypeSchemaVersionList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["EventTypeSchemaVersion"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        NotificationChannel: {
            /** @description `nch_…` */
            id: string;
            /** @constant */
            object: "notification_channel";
            /** @enum {string} */
            kind: "email" | "slack" | "teams";
            /** @description The email address, or only the origin of the chat webhook URL (its path is the chat service's secret). */
            target: string;
            event_types: ("hookline.delivery.exhausted" | "hookline.webhook.disabled")[];
            /** @description Threshold: a webhook is reported only once it has been failing this long (0: at once). */
            failing_for_minutes: number;
            /** @description The same notice (event type, webhook) is sent at most once per window. */
            dedupe_window_minutes: number;
            /** @description Rate limit: at most this many notices per hour on this channel. */
            max_per_hour: number;
            created_at: string;
        };
        NotificationChannelCreateInput: {
            /** @enum {string} */
            kind: "email" | "slack" | "teams";
            /** @description An email address (`email`), or a Slack- or Teams-compatible incoming webhook URL (https). */
            target: string;
            /** @description Default: every operational event type. */
            event_types?: ("hookline.delivery.exhausted" | "hookline.webhook.disabled")[];
            failing_for_minutes?: number;
            dedupe_window_minutes?: number;
            max_per_hour?: number;
        };
        NotificationChannelList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["NotificationChannel"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        Organization: {
            /** @description `org_…` */
            id: string;
            /** @constant */
            object: "organization";
            name: string;
            created_at: string;
        };
        OrganizationList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Organization"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        PortalSession: {
            /** @constant */
            object: "portal_session";
            /** @description `ps_…` */
            id: string;
            organization_id: string;
            /** @enum {string} */
            role: "viewer" | "developer" | "admin";
            /** @description Empty = every screen. */
            features: string[];
            branding: {
                product_name: string | null;
                logo_url: string | null;
                accent_color: string | null;
            };
            owner: string;
            created_at: string;
            expires_at: string;
            revoked_at: string | null;
        };
        Recovery: {
            /** @constant */
            object: "webhook_recovery";
            /** @description `rcv_…`: the background job re-queueing the failed deliveries. */
            id: string;
            webhook_id: string;
            /** @constant */
            status: "queued";
        };
        RelayOutcome: {
            /** @constant */
            object: "relay_outcome";
            request_id: string;
            delivery_id: string;
        };
        RelayRequest: {
            /** @constant */
            object: "relay_request";
            /** @description `rrq_…`: report the local answer to `POST /v1/relay/requests/{id}/outcome`. */
            id: string;
            /** @description Also the SSE event id: reconnect with `Last-Event-ID` to resume after it. */
            sequence: number;
            webhook_id: string;
            delivery_id: string;
            event_type: string;
            /** @description The attempt’s number (1 = first). */
            attempt: number;
            /** @description The signed headers, as an endpoint would get them. */
            headers: {
                [key: string]: string;
            };
            /** @description The body, byte for byte as signed. */
            body: string;
            /** @description RFC 3339: without an outcome by then, the attempt fails as a timeout and is retried. */
            expires_at: string;
        };
        Session: {
            /** @constant */
            object: "session";
            organization_id: string;
            /** @enum {string} */
            role: "viewer" | "developer" | "admin";
            /** @description `key_…`, or `ps_…` for a portal session. */
            key_id: string;
            owner: string;
            /** @description Set for a customer-portal session. */
            portal: {
                /** @description Screens shown; empty = all. */
                features: string[];
                product_name: string | null;
                logo_url: string | null;
                accent_color: string | null;
                expires_at: string;
            } | null;
        };
        Settings: {
            /** @constant */
            object: "settings";
            /** @description Which webhook actions need a second admin. */
            approvals: {
                create: boolean;
                update: boolean;
                delete: boolean;
            };
            updated_at: string | null;
        };
        SettingsApproval: {
            /** @description `apr_…` */
            id: string;
            /** @constant */
            object: "approval";
            /**
             * @description What the change is about.
             * @enum {string}
             */
            resource_type: "webhook" | "api_key" | "settings";
            /** @description `wh_…`, `key_…` or the organization id (settings). */
            resource_id: string;
            /** @description null unless resource_type is webhook. */
            webhook_id: string | null;
            /**
             * @description webhook: create, update, delete; api_key: create, revoke; settings: update.
             * @enum {string}
             */
            action: "create" | "update" | "delete" | "revoke";
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "expired" | "stale";
            /** @description Owner identity of the requesting key. */
            requested_by: string;
            /** @description Principal of the requesting key: only an admin acting for another principal may approve. */
            requested_by_principal: string;
            decided_by: string | null;
            decided_at: string | null;
            /** @description Why it was rejected. */
            reason: string | null;
            /** @description The requested change; credentials shown as "[redacted]". */
            change: {
                [key: string]: unknown;
            };
            change_hash: string;
            expires_at: string;
            created_at: string;
            settings: components["schemas"]["Settings"];
        };
        SigningSecret: {
            /** @constant */
            object: "signing_secret";
            /** @description `whsec_…` (hmac-sha256) or the new public key. */
            secret: string;
            public_key?: string;
            /** @description When the previous key stops signing. */
            previous_valid_until: string | null;
        };
        Stats: {
            /** @constant */
            object: "delivery_stats";
            webhook_id: string | null;
            from: string;
            to: string;
            interval_seconds: number;
            total: {
                delivered: number;
                failed: number;
                pending: number;
                attempts: number;
                /** @description null when no attempt started in the bucket. */
                latency_p50_ms: number | null;
                latency_p95_ms: number | null;
            };
            /** @description Every bucket of the window, oldest first: deliveries created in it by status now; attempts started in it. */
            buckets: components["schemas"]["StatsBucket"][];
        };
        StatsBucket: {
            start: string;
            delivered: number;
            failed: number;
            pending: number;
            attempts: number;
            /** @description null when no attempt started in the bucket. */
            latency_p50_ms: number | null;
            latency_p95_ms: number | null;
        };
        Webhook: {
            /** @description `wh_…` */
            id: string;
            /** @constant */
            object: "webhook";
            name: string;
            description: string | null;
            url: string;
            /** @enum {string} */
            status: "pending_approval" | "active" | "paused" | "disabled" | "error" | "deleted";
            /** @description null = every event type. */
            event_types: string[] | null;
            /** @enum {string} */
            auth_type: "none" | "api_key" | "basic" | "oauth2";
            /** @description Non-secret fields of the endpoint authentication. */
            auth?: {
                header_name?: string;
                username?: string;
                token_url?: string;
                client_id?: string;
                scope?: string;
                audience?: string;
                /**
                 * @description oauth2 only.
                 * @enum {string}
                 */
                client_auth_method?: "auto" | "client_secret_basic" | "client_secret_post" | "both";
            };
            rate_limit_rps: number;
            timeout_seconds: number;
            /** @enum {string} */
            payload: "full" | "thin";
            /** @enum {string} */
            signature_scheme: "hmac-sha256" | "ed25519" | "ecdsa-p256";
            /** @description `whpk_…` (ed25519) or SPKI PEM (ecdsa-p256). */
            public_key?: string;
            has_signing_secret: boolean;
            /** @description null = the platform default. */
            retry_schedule_seconds: number[] | null;
            /** @enum {string} */
            ordering: "unordered" | "fifo";
            disabled_reason?: string;
            /** @description Omitted until the first delivery. */
            last_triggered_at?: string;
            created_at: string;
            updated_at: string;
        };
        WebhookApproval: {
            /** @description `apr_…` */
            id: string;
            /** @constant */
            object: "approval";
            /**
             * @description What the change is about.
             * @enum {string}
             */
            resource_type: "webhook" | "api_key" | "settings";
            /** @description `wh_…`, `key_…` or the organization id (settings). */
            resource_id: string;
            /** @description null unless resource_type is webhook. */
            webhook_id: string | null;
            /**
             * @description webhook: create, update, delete; api_key: create, revoke; settings: update.
             * @enum {string}
             */
            action: "create" | "update" | "delete" | "revoke";
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "expired" | "stale";
            /** @description Owner identity of the requesting key. */
            requested_by: string;
            /** @description Principal of the requesting key: only an admin acting for another principal may approve. */
            requested_by_principal: string;
            decided_by: string | null;
            decided_at: string | null;
            /** @description Why it was rejected. */
            reason: string | null;
            /** @description The requested change; credentials shown as "[redacted]". */
            change: {
                [key: string]: unknown;
            };
            change_hash: string;
            expires_at: string;
            created_at: string;
            webhook: {
                /** @description `wh_…` */
                id: string;
                /** @constant */
                object: "webhook";
                name: string;
                description: string | null;
                url: string;
                /** @enum {string} */
                status: "pending_approval" | "active" | "paused" | "disabled" | "error" | "deleted";
                /** @description null = every event type. */
                event_types: string[] | null;
                /** @enum {string} */
                auth_type: "none" | "api_key" | "basic" | "oauth2";
                /** @description Non-secret fields of the endpoint authentication. */
                auth?: {
                    header_name?: string;
                    username?: string;
                    token_url?: string;
                    client_id?: string;
                    scope?: string;
                    audience?: string;
                    /**
                     * @description oauth2 only.
                     * @enum {string}
                     */
                    client_auth_method?: "auto" | "client_secret_basic" | "client_secret_post" | "both";
                };
                rate_limit_rps: number;
                timeout_seconds: number;
                /** @enum {string} */
                payload: "full" | "thin";
                /** @enum {string} */
                signature_scheme: "hmac-sha256" | "ed25519" | "ecdsa-p256";
                /** @description `whpk_…` (ed25519) or SPKI PEM (ecdsa-p256). */
                public_key?: string;
                has_signing_secret: boolean;
                /** @description null = the platform default. */
                retry_schedule_seconds: number[] | null;
                /** @enum {string} */
                ordering: "unordered" | "fifo";
                disabled_reason?: string;
                /** @description Omitted until the first delivery. */
                last_triggered_at?: string;
                created_at: string;
                updated_at: string;
                signing_secret?: string;
            };
        };
        WebhookList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["Webhook"][];
            next_cursor: string | null;
            prev_cursor: string | null;
        };
        WireProfile: {
            /**
             * @description `standard-webhooks` (the default) or `hmac-hex` (`X-<Brand>-Signature: sha256=<hex>` over the raw body).
             * @enum {string}
             */
            name: "standard-webhooks" | "hmac-hex";
            /** @description hmac-hex: the brand in `X-<Brand>-Signature` and `X-<Brand>-Event`. */
            brand?: string;
            /** @description The `User-Agent` of every delivery; omit for Hookline’s own. */
            user_agent?: string;
            /** @description Rename the envelope’s fields and add fixed ones; omit for the standard envelope. */
            envelope?: {
                /** @default type */
                type: string;
                /** @default id */
                id: string;
                /** @default time */
                timestamp: string;
                /** @default data */
                data: string;
                /** @description Fields added to every envelope, e.g. `{"environment_id":"env_1"}`. */
                fixed?: {
                    [key: string]: string;
                };
            };
            test_event_type?: string;
            retry_schedule_seconds?: number[];
            /** @constant */
            object: "wire_profile";
            /** @description The organization has none of its own: the platform default applies. */
            is_default: boolean;
        };
        WebhookEvent: {
            /** @description The event (`evt_…`); the same for every webhook it goes to. */
            id: string;
            /** @constant */
            object: "event";
            /** @description The event type, e.g. `transfer.completed`. */
            type: string;
            /** @description The platform that published it (`HOOKLINE_EVENT_SOURCE`). */
            source: string;
            /**
             * Format: date-time
             * @description When the event was published.
             */
            time: string;
            /** @description True for `POST /v1/webhooks/{id}/test` events. */
            is_test: boolean;
            /** @description The event type’s data; absent when the webhook has `payload: "thin"` (fetch `GET /v1/events/{id}`). */
            data?: Record<string, never>;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "organization.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of organizations, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "organization.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Owner identity of the first admin key (default `operator`). */
                    owner?: string;
                };
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedOrganization"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "admin.api_key.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "admin.api_key.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "admin" | "developer" | "viewer";
                    /** @description A label: whom the key is meant for. A key created with an org key acts for its creator (`principal`); the operator creates keys for other principals. */
                    owner: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Created; the `key` is shown only here. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "admin.event_type.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of event types, ordered by type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypeList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "event_type.register": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Dot-separated `[a-z0-9_]` segments, e.g. `transfer.completed`. */
                    type: string;
                    group?: string;
                    name?: string;
                    description?: string;
                    /** @description JSON schema (draft-07) of `data`. */
                    schema?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @description `enforce`, `warn` or `off` (default).
                     * @enum {string}
                     */
                    schema_mode?: "enforce" | "warn" | "off";
                    /** @description Accept a schema that refuses data the previous version accepted. */
                    breaking?: boolean;
                };
            };
        };
        responses: {
            /** @description The catalog entry. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventType"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "event_type.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                type: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "dead_letter.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                /** @description Only this service’s. */
                service?: "dispatcher" | "ingestion" | "audit";
                /** @description Only this consumer’s. */
                consumer?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of dead letters, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetterList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "dead_letter.replay": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dead letter, with its replay counted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetter"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api_key.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys (never the keys themselves). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api_key.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "admin" | "developer" | "viewer";
                    /** @description A label: whom the key is meant for. A key created with an org key acts for its creator (`principal`); the operator creates keys for other principals. */
                    owner: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Created inactive, awaiting approval. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreationApproval"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api_key.revoke": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Awaiting approval. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyRevocationApproval"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of webhooks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique in the organization, 5–100 characters. */
                    name: string;
                    /** @description https URL of the endpoint, at most 2048 characters; must not resolve to a non-public address. */
                    url: string;
                    /** @description 5–100 characters. */
                    description?: string;
                    /** @description Event types (`transfer.completed`) or whole groups (`transfer.*`, which also takes types added to the group later) to receive; omit for every type. */
                    event_types?: string[];
                    /** @description How Hookline authenticates to the endpoint. Credentials are never returned. */
                    auth?: {
                        /** @constant */
                        type: "none";
                    } | {
                        /** @constant */
                        type: "api_key";
                        /** @description Not a reserved header (host, content-type, webhook-*, …). */
                        header_name: string;
                        /** @description Sent as the header value: visible Latin-1 characters (RFC 9110 field value), no control characters. */
                        value: string;
                    } | {
                        /** @constant */
                        type: "basic";
                        username: string;
                        password: string;
                    } | {
                        /** @constant */
                        type: "oauth2";
                        token_url: string;
                        client_id: string;
                        client_secret: string;
                        scope?: string;
                        audience?: string;
                        /**
                         * @description How the client authenticates to the token endpoint (RFC 6749 §2.3.1). `auto` (default): HTTP Basic, then the form body if the server answers invalid_client or invalid_request; the method that worked is remembered. `both` sends both at once, which strict servers refuse.
                         * @enum {string}
                         */
                        client_auth_method?: "auto" | "client_secret_basic" | "client_secret_post" | "both";
                    };
                    /** @description Deliveries per second, 1–100 (default 10). */
                    rate_limit_rps?: number;
                    /** @description 1–30 (default 15). */
                    timeout_seconds?: number;
                    /**
                     * @description `thin` omits `data` (default `full`).
                     * @enum {string}
                     */
                    payload?: "full" | "thin";
                    /**
                     * @description Default `hmac-sha256`.
                     * @enum {string}
                     */
                    signature_scheme?: "hmac-sha256" | "ed25519" | "ecdsa-p256";
                    /** @description Delays after each failed attempt; [] = the platform default. */
                    retry_schedule_seconds?: number[];
                    /**
                     * @description Default `unordered`.
                     * @enum {string}
                     */
                    ordering?: "unordered" | "fifo";
                };
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhook"];
                };
            };
            /** @description Awaiting approval by another admin. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookApproval"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Awaiting approval by another admin. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookApproval"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique in the organization, 5–100 characters. */
                    name?: string;
                    /** @description null clears it. */
                    description?: string | null;
                    /** @description https URL of the endpoint, at most 2048 characters; must not resolve to a non-public address. */
                    url?: string;
                    /** @description null = every event type. */
                    event_types?: string[] | null;
                    /** @description Replaces the endpoint authentication entirely. */
                    auth?: {
                        /** @constant */
                        type: "none";
                    } | {
                        /** @constant */
                        type: "api_key";
                        /** @description Not a reserved header (host, content-type, webhook-*, …). */
                        header_name: string;
                        /** @description Sent as the header value: visible Latin-1 characters (RFC 9110 field value), no control characters. */
                        value: string;
                    } | {
                        /** @constant */
                        type: "basic";
                        username: string;
                        password: string;
                    } | {
                        /** @constant */
                        type: "oauth2";
                        token_url: string;
                        client_id: string;
                        client_secret: string;
                        scope?: string;
                        audience?: string;
                        /**
                         * @description How the client authenticates to the token endpoint (RFC 6749 §2.3.1). `auto` (default): HTTP Basic, then the form body if the server answers invalid_client or invalid_request; the method that worked is remembered. `both` sends both at once, which strict servers refuse.
                         * @enum {string}
                         */
                        client_auth_method?: "auto" | "client_secret_basic" | "client_secret_post" | "both";
                    };
                    /** @enum {string} */
                    status?: "active" | "paused";
                    /** @description Deliveries per second, 1–100 (default 10). */
                    rate_limit_rps?: number;
                    /** @description 1–30 (default 15). */
                    timeout_seconds?: number;
                    /**
                     * @description `thin` omits `data` (default `full`).
                     * @enum {string}
                     */
                    payload?: "full" | "thin";
                    /** @description null = the platform default. */
                    retry_schedule_seconds?: number[] | null;
                    /**
                     * @description Default `unordered`.
                     * @enum {string}
                     */
                    ordering?: "unordered" | "fifo";
                };
            };
        };
        responses: {
            /** @description Updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description Awaiting approval by another admin. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookApproval"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.rotate_secret": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningSecret"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.approvals.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of approvals. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "event_type.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of event types, ordered by type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypeList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "admin.event_type.schemas.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                type: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of schema versions, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypeSchemaVersionList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "event.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
                /** @description Only these types; repeat the parameter for several. */
                type?: string | string[];
                /** @description RFC 3339; events strictly after. */
                created_after?: string;
                /** @description RFC 3339; events strictly before. */
                created_before?: string;
                is_test?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "event.publish": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A type from the catalog (`GET /v1/webhooks/event-types`). */
                    type: string;
                    /** @description The event data: a JSON object, at most 256 KiB encoded. */
                    data: {
                        [key: string]: unknown;
                    };
                    is_test?: boolean;
                };
            };
        };
        responses: {
            /** @description Published. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `schema_violation`: `data` does not match the type's schema (mode `enforce`); `param` is the JSON pointer that failed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "event.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delivery.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
                /** @description Only deliveries to this webhook (`wh_…`). */
                webhook_id?: string;
                status?: "pending" | "delivered" | "failed";
                /** @description Only deliveries of this event type. */
                event_type?: string;
                /** @description RFC 3339; deliveries created strictly after. */
                created_after?: string;
                /** @description RFC 3339; deliveries created strictly before. */
                created_before?: string;
                is_test?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delivery.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery and its attempts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryWithAttempts"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "delivery.retry": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryRetry"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.recover": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description RFC 3339; failed deliveries created at or after this time are re-queued.
                     */
                    since: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339, exclusive; default now.
                     */
                    until?: string;
                };
            };
        };
        responses: {
            /** @description The recovery job was started. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recovery"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.test": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A type from the catalog; default `hookline.test`. */
                    event_type?: string;
                    /** @description The event data (a JSON object); default a small sample. */
                    data?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description The test delivery, queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "settings.read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "settings.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    approvals?: {
                        create?: boolean;
                        update?: boolean;
                        delete?: boolean;
                    };
                };
            };
        };
        responses: {
            /** @description The settings after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            /** @description Awaiting approval by an admin acting for another principal. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsApproval"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "wire_profile.read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organization’s wire profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WireProfile"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "admin.wire_profile.read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organization’s wire profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WireProfile"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "admin.wire_profile.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description `standard-webhooks` (the default) or `hmac-hex` (`X-<Brand>-Signature: sha256=<hex>` over the raw body).
                     * @enum {string}
                     */
                    name: "standard-webhooks" | "hmac-hex";
                    /** @description hmac-hex: the brand in `X-<Brand>-Signature` and `X-<Brand>-Event`. */
                    brand?: string;
                    /** @description The `User-Agent` of every delivery; omit for Hookline’s own. */
                    user_agent?: string;
                    /** @description Rename the envelope’s fields and add fixed ones; omit for the standard envelope. */
                    envelope?: {
                        /** @default type */
                        type?: string;
                        /** @default id */
                        id?: string;
                        /** @default time */
                        timestamp?: string;
                        /** @default data */
                        data?: string;
                        /** @description Fields added to every envelope, e.g. `{"environment_id":"env_1"}`. */
                        fixed?: {
                            [key: string]: string;
                        };
                    };
                    test_event_type?: string;
                    retry_schedule_seconds?: number[];
                };
            };
        };
        responses: {
            /** @description The organization’s wire profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WireProfile"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "admin.wire_profile.reset": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organization’s wire profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WireProfile"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification_channel.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the organization’s channels (at most 10 in all), ordered by id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationChannelList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification_channel.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationChannelCreateInput"];
            };
        };
        responses: {
            /** @description The channel. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationChannel"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "notification_channel.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "relay.stream": {
        parameters: {
            query: {
                /** @description `wh_…` of a relay webhook (`url: relay://<name>`). */
                webhook_id: string;
                /** @description As the `Last-Event-ID` header (which wins when both are sent). */
                last_event_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `text/event-stream`; each `delivery` event’s data is a relay request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelayRequest"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "relay.outcome": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The local answer’s HTTP status; omitted when no answer came (then `error`). */
                    status?: number;
                    headers?: {
                        [key: string]: string;
                    };
                    /** @description The first 16 KiB of the local answer’s body. */
                    body?: string;
                    /** @description How long the local exchange took. */
                    duration_ms: number;
                    /** @description Why the local URL gave no answer (connection refused, timeout). */
                    error?: string;
                };
            };
        };
        responses: {
            /** @description Recorded as the attempt’s outcome. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelayOutcome"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `developer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "approval.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
                status?: "pending" | "approved" | "rejected" | "expired" | "stale";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of approvals. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "approval.approve": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Approved and applied. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppliedApproval"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "approval.reject": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Shown in the approval history. */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Rejected. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approval"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "audit_log.list": {
        parameters: {
            query?: {
                /** @description Page size, 1–100. */
                limit?: number;
                /** @description Opaque cursor from `next_cursor` or `prev_cursor` of a previous page. */
                cursor?: string;
                /** @description A key id (`key_…`), key owner, or `anonymous`. */
                actor?: string;
                /** @description Prefix match: `webhook.` or `webhook.create`. */
                action?: string;
                resource_id?: string;
                outcome?: "success" | "failure" | "denied" | "rate_limited";
                kind?: "access" | "change";
                /** @description RFC 3339; records at or after. */
                created_after?: string;
                /** @description RFC 3339; records strictly before. */
                created_before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditRecordList"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "audit_log.verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verdict. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditChainVerification"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "audit_log.export": {
        parameters: {
            query?: {
                /** @description RFC 3339; records at or after. */
                created_after?: string;
                /** @description RFC 3339; records strictly before. */
                created_before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/x-ndjson, one record per line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "session.read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "portal_session.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Default `viewer`.
                     * @enum {string}
                     */
                    role?: "viewer" | "developer" | "admin";
                    /** @description Screens shown; omit for all. The API refuses the others to this session too. */
                    features?: ("webhooks" | "deliveries" | "events" | "approvals" | "settings" | "api_keys" | "audit_log")[];
                    /** @description 60 s to 24 h; default 1 h. */
                    ttl_seconds?: number;
                    /** @description The principal it acts for. Issued with an API key: that key's principal (naming another is refused, 403 owner_not_self); the operator names anyone. */
                    owner?: string;
                    /** @description Light branding for an embedded portal. */
                    branding?: {
                        /** @description Shown instead of "Hookline". */
                        product_name?: string;
                        /** @description https URL (served by an origin in HOOKLINE_DASHBOARD_FRAME_ANCESTORS) or a base64 data:image URL. */
                        logo_url?: string;
                        accent_color?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Created; `token` and `url` are shown only here. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedPortalSession"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "admin.portal_session.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Default `viewer`.
                     * @enum {string}
                     */
                    role?: "viewer" | "developer" | "admin";
                    /** @description Screens shown; omit for all. The API refuses the others to this session too. */
                    features?: ("webhooks" | "deliveries" | "events" | "approvals" | "settings" | "api_keys" | "audit_log")[];
                    /** @description 60 s to 24 h; default 1 h. */
                    ttl_seconds?: number;
                    /** @description The principal it acts for. Issued with an API key: that key's principal (naming another is refused, 403 owner_not_self); the operator names anyone. */
                    owner?: string;
                    /** @description Light branding for an embedded portal. */
                    branding?: {
                        /** @description Shown instead of "Hookline". */
                        product_name?: string;
                        /** @description https URL (served by an origin in HOOKLINE_DASHBOARD_FRAME_ANCESTORS) or a base64 data:image URL. */
                        logo_url?: string;
                        accent_color?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Created; `token` and `url` are shown only here. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedPortalSession"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "portal_session.revoke": {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–255 printable ASCII characters. A retry with the same key and body gets the stored response for 24 h. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (at once; within 1 s on every gateway). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalSession"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `admin`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with a different body. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "stats.read": {
        parameters: {
            query?: {
                /** @description RFC 3339, inclusive; default `to` minus 24 h. */
                from?: string;
                /** @description RFC 3339, exclusive; default now. */
                to?: string;
                /** @description Bucket width, e.g. `5m`, `1h`, `1d` (1 s to 366 d); default `1h`. At most 1000 buckets per window. */
                interval?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statistics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook.stats": {
        parameters: {
            query?: {
                /** @description RFC 3339, inclusive; default `to` minus 24 h. */
                from?: string;
                /** @description RFC 3339, exclusive; default now. */
                to?: string;
                /** @description Bucket width, e.g. `5m`, `1h`, `1d` (1 s to 366 d); default `1h`. At most 1000 buckets per window. */
                interval?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statistics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            /** @description The request breaks a rule; `param` names the field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, unknown or revoked key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The key's role is below `viewer`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in your organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this key; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
