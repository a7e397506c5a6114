import { createHmac } from 'node:crypto';
import { createSigner, type MessageSigner } from '@hookline/signing';
import type { DeliveryConfig } from '../webhook-config/delivery-config';

/**
 * Signers per webhook config version: keys are decoded once per version, not per attempt.
 * Every key still valid is used (current first), so receivers verify during a rotation window.
 */
export class Signers {
  private readonly signers = new Map<string, { version: number; sign: MessageSigner }>();

  forget(webhookId: string): void {
    this.signers.delete(webhookId);
  }

  /**
   * The signature headers of the organization's wire profile. standard-webhooks: `webhook-signature`
   * with one signature per valid key. hmac-hex (HMAC-SHA256 of the raw body, keyed with the signing
   * secret exactly as the API handed it out, hex): `X-<Brand>-Signature: sha256=<hex>` with the
   * current secret and, during the 24 h after a rotation, `X-<Brand>-Signature-Previous` with the
   * previous one — a receiver's documented one-line check keeps working with either secret.
   */
  headers(config: DeliveryConfig, msgId: string, timestampSeconds: number, body: Uint8Array): Record<string, string> {
    const profile = config.wireProfile;
    if (profile.name === 'hmac-hex' && config.signatureScheme === 'hmac-sha256') {
      const [current, previous] = config.signingKeys;
      const headers: Record<string, string> = { [`X-${profile.brand}-Signature`]: hexSignature(current, body) };
      if (previous) headers[`X-${profile.brand}-Signature-Previous`] = hexSignature(previous, body);
      return headers;
    }
    return { 'webhook-signature': this.sign(config, msgId, timestampSeconds, body) };
  }

  /** The `webhook-signature` header value. */
  sign(config: DeliveryConfig, msgId: string, timestampSeconds: number, body: Uint8Array): string {
    let entry = this.signers.get(config.webhookId);
    if (!entry || entry.version !== config.version) {
      entry = { version: config.version, sign: createSigner(config.signatureScheme, config.signingKeys) };
      this.signers.set(config.webhookId, entry);
    }
    return entry.sign(msgId, timestampSeconds, body);
  }
}

function hexSignature(secret: string, body: Uint8Array): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex')}`;
}
