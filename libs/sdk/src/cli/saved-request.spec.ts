import { parseSavedRequest } from './saved-request';

describe('parseSavedRequest', () => {
  it('reads a raw HTTP request: header names in any case, the body byte for byte after the blank line', () => {
    const raw = 'POST /webhooks HTTP/1.1\r\nHost: localhost\r\nWebhook-Id: del_1\r\nwebhook-signature: v1,abc= v1,def=\r\n\r\n{"a":"b\\r\\n"}\n';
    expect(parseSavedRequest(raw)).toEqual({
      headers: { host: 'localhost', 'webhook-id': 'del_1', 'webhook-signature': 'v1,abc= v1,def=' },
      body: '{"a":"b\\r\\n"}\n',
    });
  });

  it('reads JSON {headers, body} and refuses anything else with what it expects', () => {
    expect(parseSavedRequest('{"headers":{"webhook-id":"del_1"},"body":"{}"}')).toEqual({ headers: { 'webhook-id': 'del_1' }, body: '{}' });
    expect(() => parseSavedRequest('{"headers":{},"body":{}}')).toThrow(/"body"/);
    expect(() => parseSavedRequest('hello')).toThrow(/neither/);
  });
});
