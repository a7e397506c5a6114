import { z } from '@hookline/config';
import { listBody, listSchema, pageQueryFields, pageRequest } from '../http/pagination';
import { defineRoute } from '../http/route';
import { timestampParam } from '../http/timestamp-param';
import { auditLogJson, auditLogSchema, exportLine, verifyJson, verifySchema } from './audit-log-json';

const rfc3339 = timestampParam();
const VERIFY_DEADLINE_MS = 60_000;
const EXPORT_PAGE = 1_000;

const listQuery = z.strictObject({
  ...pageQueryFields,
  actor: z.string().min(1).max(200).optional().describe('A key id (`key_…`), key owner, or `anonymous`.'),
  action: z.string().min(1).max(200).optional().describe('Prefix match: `webhook.` or `webhook.create`.'),
  resource_id: z.string().min(1).max(200).optional(),
  outcome: z.enum(['success', 'failure', 'denied', 'rate_limited']).optional(),
  kind: z.enum(['access', 'change']).optional(),
  created_after: rfc3339.optional().describe('RFC 3339; records at or after.'),
  created_before: rfc3339.optional().describe('RFC 3339; records strictly before.'),
});

const exportQuery = z.strictObject({
  created_after: rfc3339.optional().describe('RFC 3339; records at or after.'),
  created_before: rfc3339.optional().describe('RFC 3339; records strictly before.'),
});

export const auditLogRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/audit-logs',
    summary: 'List audit records',
    description: "Every API call and every change of the key's organization, newest first. Admin keys only.",
    action: 'audit_log.list',
    resourceType: 'audit_log',
    auth: 'api_key',
    role: 'admin',
    feature: 'audit_log',
    query: listQuery,
    responses: { 200: { description: 'A page of audit records.', schema: listSchema(auditLogSchema) } },
    handler: async ({ query, context, actor, clients, call }) => {
      const page = await clients.audit.listAuditRecords({
        context,
        orgId: actor.orgId,
        filter: {
          actor: query.actor ?? '',
          actionPrefix: query.action ?? '',
          resourceId: query.resource_id ?? '',
          outcome: query.outcome ?? '',
          kind: query.kind ?? '',
          createdAfter: query.created_after ?? '',
          createdBefore: query.created_before ?? '',
        },
        page: pageRequest(query),
      }, call);
      return { status: 200, body: listBody(page.records.map(auditLogJson), page.page) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/audit-logs/verify',
    summary: "Verify the organization's audit chain",
    description:
      'Walks the hash chain from its first record (or its retention checkpoint) to its head and checks who produced each record (its signature, by a service certificate of the deployment CA allowed to emit its kind): `{"valid": true, "records", "head", "producers"}`, or the first broken record and why.',
    action: 'audit_log.verify',
    resourceType: 'audit_log',
    auth: 'api_key',
    role: 'admin',
    feature: 'audit_log',
    responses: { 200: { description: 'The verdict.', schema: verifySchema } },
    deadlineMs: VERIFY_DEADLINE_MS,
    handler: async ({ context, actor, clients, call }) => {
      const verdict = await clients.audit.verifyChain({ context, orgId: actor.orgId }, { ...call, deadlineMs: VERIFY_DEADLINE_MS });
      return { status: 200, body: verifyJson(verdict) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/audit-logs/export',
    summary: 'Export audit records as NDJSON',
    description:
      'Streams the records of a time range in chain order, one JSON object per line: the exact canonical record that was hashed (with its producer `signature` and `signer`) plus `hash`, `prev_hash` and the signer certificate, so it verifies offline (`tools/audit/verify-export.ts`).',
    action: 'audit_log.export',
    resourceType: 'audit_log',
    auth: 'api_key',
    role: 'admin',
    feature: 'audit_log',
    query: exportQuery,
    responses: { 200: { description: 'application/x-ndjson, one record per line.' } },
    // A long export streams page by page for as long as it takes; each page call has its own deadline.
    deadlineMs: Number.POSITIVE_INFINITY,
    handler: async ({ query, context, actor, clients, res, call }) => {
      const fetchPage = (cursor: string) =>
        clients.audit.exportAuditRecords({
          context,
          orgId: actor.orgId,
          createdAfter: query.created_after ?? '',
          createdBefore: query.created_before ?? '',
          cursor,
          limit: EXPORT_PAGE,
        }, call);
      // The first page is fetched before anything is written, so its errors get a normal answer.
      let page = await fetchPage('');
      res.status(200).type('application/x-ndjson');
      try {
        for (;;) {
          for (const record of page.records) if (!res.write(exportLine(record))) await new Promise((resolve) => res.once('drain', resolve));
          if (!page.nextCursor || res.destroyed) break;
          page = await fetchPage(page.nextCursor);
        }
        res.end();
      } catch {
        // Headers are out: an incomplete export can only be signalled by cutting the stream.
        res.destroy();
      }
      return { status: 200 };
    },
  }),
];
