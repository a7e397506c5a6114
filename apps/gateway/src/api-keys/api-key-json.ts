import { z } from '@hookline/config';
import type { registryV1 } from '@hookline/proto';

export const apiKeySchema = z.object({
  id: z.string().describe('`key_…`'),
  object: z.literal('api_key'),
  name: z.string().nullable(),
  role: z.enum(['admin', 'developer', 'viewer']),
  owner: z.string().describe('A label: whom the key is meant for. Whom it acts for is `principal`.'),
  principal: z
    .string()
    .describe('Whom the key acts for — the principal that received its plaintext; approvals compare principals. Operator-created keys act for their owner; a key created with an org key acts for its creator, always (approving it does not change whose key it is).'),
  status: z.enum(['active', 'pending_approval', 'rejected']).describe('`pending_approval`: not usable until an admin acting for another principal approves it.'),
  prefix: z.string().describe('First characters of the key, to recognise it.'),
  created_by: z.string(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
}).meta({ id: 'ApiKey' });

export const createdApiKeySchema = apiKeySchema.extend({ key: z.string().describe('`hk_…`, shown only in this response.') }).meta({ id: 'CreatedApiKey' });

export const createApiKeyBody = z.strictObject({
  role: z.enum(['admin', 'developer', 'viewer']),
  owner: z.string().min(1).max(200).describe('A label: whom the key is meant for. A key created with an org key acts for its creator (`principal`); the operator creates keys for other principals.'),
  name: z.string().min(1).max(100).optional(),
});

export const apiKeyErrorCodes = { role: 'role_invalid', owner: 'owner_invalid', name: 'name_invalid' };

export function apiKeyJson(key: registryV1.ApiKey | undefined): z.infer<typeof apiKeySchema> {
  if (!key) throw new Error('registry answered without an API key');
  return {
    id: key.id,
    object: 'api_key',
    name: key.name || null,
    role: key.role as 'admin' | 'developer' | 'viewer',
    owner: key.owner,
    principal: key.principal || key.owner,
    status: (key.status || 'active') as 'active' | 'pending_approval' | 'rejected',
    prefix: key.prefix,
    created_by: key.createdBy,
    created_at: key.createdAt,
    revoked_at: key.revokedAt || null,
  };
}

export function createdApiKeyJson(response: registryV1.CreateApiKeyResponse): z.infer<typeof createdApiKeySchema> {
  return { ...apiKeyJson(response.apiKey), key: response.key };
}
