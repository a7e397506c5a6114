import { flatEndpointAuth, fromFlatEndpointAuth, type EndpointAuth, type SubmittedEndpointAuth } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import type { registryV1 } from '@hookline/proto';

// The registry's one endpoint-auth converter: the proto's oneof (or, from a gateway deployed
// before it, the flat form) in; the oneof and the flat form (for dispatchers deployed before it) out.

/** Endpoint auth as submitted, values unchecked (validate-auth checks them); undefined = not sent. */
export function toAuthInput(message: registryV1.EndpointAuthInput | undefined): SubmittedEndpointAuth | undefined {
  if (!message) return undefined;
  const auth = message.auth;
  if (auth) {
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
        throw unsupported((auth as { $case?: unknown }).$case);
    }
  }
  const flat = fromFlatEndpointAuth(message);
  if (!flat) throw unsupported(message.type);
  return flat;
}

const unsupported = (type: unknown) =>
  new InputError(`auth.type ${String(type).slice(0, 50)} is not supported`, { code: 'auth_type_invalid', param: 'auth.type' });

/** A webhook's endpoint auth, credentials included, for the dispatcher's delivery config. */
export function toEndpointAuthMessage(auth: EndpointAuth): registryV1.EndpointAuth {
  return { ...flatEndpointAuth(auth), auth: authCase(auth) };
}

function authCase(auth: EndpointAuth): registryV1.EndpointAuth['auth'] {
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
