import { createHash } from 'node:crypto';
import type { Event } from '../events/event';
import type { PublishCommand } from './publish-command';

type Content = Pick<PublishCommand, 'type' | 'dataJson' | 'isTest' | 'targetWebhookId'>;

/**
 * Whether a retry asks for the same event as the one a reused idempotency key is bound to:
 * same type, test flag, target and data (key order and whitespace in the data do not matter).
 */
export function sameContent(a: Content | Event, b: Content | Event): boolean {
  return a.type === b.type && a.isTest === b.isTest && a.targetWebhookId === b.targetWebhookId && canonicalData(a.dataJson) === canonicalData(b.dataJson);
}

/**
 * A digest of what `sameContent` compares: equal for two requests exactly when they ask for the
 * same event, so the key store can tell a retry from a reused key without reading the event.
 */
export function contentHash(content: Content | Event): string {
  return createHash('sha256')
    .update(JSON.stringify([content.type, content.isTest, content.targetWebhookId, canonicalData(content.dataJson)]))
    .digest('base64url');
}

function canonicalData(dataJson: string): string {
  try {
    return canonical(JSON.parse(dataJson));
  } catch {
    return dataJson;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
