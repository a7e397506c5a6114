import type { RegistryDeps } from '../common/deps';
import { requestMeta } from '../common/scope';
import { readerFor } from '../db/unit-of-work';
import { deleteEventType, listEventTypes, registerEventType } from '../event-types/catalog';
import { toEventTypeInfo } from './convert';
import type { RegistryHandlers } from './handlers';

export function eventTypeHandlers(deps: RegistryDeps): Pick<RegistryHandlers, 'listEventTypes' | 'registerEventType' | 'deleteEventType'> {
  return {
    async listEventTypes() {
      return { eventTypes: (await listEventTypes(readerFor(deps))).map(toEventTypeInfo) };
    },
    async registerEventType(request) {
      return toEventTypeInfo(await registerEventType(deps, requestMeta(request.context), request));
    },
    async deleteEventType(request) {
      await deleteEventType(deps, requestMeta(request.context), request.type);
      return {};
    },
  };
}
