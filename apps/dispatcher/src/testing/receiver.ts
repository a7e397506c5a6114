// A real HTTP endpoint on loopback that records every request it gets.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** Answers a request; return nothing to leave it hanging (until the client gives up). */
export type Responder = (request: ReceivedRequest, index: number, res: ServerResponse) => { status: number; headers?: Record<string, string>; body?: string } | void;

export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  private server!: Server;
  responder: Responder = () => ({ status: 200, body: 'ok' });

  constructor(responder?: Responder) {
    if (responder) this.responder = responder;
  }

  async start(): Promise<this> {
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
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
