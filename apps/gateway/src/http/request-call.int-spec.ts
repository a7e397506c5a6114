import type { AddressInfo } from 'node:net';
import express from 'express';
import { waitFor } from '@hookline/testing';
import { mountRoutes, type RouteServices } from '../pipeline/mount-routes';
import type { RequestCall } from './request-call';
import { requestId } from './request-id';
import { defineRoute } from './route';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('the backend call options every route handler gets', () => {
  const seen: RequestCall[] = [];
  let hanging: RequestCall | undefined;
  let release: () => void = () => undefined;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const routes = [
      defineRoute({
        method: 'get',
        path: '/probe',
        summary: 'probe',
        action: 'probe.read',
        resourceType: 'probe',
        auth: 'none',
        deadlineMs: 7_000,
        responses: { 200: { description: 'ok' } },
        handler: async ({ call }) => {
          seen.push(call);
          return { status: 200, body: { ok: true } };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/slow',
        summary: 'slow',
        action: 'probe.slow',
        resourceType: 'probe',
        auth: 'none',
        responses: { 200: { description: 'ok' } },
        handler: async ({ call }) => {
          hanging = call;
          await new Promise<void>((resolve) => (release = resolve));
          return { status: 200, body: {} };
        },
      }),
    ];
    const app = express();
    app.use(requestId);
    app.use(mountRoutes(routes, { rateLimiter: { take: () => undefined } } as unknown as RouteServices));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    release();
    await close();
  });

  it("carry the caller's traceparent and the route's deadline, and stay live while the answer is being made", async () => {
    const before = Date.now();
    const res = await fetch(`${base}/probe`, { headers: { traceparent: TRACEPARENT } });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0].traceparent).toBe(TRACEPARENT);
    expect(seen[0].deadline).toBeGreaterThanOrEqual(before + 7_000);
    expect(seen[0].signal.aborted).toBe(false);
  });

  it('abort the signal when the client goes away before its answer', async () => {
    const client = new AbortController();
    const pending = fetch(`${base}/slow`, { signal: client.signal }).catch((error: unknown) => error);
    await waitFor(() => hanging !== undefined, { timeoutMs: 5_000, message: 'the slow handler to run' });
    expect(hanging!.signal.aborted).toBe(false);
    client.abort();
    await pending;
    await waitFor(() => hanging!.signal.aborted, { timeoutMs: 5_000, message: 'the call signal to abort' });
  });
});
