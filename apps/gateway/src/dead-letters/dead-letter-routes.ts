import { z } from '@hookline/config';
import { NotFoundError } from '@hookline/errors';
import type { deadlettersV1 } from '@hookline/proto';
import { listSchema, pageQueryFields } from '../http/pagination';
import { defineRoute } from '../http/route';
import { int32 } from '../http/integers';

// Operator endpoints over every consuming service's dead-letter table (DESIGN §1).

const SERVICES = ['dispatcher', 'ingestion', 'audit'] as const;

const deadLetterSchema = z.object({
  id: z.string().describe('`dlq_…`; sorts by creation across services'),
  object: z.literal('dead_letter'),
  service: z.enum(SERVICES),
  consumer: z.string().describe('fan-out, sender, change-feed, event-archive or audit-store'),
  topic: z.string(),
  partition: int32(),
  offset: z.string(),
  key: z.string().nullable().describe('The message key, base64'),
  value: z.string().nullable().describe('The raw value, base64 (up to 256 KiB)'),
  value_size: int32(),
  truncated: z.boolean().describe('Kept truncated: cannot be replayed'),
  error: z.string(),
  created_at: z.string(),
  replayed_at: z.string().nullable(),
  replay_count: int32(),
}).meta({ id: 'DeadLetter' });

function deadLetterJson(letter: deadlettersV1.DeadLetter | undefined): z.infer<typeof deadLetterSchema> {
  if (!letter) throw new Error('the service answered without a dead letter');
  return {
    id: letter.id,
    object: 'dead_letter',
    service: letter.service as (typeof SERVICES)[number],
    consumer: letter.consumer,
    topic: letter.topic,
    partition: letter.partition,
    offset: letter.offset,
    key: letter.key.length > 0 ? Buffer.from(letter.key).toString('base64') : null,
    value: letter.value.length > 0 ? Buffer.from(letter.value).toString('base64') : null,
    value_size: letter.valueSize,
    truncated: letter.truncated,
    error: letter.error,
    created_at: letter.createdAt,
    replayed_at: letter.replayedAt || null,
    replay_count: letter.replayCount,
  };
}

export const deadLetterRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/admin/dead-letters',
    summary: 'List dead letters',
    description: 'Records a consumer could never process (undecodable, refused by the database, invalid), newest first, from every consuming service.',
    action: 'dead_letter.list',
    resourceType: 'dead_letter',
    auth: 'operator',
    query: z.strictObject({
      limit: pageQueryFields.limit,
      cursor: z.string().regex(/^dlq_[0-9a-z]+$/).optional().describe('`next_cursor` of the previous page.'),
      service: z.enum(SERVICES).optional().describe('Only this service’s.'),
      consumer: z.string().max(100).optional().describe('Only this consumer’s.'),
    }),
    errorCodes: { cursor: 'cursor_invalid', service: 'service_invalid' },
    responses: { 200: { description: 'A page of dead letters, newest first.', schema: listSchema(deadLetterSchema) } },
    handler: async ({ query, context, clients, call }) => {
      const services = query.service ? [query.service] : SERVICES;
      const pages = await Promise.all(
        services.map((service) => clients.deadLetters[service].listDeadLetters({ context, limit: query.limit + 1, before: query.cursor ?? '', consumer: query.consumer ?? '' }, call)),
      );
      // Ids sort by creation across services: merge newest first.
      const merged = pages.flatMap((page) => page.deadLetters).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const data = merged.slice(0, query.limit).map(deadLetterJson);
      const next = merged.length > query.limit ? data[data.length - 1].id : null;
      return { status: 200, body: { object: 'list' as const, data, next_cursor: next, prev_cursor: null } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/dead-letters/:id/replay',
    summary: 'Replay a dead letter',
    description: 'Produces the record’s original key and value to its topic again; its consumer handles it like any other record.',
    action: 'dead_letter.replay',
    resourceType: 'dead_letter',
    auth: 'operator',
    params: z.strictObject({ id: z.string().regex(/^dlq_[0-9a-z]+$/).describe('`dlq_…`') }),
    errorCodes: { id: 'dead_letter_id_invalid' },
    responses: { 200: { description: 'The dead letter, with its replay counted.', schema: deadLetterSchema } },
    handler: async ({ params, context, clients, call }) => {
      // The id does not say which service holds it: ask each in turn. One that is down may be
      // the holder, so its error wins over "not found" from the others.
      let failure: unknown;
      for (const service of SERVICES) {
        try {
          const { deadLetter } = await clients.deadLetters[service].replayDeadLetter({ context, id: params.id }, call);
          return { status: 200, body: deadLetterJson(deadLetter) };
        } catch (error) {
          if (!(error instanceof NotFoundError)) failure ??= error;
        }
      }
      throw failure ?? new NotFoundError(`dead letter ${params.id} not found`, { code: 'dead_letter_not_found' });
    },
  }),
];
