/**
 * Which service may emit which kind of audit record: what each one emits today, and nothing
 * more. The audit service refuses (dead-letters) a record signed by any other identity; `verify`
 * and the offline verifier apply the same table. Kept in docs/security.md ("Principals").
 */
export const AUDIT_PRODUCERS: Readonly<Record<string, readonly string[]>> = {
  // One `access` record per API call (apps/gateway/src/audit-trail/access-record.ts).
  gateway: ['access'],
  // One `change` record per state change, through its outbox (apps/registry/src/outbox/outbox.ts).
  registry: ['change'],
  // A `gap` entry standing for a record it could not store (apps/audit/src/store/audit-dead-letters.ts);
  // written by the audit service itself, never accepted from the topic.
  audit: ['gap'],
};

/** The kinds of records only the audit service writes, into its own store: refused from the topic. */
export const STORE_ONLY_KINDS: readonly string[] = ['gap'];

export function mayEmit(identity: string, kind: string): boolean {
  return Object.hasOwn(AUDIT_PRODUCERS, identity) && AUDIT_PRODUCERS[identity].includes(kind);
}
