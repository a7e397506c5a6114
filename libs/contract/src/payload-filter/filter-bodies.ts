import { z } from 'zod';
import { FILTER_LIMITS, FILTER_OPERATORS } from './payload-filter';

// The REST shapes around payload filters. The filter itself is checked by parseFilter (at the
// registry on save, at the gateway for a filter test), which names the part at fault; here it is
// only an object, documented once as the named schema `PayloadFilter`.

export const payloadFilterSchema = z
  .record(z.string(), z.unknown())
  .describe(
    `A condition \`{"field": "data.amount", "gte": 100}\` (fields: type, id, time, group, source, is_test, data.<key>…; ` +
      `operators: ${FILTER_OPERATORS.join(', ')}) or \`{"and": [...]}\`, \`{"or": [...]}\`, \`{"not": {...}}\`; ` +
      `at most ${FILTER_LIMITS.maxDepth} levels, ${FILTER_LIMITS.maxNodes} nodes, ${FILTER_LIMITS.maxBytes} bytes. See the README's "Payload filters".`,
  )
  .meta({ id: 'PayloadFilter' });

/** A sample event as the envelope shows it; omitted fields read as a real event's would be empty. */
export const filterSampleEventSchema = z
  .strictObject({
    type: z.string().min(1).max(100),
    id: z.string().max(100).optional(),
    time: z.string().max(40).optional().describe('RFC 3339; default now.'),
    group: z.string().max(100).optional().describe('The type’s catalog group; default the type’s first segment.'),
    source: z.string().max(200).optional(),
    is_test: z.boolean().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'FilterSampleEvent' });

export const filterTestBody = z.strictObject({ filter: payloadFilterSchema, event: filterSampleEventSchema });

export const filterTestResultSchema = z
  .object({ object: z.literal('filter_test'), matches: z.boolean().describe('Whether a webhook with this filter would receive the event.') })
  .meta({ id: 'FilterTestResult' });

export type FilterTestBody = z.output<typeof filterTestBody>;
