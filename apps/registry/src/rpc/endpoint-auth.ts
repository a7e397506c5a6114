import { flatEndpointAuth, fromFlatEndpointAuth, type EndpointAuth, type SubmittedEndpointAuth } from '@hookline/contract';
import { InputError } from '@hookline/errors';
import { fromAuthOneof, toAuthOneof } from '@hookline/grpc';
import type { registryV1 } from '@hookline/proto';

// The registry's one endpoint-auth converter: the proto's oneof (or, from a gateway deployed
// before it, the flat form) in; the oneof and the flat form (for dispatchers deployed before it) out.

/** Endpoint auth as submitted, values unchecked (validate-auth checks them); undefined = not sent. */
export function toAuthInput(message: registryV1.EndpointAuthInput | undefined): SubmittedEndpointAuth | undefined {
  if (!message) return undefined;
  if (message.auth) {
    const submitted = fromAuthOneof(message.auth);
    if (!submitted) throw unsupported((message.auth as { $case?: unknown }).$case);
    return submitted;
  }
  const flat = fromFlatEndpointAuth(message);
  if (!flat) throw unsupported(message.type);
  return flat;
}

const unsupported = (type: unknown) =>
  new InputError(`auth.type ${String(type).slice(0, 50)} is not supported`, { code: 'auth_type_invalid', param: 'auth.type' });

/** A webhook's endpoint auth, credentials included, for the dispatcher's delivery config. */
export function toEndpointAuthMessage(auth: EndpointAuth): registryV1.EndpointAuth {
  return { ...flatEndpointAuth(auth), auth: toAuthOneof(auth) };
}
