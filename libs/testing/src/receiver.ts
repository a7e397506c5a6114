// A customer's endpoint in tests: a real node:http server on loopback that records every request.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (signatures are checked over it). */
  body: string;
  at: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Answers the n-th request (0-based); return nothing to leave it hanging (until the client gives up). */
export type Responder = (request: ReceivedRequest, index: number, res: ServerResponse) => Answer | void;

export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly server: Server;

  constructor(public responder: Responder = () => ({ status: 200, body: 'ok' })) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        this.requests.push(request);
        const answer = this.responder(request, this.requests.length - 1, res);
        if (!answer) return;
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        res.end(answer.body ?? '');
      });
    });
  }

  static start(responder?: Responder): Promise<Receiver> {
    return new Receiver(responder).start();
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests carrying this `webhook-id` (one delivery, every attempt). */
  requestsFor(deliveryId: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.headers['webhook-id'] === deliveryId);
  }

  /** Requests whose event envelope has this event id. */
  /** Requests carrying this event: `id` in the standard envelope, `event_id` in a Paylent-style one. */
  requestsForEvent(eventId: string): ReceivedRequest[] {
    return this.requests.filter((r) => {
      const body = JSON.parse(r.body) as { id?: string; event_id?: string };
      return body.id === eventId || body.event_id === eventId;
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
