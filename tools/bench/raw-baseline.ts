// The ceiling for this machine: the same receiver and payloads, driven by a plain loop that
// HMAC-signs each payload and POSTs it with undici at the same concurrency. No Kafka, no
// PostgreSQL, no fan-out.
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, request } from 'undici';

export interface RawResult {
  requests: number;
  seconds: number;
  perSecond: number;
}

export async function runRawBaseline(url: string, payload: string, concurrency: number, seconds: number): Promise<RawResult> {
  const secret = randomBytes(32);
  const agent = new Agent({ connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const deadline = Date.now() + seconds * 1000;
  let sent = 0;
  let counter = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (Date.now() < deadline) {
      const id = `msg_${(counter++).toString(36)}`;
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha256', secret).update(`${id}.${timestamp}.${payload}`).digest('base64');
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        body: payload,
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': `v1,${signature}`,
        },
      });
      await res.body.dump();
      if (res.statusCode === 200) sent++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await agent.close();
  return { requests: sent, seconds: elapsed, perSecond: sent / elapsed };
}
