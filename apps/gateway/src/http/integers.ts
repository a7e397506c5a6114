import { z } from '@hookline/config';

// Integer fields of the public API with the bounds they really have, so clients generated from
// /openapi.json get honest types instead of zod's default ±(2^53 − 1).

const INT32_MAX = 2_147_483_647;

/** An HTTP status code a receiver or the gateway answered. */
export const httpStatusCode = () => z.number().int().min(100).max(599);

/** A count or duration carried as int32 between the services. */
export const int32 = (min = 0) => z.number().int().min(min).max(INT32_MAX);

/** A count or sequence carried as int64 between the services (as large as JSON numbers stay exact). */
export const int64 = (min = 0) => z.number().int().min(min).max(Number.MAX_SAFE_INTEGER);
