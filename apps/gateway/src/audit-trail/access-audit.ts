import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { ProducerKey } from '@hookline/contract';
import type { KafkaOptions } from '@hookline/kafka';
import type { Logger } from '@hookline/logging';
import type { Registry } from '@hookline/telemetry';
import { accessRecordFor, type RouteLabel } from './access-record';
import { AuditTrailSender } from './audit-trail-sender';

export interface AccessAuditOptions {
  brokers: string;
  /** TLS and SASL for a managed cluster. */
  security?: KafkaOptions['security'];
  topicPrefix: string;
  /** Signs each record (the gateway's service certificate and key). */
  signer: ProducerKey;
  logger: Logger;
  metrics: Registry;
  bufferCapacity?: number;
}

/** The status recorded for a call whose client hung up before the answer (nginx's convention). */
export const CLIENT_CLOSED_REQUEST = 499;

function clientAddress(req: Request): string {
  try {
    return req.ip ?? req.socket?.remoteAddress ?? '';
  } catch {
    return '';
  }
}

/**
 * Express middleware (registered before the routes): when a `/v1` response finishes, its
 * access record is queued for the audit topic — reads, writes, auth failures and 429s alike.
 * Nothing waits for Kafka. The sender stops (flushing what it can) when the HTTP server closes.
 */
export function accessAuditTrail(options: AccessAuditOptions) {
  const sender = new AuditTrailSender(options);
  const watched = new WeakSet<Server>();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/v1/') && req.path !== '/v1') return next();
    const server = (req.socket as { server?: Server }).server;
    if (server && !watched.has(server)) {
      watched.add(server);
      server.once('close', () => void sender.stop());
    }
    const startedAt = new Date();
    const started = performance.now();
    const path = req.path;
    // Read while the connection is open: once a client has hung up, its socket no longer has
    // an address and `req.ip` has nothing to read.
    const ip = clientAddress(req);
    let recorded = false;
    // `finish` for answered calls; `close` also covers clients that hung up before the answer.
    const record = () => {
      if (recorded) return;
      recorded = true;
      try {
        sender.enqueue(
          accessRecordFor({
            path,
            method: req.method,
            route: res.locals.route as RouteLabel | undefined,
            actor: req.actor,
            requestId: req.requestId,
            ip,
            userAgent: req.get('user-agent') ?? '',
            status: res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST,
            startedAt,
            latencyMs: performance.now() - started,
          }),
        );
      } catch (error) {
        options.logger.error({ err: error }, 'could not build an access audit record');
      }
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
