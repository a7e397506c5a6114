import * as crypto from 'node:crypto';
import { STANDARD_WEBHOOKS_PROFILE, wireProfileFromJson } from '@hookline/contract';
import { generateSigningSecret } from '@hookline/signing';
import { Webhook } from 'standardwebhooks';
import type { DeliveryTask } from '../model/delivery-task';
import { envelopeJson } from '../model/envelope';
import type { DeliveryConfig } from '../webhook-config/delivery-config';
import { prepareRequest } from './prepare';
import { Signers } from './sign';

// Paylent's documented receiver (shared/seeds 003), as its customers run it.
function verifyWebhook(rawBody: Buffer | string, signatureHeader: string, secret: string): boolean {
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  const received = signatureHeader.replace('sha256=', '');
  return expected.length === received.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(received));
}

const paylent = wireProfileFromJson({
  name: 'hmac-hex',
  brand: 'Paylent',
  user_agent: 'Paylent-Webhook/1.0',
  envelope: { type: 'event', id: 'event_id', timestamp: 'timestamp', data: 'data', fixed: { environment_id: 'env_123' } },
});

const event = { id: 'evt_1', type: 'user.created', source: 'hookline', time: '2026-02-26T12:00:00.000Z', isTest: false, dataJson: '{"id":"usr_1","first_name":"Jane"}' };
const task: DeliveryTask = {
  deliveryId: 'del_1',
  webhookId: 'wh_1',
  orgId: 'org_1',
  eventId: event.id,
  eventType: event.type,
  attempt: 1,
  isTest: false,
  envelopeJson: envelopeJson(event),
  traceparent: '',
  manual: false,
  publishedAtMs: 0,
};

function config(fields: Partial<DeliveryConfig>): DeliveryConfig {
  return {
    webhookId: 'wh_1',
    orgId: 'org_1',
    url: 'https://example.com/hook',
    status: 'active',
    signatureScheme: 'hmac-sha256',
    signingKeys: [generateSigningSecret()],
    auth: { type: 'none' },
    rateLimitRps: 10,
    timeoutMs: 15_000,
    payload: 'full',
    retryScheduleSeconds: [],
    fifo: false,
    version: 1,
    wireProfile: STANDARD_WEBHOOKS_PROFILE,
    ...fields,
  };
}

function send(c: DeliveryConfig) {
  const prepared = prepareRequest(task, c, 'Hookline/1.0', Date.now());
  const headers = { ...prepared.headers, ...new Signers().headers(c, task.deliveryId, prepared.timestampSeconds, prepared.body) };
  return { body: prepared.body.toString('utf8'), headers };
}

describe('wire profiles on the wire', () => {
  it('hmac-hex in Paylent’s format: its documented receiver accepts the delivery and refuses a tampered body', () => {
    const c = config({ wireProfile: paylent });
    const { body, headers } = send(c);
    expect(headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'Paylent-Webhook/1.0',
      'X-Paylent-Event': 'user.created',
      'X-Paylent-Delivery': 'del_1',
      'X-Paylent-Signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
    });
    expect(JSON.parse(body)).toEqual({ event: 'user.created', event_id: 'evt_1', timestamp: '2026-02-26T12:00:00.000Z', environment_id: 'env_123', data: { id: 'usr_1', first_name: 'Jane' } });
    expect(Object.keys(JSON.parse(body))).toEqual(['event', 'event_id', 'timestamp', 'environment_id', 'data']);
    expect(verifyWebhook(body, headers['X-Paylent-Signature'], c.signingKeys[0])).toBe(true);
    expect(verifyWebhook(body.replace('Jane', 'Joan'), headers['X-Paylent-Signature'], c.signingKeys[0])).toBe(false);
    expect(verifyWebhook(body, headers['X-Paylent-Signature'], generateSigningSecret())).toBe(false);
  });

  it('during a rotation the previous secret still verifies, through X-<Brand>-Signature-Previous', () => {
    const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
    const { body, headers } = send(config({ wireProfile: paylent, signingKeys: [current, previous] }));
    expect(verifyWebhook(body, headers['X-Paylent-Signature'], current)).toBe(true);
    expect(verifyWebhook(body, headers['X-Paylent-Signature-Previous'], previous)).toBe(true);
    expect(verifyWebhook(body, headers['X-Paylent-Signature'], previous)).toBe(false);
  });

  it('a thin payload in a mapped envelope keeps the fields but not the data', () => {
    const { body } = send(config({ wireProfile: paylent, payload: 'thin' }));
    expect(JSON.parse(body)).toEqual({ event: 'user.created', event_id: 'evt_1', timestamp: '2026-02-26T12:00:00.000Z', environment_id: 'env_123' });
  });

  it('standard-webhooks (the default) still verifies with the standardwebhooks library, with a brand User-Agent when the profile names one', () => {
    const c = config({ wireProfile: { ...STANDARD_WEBHOOKS_PROFILE, userAgent: 'Acme-Hooks/2' } });
    const { body, headers } = send(c);
    expect(headers['user-agent']).toBe('Acme-Hooks/2');
    const verified = new Webhook(c.signingKeys[0]).verify(body, { 'webhook-id': headers['webhook-id'], 'webhook-timestamp': headers['webhook-timestamp'], 'webhook-signature': headers['webhook-signature'] });
    expect(verified).toMatchObject({ id: 'evt_1', type: 'user.created', data: { id: 'usr_1' } });
  });
});
