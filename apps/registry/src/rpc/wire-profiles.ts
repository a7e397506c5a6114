import type { WireProfile, WireProfileName } from '@hookline/contract';
import type { registryV1 } from '@hookline/proto';
import type { RegistryDeps } from '../common/deps';
import { scopeOf } from '../common/scope';
import { readWireProfile, setWireProfile } from '../wire-profiles/wire-profiles';
import type { RegistryHandlers } from './handlers';

/** The one converter between the wire profile's proto and domain shapes, both ways. */
export function wireProfileToProto(profile: WireProfile, isDefault: boolean): registryV1.WireProfile {
  const e = profile.envelope;
  return {
    name: profile.name,
    brand: profile.brand,
    userAgent: profile.userAgent,
    envelope: e ? { typeField: e.typeField, idField: e.idField, timestampField: e.timestampField, dataField: e.dataField, fixedFields: e.fixedFields } : undefined,
    testEventType: profile.testEventType,
    retryScheduleSeconds: profile.retryScheduleSeconds,
    isDefault,
  };
}

export function wireProfileFromProto(message: registryV1.WireProfile): WireProfile {
  const e = message.envelope;
  return {
    // An unknown name is refused by the registry's validation (validWireProfile), not replaced.
    name: message.name as WireProfileName,
    brand: message.brand,
    userAgent: message.userAgent,
    envelope: e ? { typeField: e.typeField, idField: e.idField, timestampField: e.timestampField, dataField: e.dataField, fixedFields: { ...e.fixedFields } } : null,
    testEventType: message.testEventType,
    retryScheduleSeconds: message.retryScheduleSeconds,
  };
}

export function wireProfileHandlers(deps: RegistryDeps): Pick<RegistryHandlers, 'getWireProfile' | 'setWireProfile'> {
  return {
    async getWireProfile(request) {
      const { orgId } = scopeOf(request);
      const found = await readWireProfile(deps.db.pool, orgId, deps.defaultWireProfile);
      return wireProfileToProto(found.profile, found.isDefault);
    },
    async setWireProfile(request) {
      const { meta, orgId } = scopeOf(request);
      const profile = request.reset || !request.profile ? null : wireProfileFromProto(request.profile);
      const updated = await setWireProfile(deps, meta, orgId, profile);
      return wireProfileToProto(updated.profile, updated.isDefault);
    },
  };
}
