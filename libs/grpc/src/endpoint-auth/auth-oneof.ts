import type { SubmittedEndpointAuth } from '@hookline/contract';
import type { registryV1 } from '@hookline/proto';

/** The proto's `oneof auth`: the same cases in `EndpointAuth` (registry → dispatcher) and `EndpointAuthInput` (gateway → registry). */
export type EndpointAuthOneof = NonNullable<registryV1.EndpointAuth['auth']>;

/** The contract's union as the proto's oneof; `none` sets no case. */
export function toAuthOneof(auth: SubmittedEndpointAuth): EndpointAuthOneof | undefined {
  switch (auth.type) {
    case 'none':
      return undefined;
    case 'api_key':
      return { $case: 'apiKey', value: { headerName: auth.headerName, value: auth.value } };
    case 'basic':
      return { $case: 'basic', value: { username: auth.username, password: auth.password } };
    case 'oauth2': {
      const { tokenUrl, clientId, clientSecret, scope, audience, clientAuthMethod } = auth;
      return { $case: 'oauth2', value: { tokenUrl, clientId, clientSecret, scope, audience, clientAuthMethod } };
    }
  }
}

/**
 * The proto's oneof as the contract's union, values unchecked and absent strings empty; undefined
 * for a case this build does not know (each caller refuses it: never read as "none").
 */
export function fromAuthOneof(auth: EndpointAuthOneof): SubmittedEndpointAuth | undefined {
  switch (auth.$case) {
    case 'apiKey':
      return { type: 'api_key', headerName: auth.value.headerName ?? '', value: auth.value.value ?? '' };
    case 'basic':
      return { type: 'basic', username: auth.value.username ?? '', password: auth.value.password ?? '' };
    case 'oauth2': {
      const o = auth.value;
      return {
        type: 'oauth2',
        tokenUrl: o.tokenUrl ?? '',
        clientId: o.clientId ?? '',
        clientSecret: o.clientSecret ?? '',
        scope: o.scope ?? '',
        audience: o.audience ?? '',
        clientAuthMethod: o.clientAuthMethod ?? '',
      };
    }
    default:
      return undefined;
  }
}
