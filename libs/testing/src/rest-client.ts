// The gateway's REST API as test suites call it: plain fetch, JSON in and out.
import { uniqueSuffix } from './unique';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export interface RequestOptions {
  /** Bearer token: an `hk_…` key, or the operator key. */
  key?: string;
  body?: unknown;
  /** Sent as is (no JSON encoding), with `contentType`. */
  rawBody?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Organization {
  id: string;
  /** The first admin key (owner `operator`). */
  adminKey: string;
  keyFor(role: 'admin' | 'developer' | 'viewer', owner?: string): Promise<string>;
}

export async function callApi(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | Buffer | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    if (options.contentType) headers['content-type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Creates an organization through the operator routes; `keyFor` issues more keys in it. */
export async function createOrganization(baseUrl: string, operatorKey: string, name = `Org ${uniqueSuffix()}`): Promise<Organization> {
  const created = await callApi(baseUrl, 'POST', '/v1/admin/organizations', { key: operatorKey, body: { name } });
  if (created.status !== 201) throw new Error(`creating an organization answered ${created.status} ${JSON.stringify(created.body)}`);
  const id: string = created.body.organization.id;
  return {
    id,
    adminKey: created.body.api_key.key,
    keyFor: async (role, owner = `${role}-${uniqueSuffix()}`) => {
      const key = await callApi(baseUrl, 'POST', `/v1/admin/organizations/${id}/api-keys`, { key: operatorKey, body: { role, owner } });
      if (key.status !== 201) throw new Error(`creating a ${role} key answered ${key.status} ${JSON.stringify(key.body)}`);
      return key.body.key;
    },
  };
}
