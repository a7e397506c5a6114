import { webhookHeaders } from './headers';

describe('webhookHeaders', () => {
  it('names the three Standard Webhooks headers, with the timestamp in decimal seconds', () => {
    expect(webhookHeaders({ msgId: 'del_1', timestamp: 1767277802, signature: 'v1,abc= v1,def=' })).toEqual({
      'webhook-id': 'del_1',
      'webhook-timestamp': '1767277802',
      'webhook-signature': 'v1,abc= v1,def=',
    });
  });

  it('refuses a message id that could not have been signed', () => {
    expect(() => webhookHeaders({ msgId: 'a.b', timestamp: 1, signature: 'v1,x' })).toThrow(
      expect.objectContaining({ code: 'invalid_message_id' }),
    );
  });
});
