import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';

export const eventTypeSchema = z.object({
  object: z.literal('event_type'),
  type: z.string().describe('e.g. `transfer.completed`'),
  group: z.string(),
  name: z.string(),
  description: z.string(),
  schema: z.record(z.string(), z.unknown()).optional().describe('JSON schema of `data`.'),
}).meta({ id: 'EventType' });

export function eventTypeJson(info: registryV1.EventTypeInfo): z.infer<typeof eventTypeSchema> {
  return {
    object: 'event_type',
    type: info.type,
    group: info.group,
    name: info.name,
    description: info.description,
    ...(info.schemaJson ? { schema: JSON.parse(info.schemaJson) } : {}),
  };
}
