import { parseTimestamp } from '@hookline/contract';
import { z } from '@hookline/config';

/**
 * A timestamp in a query or body: RFC 3339 with an offset, years 1970–9999 (the shared parser the
 * services use too), so a value the gateway lets through is one every service accepts.
 */
export const timestampParam = () =>
  z
    .string()
    .refine((text) => parseTimestamp(text) !== undefined, 'must be an RFC 3339 timestamp with an offset, years 1970–9999')
    .meta({ format: 'date-time' });
