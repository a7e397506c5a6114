import { InputError } from '@hookline/errors';

// One strict parser per parameter kind, shared by the gateway (REST) and the services (gRPC), so a
// value either has an explicit, documented range or is refused as the caller's mistake. Each
// returns undefined for a value it refuses; the caller turns that into its 400 / INVALID_ARGUMENT.

/** Timestamps the API accepts: RFC 3339 with an offset, years 1970–9999 (inclusive). */
export const TIMESTAMP_RANGE = { min: Date.UTC(1970, 0, 1), max: Date.UTC(10_000, 0, 1) - 1 } as const;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 timestamp (`2026-01-01T14:30:02Z`, `…+02:00`) inside TIMESTAMP_RANGE whose fields
 * are real (no 31 February, no hour 24). Not what `Date.parse` accepts: no RFC 2822, no six-digit years.
 */
export function parseTimestamp(text: string): Date | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, , offset] = match;
  const fields = new Date(Date.UTC(+year, +month - 1, +day, +hour, +minute, +second));
  const real =
    fields.getUTCFullYear() === +year && fields.getUTCMonth() === +month - 1 && fields.getUTCDate() === +day && +hour < 24 && +minute < 60 && +second < 60;
  if (!real) return undefined;
  if (offset.length > 1 && (+offset.slice(1, 3) > 23 || +offset.slice(4, 6) > 59)) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || ms < TIMESTAMP_RANGE.min || ms > TIMESTAMP_RANGE.max) return undefined;
  return new Date(ms);
}

/** Bucket widths: 1 second to 366 days (far inside int32 seconds). */
export const INTERVAL_RANGE_SECONDS = { min: 1, max: 366 * 86_400 } as const;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `5m`, `1h`, `7d`: a positive whole number and a unit (s, m, h, d) → seconds, inside INTERVAL_RANGE_SECONDS. */
export function parseInterval(text: string): number | undefined {
  const match = /^([1-9]\d{0,8})([smhd])$/.exec(text);
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
  return seconds >= INTERVAL_RANGE_SECONDS.min && seconds <= INTERVAL_RANGE_SECONDS.max ? seconds : undefined;
}

/** Page sizes of every list: 1–100, 20 when the caller names none (0 on the wire). */
export const PAGE_LIMIT = { min: 1, max: 100, default: 20 } as const;

/** A list's page size; `0` (proto's unset) is the default. Undefined when out of range. */
export function parsePageLimit(limit: number, max: number = PAGE_LIMIT.max): number | undefined {
  if (limit === 0) return PAGE_LIMIT.default;
  return Number.isInteger(limit) && limit >= PAGE_LIMIT.min && limit <= max ? limit : undefined;
}

/** The one error code for a page size out of range, on every list of every service. */
export const LIMIT_INVALID = 'limit_invalid';

/** parsePageLimit, or the InputError every service answers a page size out of range with. */
export function requirePageLimit(limit: number, max: number = PAGE_LIMIT.max): number {
  const checked = parsePageLimit(limit, max);
  if (checked === undefined) throw new InputError(`limit must be a whole number from ${PAGE_LIMIT.min} to ${max}`, { code: LIMIT_INVALID, param: 'limit' });
  return checked;
}
