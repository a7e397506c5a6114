import { EMPTY_EGRESS_ALLOW_LIST } from './allow-list';
import { isRelayTarget, validateWebhookTarget } from './relay-target';

const options = { allowInsecure: false, allowList: EMPTY_EGRESS_ALLOW_LIST, resolve: async () => ['93.184.216.34'] };

describe('validateWebhookTarget', () => {
  it('accepts relay://<name> as it is', async () => {
    await expect(validateWebhookTarget('relay://laptop-1', options)).resolves.toBe('relay://laptop-1');
    expect(isRelayTarget('relay://laptop-1')).toBe(true);
  });

  it.each(['relay://', 'relay://Laptop', 'relay://a/b', 'relay://a?x=1', 'RELAY://a', 'relay:a', `relay://${'a'.repeat(64)}`, 'relay://user@host'])('refuses %s with url_invalid', async (raw) => {
    await expect(validateWebhookTarget(raw, options)).rejects.toMatchObject({ code: 'url_invalid', param: 'url' });
  });

  it('checks every other URL as a webhook URL', async () => {
    await expect(validateWebhookTarget('http://example.com/hook', options)).rejects.toMatchObject({ code: 'url_scheme' });
    await expect(validateWebhookTarget('https://example.com/hook', options)).resolves.toBe('https://example.com/hook');
  });
});
