import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { createLogger } from '@hookline/logging';
import { accessLog } from './access-log';
import { requestId } from './request-id';

const API_KEY = 'hk_live_secretsecretsecretsecret';

/** An app with the access log in front of a route that authenticates like the API's routes do. */
async function serve(lines: string[]) {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = express();
  app.use(requestId);
  app.use(accessLog(createLogger('gateway', 'info', 'json', destination)));
  app.post('/v1/webhooks/:id/rotate-secret', (req, res) => {
    res.locals.route = { action: 'webhook.rotate_secret', resourceType: 'webhook', method: 'POST', path: '/v1/webhooks/:id/rotate-secret' };
    req.actor = { kind: 'api_key', keyId: 'key_123', owner: 'alice', role: 'admin', orgId: 'org_42' };
    res.status(200).json({ object: 'signing_secret', secret: 'whsec_topsecret' });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('access log', () => {
  it('writes one line per request with request id, route, status, duration and org, and never the key, the secret or the raw path', async () => {
    const lines: string[] = [];
    const app = await serve(lines);
    try {
      const answer = await fetch(`${app.base}/v1/webhooks/wh_abc/rotate-secret?token=${API_KEY}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ secret: 'whsec_sent' }),
      });
      await answer.text();
      await fetch(`${app.base}/healthz`);
      await fetch(`${app.base}/nowhere`).then((r) => r.text());
    } finally {
      await app.close();
    }

    const records = lines.map((line) => JSON.parse(line));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      msg: 'request',
      service: 'gateway',
      method: 'POST',
      route: '/v1/webhooks/:id/rotate-secret',
      status: 200,
      org_id: 'org_42',
      key_id: 'key_123',
      actor: 'api_key',
    });
    expect(records[0].request_id).toMatch(/^req_/);
    expect(typeof records[0].duration_ms).toBe('number');
    expect(records[1]).toMatchObject({ route: 'other', status: 404 });
    const written = lines.join('\n');
    for (const secret of [API_KEY, 'whsec_topsecret', 'whsec_sent', 'wh_abc']) expect(written).not.toContain(secret);
  });
});
