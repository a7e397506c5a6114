import { randomBytes } from 'node:crypto';

/** A short random suffix for schema, topic and group names so suites never collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A topic prefix like `t1a2b3c.`; pass it as HOOKLINE_TOPIC_PREFIX to services under test. */
export function uniqueTopicPrefix(label = 't'): string {
  return `${label}${uniqueSuffix()}.`;
}
