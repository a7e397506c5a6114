import type { RegistryDeps } from '../common/deps';
import { requestMeta } from '../common/scope';
import { readerFor } from '../db/unit-of-work';
import { deleteEventType, listEventTypes, registerEventType } from '../event-types/catalog';
import { listSchemaVersions } from '../event-types/schema-versions';
import { toEventTypeInfo, toEventTypeSchemaVersion } from './convert';
import type { RegistryHandlers } from './handlers';

export function eventTypeHandlers(deps: RegistryDeps): Pick<RegistryHandlers, 'listEventTypes' | 'registerEventType' | 'deleteEventType' | 'listEventTypeSchemas'> {
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
    async listEventTypeSchemas(request) {
      return { versions: (await listSchemaVersions(readerFor(deps), request.type)).map(toEventTypeSchemaVersion) };
    },
  };
}
