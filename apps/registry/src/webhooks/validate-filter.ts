import { FilterError, parseFilter, type PayloadFilter } from '@hookline/contract';
import { InputError } from '@hookline/errors';

/**
 * A webhook's payload filter from its JSON text, refused with `filter_invalid` naming the part at
 * fault (`param`: `filter.and[1].in`), so REST and gRPC clients can point at it.
 */
export function payloadFilter(json: string): PayloadFilter {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InputError('filter must be JSON', { code: 'filter_invalid', param: 'filter' });
  }
  try {
    return parseFilter(value);
  } catch (error) {
    if (error instanceof FilterError) throw new InputError(error.message, { code: 'filter_invalid', param: error.location });
    throw error;
  }
}
