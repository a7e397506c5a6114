import type { IHeaders } from 'kafkajs';

/** W3C trace context travels in the `traceparent` Kafka header. */
export function traceHeaders(traceparent?: string): IHeaders {
  return traceparent ? { traceparent } : {};
}

export function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
