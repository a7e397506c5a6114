import type { EnvelopeMapping } from '@hookline/contract';

/**
 * The body an organization's endpoints receive: the standard envelope as fanned out, without
 * `data` when the webhook is thin, or renamed by the organization's envelope mapping — type, id,
 * timestamp, the fixed fields, then data (Paylent: `event`, `event_id`, `timestamp`,
 * `environment_id`, `data`).
 */
export function wireEnvelope(envelopeJson: string, mapping: EnvelopeMapping | null, thin: boolean): string {
  if (!mapping && !thin) return envelopeJson;
  const standard = JSON.parse(envelopeJson) as Record<string, unknown>;
  if (!mapping) {
    const { data: _omitted, ...rest } = standard;
    return JSON.stringify(rest);
  }
  const mapped: Record<string, unknown> = {
    [mapping.typeField]: standard.type,
    [mapping.idField]: standard.id,
    [mapping.timestampField]: standard.time,
  };
  for (const [field, value] of Object.entries(mapping.fixedFields)) mapped[field] = value;
  if (!thin) mapped[mapping.dataField] = standard.data ?? {};
  return JSON.stringify(mapped);
}
