import { compileFilter, filterTestBody, filterTestResultSchema, FilterError, parseFilter, type FilterTestBody } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import { defineRoute } from '../http/route';

/** The filter from a request, refused exactly as the registry refuses it on save (`filter_invalid`, the part at fault). */
function filterOf(body: FilterTestBody) {
  try {
    return compileFilter(parseFilter(body.filter));
  } catch (error) {
    if (error instanceof FilterError) throw new InputError(error.message, { code: 'filter_invalid', param: error.location });
    throw error;
  }
}

/**
 * Tries a payload filter on a sample event before it is saved. Pure evaluation: the same
 * language and code as the fan-out (@hookline/contract), no state, no backend call.
 */
export const filterTestRoute = defineRoute({
  method: 'post',
  path: '/v1/webhooks/filter-test',
  summary: 'Test a payload filter',
  description:
    'Whether a webhook with `filter` would receive `event`. An invalid filter is refused with 400 `filter_invalid` naming the part at fault (`param`), as on create and update.',
  action: 'webhook.filter_test',
  resourceType: 'webhook',
  auth: 'api_key',
  role: 'viewer',
  feature: 'webhooks',
  body: filterTestBody,
  responses: { 200: { description: 'The outcome.', schema: filterTestResultSchema } },
  handler: async ({ body }) => {
    const accepts = filterOf(body);
    const { event } = body;
    const matches = accepts({
      id: event.id ?? '',
      type: event.type,
      time: event.time ?? new Date().toISOString(),
      group: event.group ?? event.type.split('.')[0],
      source: event.source ?? '',
      isTest: event.is_test ?? false,
      data: event.data ?? {},
    });
    return { status: 200, body: { object: 'filter_test', matches } };
  },
});
