// A webhook's endpoint authentication, declared once. The REST body (`auth.header_name`,
// `auth.value`, ...), the registry's rows and the dispatcher's delivery config are all this
// union; each service converts it at its own rpc boundary and nowhere else.

export const ENDPOINT_AUTH_TYPES = ['none', 'api_key', 'basic', 'oauth2'] as const;
export type EndpointAuthType = (typeof ENDPOINT_AUTH_TYPES)[number];

/** How an OAuth2 client authenticates to the token endpoint; `auto` = basic, then post. */
export const CLIENT_AUTH_METHODS = ['auto', 'client_secret_basic', 'client_secret_post', 'both'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];
export const DEFAULT_CLIENT_AUTH_METHOD: ClientAuthMethod = 'auto';

/** The union, by how far its values are trusted: `Method` is `ClientAuthMethod` once checked. */
export type EndpointAuthOf<Method extends string> =
  | { type: 'none' }
  | { type: 'api_key'; headerName: string; value: string }
  | { type: 'basic'; username: string; password: string }
  /** `scope` and `audience` empty = not sent. */
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope: string; audience: string; clientAuthMethod: Method };

/** Endpoint authentication whose values the registry has checked. */
export type EndpointAuth = EndpointAuthOf<ClientAuthMethod>;
/** Endpoint authentication as submitted: the same shape, values not yet checked (the registry does). */
export type SubmittedEndpointAuth = EndpointAuthOf<string>;

export const NO_ENDPOINT_AUTH: EndpointAuth = { type: 'none' };

export function isClientAuthMethod(value: string): value is ClientAuthMethod {
  return (CLIENT_AUTH_METHODS as readonly string[]).includes(value);
}

/**
 * The deprecated flat form of the proto's `EndpointAuth`/`EndpointAuthInput` (one bag of strings
 * and a `type`), still written beside the oneof and read when it is unset, so that services
 * deployed before the oneof keep working. Its names are the proto's and frozen.
 */
export interface FlatEndpointAuth {
  type: string;
  headerName: string;
  headerValue: string;
  username: string;
  password: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  audience: string;
  clientAuthMethod?: string;
}

const EMPTY_FLAT: FlatEndpointAuth = {
  type: 'none',
  headerName: '',
  headerValue: '',
  username: '',
  password: '',
  tokenUrl: '',
  clientId: '',
  clientSecret: '',
  scope: '',
  audience: '',
};

/** The flat form an older reader understands. */
export function flatEndpointAuth(auth: SubmittedEndpointAuth): FlatEndpointAuth {
  switch (auth.type) {
    case 'none':
      return { ...EMPTY_FLAT };
    case 'api_key':
      return { ...EMPTY_FLAT, type: auth.type, headerName: auth.headerName, headerValue: auth.value };
    case 'basic':
      return { ...EMPTY_FLAT, type: auth.type, username: auth.username, password: auth.password };
    case 'oauth2': {
      const { type, tokenUrl, clientId, clientSecret, scope, audience, clientAuthMethod } = auth;
      return { ...EMPTY_FLAT, type, tokenUrl, clientId, clientSecret, scope, audience, clientAuthMethod: clientAuthMethod || undefined };
    }
  }
}

/**
 * What an older writer's flat form says, or undefined for a type nobody issues (never read as
 * "none": credentials the sender meant to set must not silently vanish). Absent strings are empty.
 */
export function fromFlatEndpointAuth(flat: Partial<FlatEndpointAuth>): SubmittedEndpointAuth | undefined {
  const text = (value: string | undefined) => value ?? '';
  switch (flat.type || 'none') {
    case 'none':
      return { type: 'none' };
    case 'api_key':
      return { type: 'api_key', headerName: text(flat.headerName), value: text(flat.headerValue) };
    case 'basic':
      return { type: 'basic', username: text(flat.username), password: text(flat.password) };
    case 'oauth2':
      return {
        type: 'oauth2',
        tokenUrl: text(flat.tokenUrl),
        clientId: text(flat.clientId),
        clientSecret: text(flat.clientSecret),
        scope: text(flat.scope),
        audience: text(flat.audience),
        clientAuthMethod: text(flat.clientAuthMethod),
      };
    default:
      return undefined;
  }
}
