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
