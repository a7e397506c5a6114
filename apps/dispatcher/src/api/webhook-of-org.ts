import { NotFoundError } from '@hookline/errors';
import type { DeliveryConfig } from '../webhook-config/delivery-config';
import type { DeliveryConfigCache } from '../webhook-config/delivery-config-cache';

/** The webhook's config; NotFound unless the webhook exists, is live and belongs to the org. */
export async function webhookOfOrg(configs: DeliveryConfigCache, orgId: string, webhookId: string): Promise<DeliveryConfig> {
  const config = await configs.get(webhookId).catch((error) => {
    if (error instanceof NotFoundError) throw new NotFoundError(`webhook ${webhookId} not found`, { code: 'not_found' });
    throw error;
  });
  if (config.orgId !== orgId || config.status === 'deleted') throw new NotFoundError(`webhook ${webhookId} not found`, { code: 'not_found' });
  return config;
}
