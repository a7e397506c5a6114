import type { HooklineClient } from '../client/hookline-client';
import type { RelayRequest } from '../client/resources';
import { sleep } from '../client/retry-policy';
import { readEventStream } from './event-stream';
import { forwardToLocal, type LocalOutcome } from './forward';

export interface RelayListenerOptions {
  baseUrl: string;
  apiKey: string;
  webhookId: string;
  forwardTo: string;
  client: HooklineClient;
  /** Told once per stream opened (the first time and after every reconnection). */
  onConnected?(resumedAfter: string | undefined): void;
  /** Told after each relayed attempt, with its outcome and whether the platform recorded it. */
  onForwarded?(request: RelayRequest, outcome: LocalOutcome, recorded: string | null): void;
  /** Told when the stream broke and is reopened. */
  onReconnecting?(reason: string, delayMs: number): void;
}

/** Answers that will not change by reconnecting: the key, the role or the webhook is wrong. */
export class RelayRefusedError extends Error {}

const MAX_BACKOFF_MS = 10_000;

/**
 * `hookline listen`'s loop: one server-sent-events stream (`GET /v1/relay/stream`) for the relay
 * webhook, each attempt POSTed to the local URL and its outcome reported back, in order. A broken
 * stream is reopened with `Last-Event-ID`, so nothing received is asked for twice; an attempt not
 * answered before it expires fails on the platform and comes back at its next retry.
 */
export async function listenAndForward(options: RelayListenerOptions, signal: AbortSignal): Promise<void> {
  let lastEventId: string | undefined;
  let failures = 0;
  const url = new URL('/v1/relay/stream', options.baseUrl);
  url.searchParams.set('webhook_id', options.webhookId);
  while (!signal.aborted) {
    let reason: string;
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${options.apiKey}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal,
      });
      if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408) {
        throw new RelayRefusedError(`the gateway refused the relay stream: ${response.status} ${await response.text()}`);
      }
      if (!response.ok || !response.body) throw new Error(`relay stream answered ${response.status}`);
      failures = 0;
      options.onConnected?.(lastEventId);
      for await (const event of readEventStream(response.body)) {
        if (event.event === 'error') break;
        if (event.event !== 'delivery') continue;
        const request = JSON.parse(event.data) as RelayRequest;
        const outcome = await forwardToLocal(request, options.forwardTo);
        options.onForwarded?.(request, outcome, await report(options.client, request.id, outcome));
        if (event.id !== undefined) lastEventId = event.id;
      }
      reason = 'the stream ended';
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof RelayRefusedError) throw error;
      reason = (error as Error).message;
    }
    const delayMs = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures++);
    options.onReconnecting?.(reason, delayMs);
    await sleep(delayMs, signal).catch(() => undefined);
  }
}

/** Null when recorded; else why not (the attempt expired meanwhile, the gateway is away). */
async function report(client: HooklineClient, requestId: string, outcome: LocalOutcome): Promise<string | null> {
  try {
    const { error, response } = await client.api.POST('/v1/relay/requests/{id}/outcome', { params: { path: { id: requestId } }, body: outcome });
    return response.ok ? null : `${response.status} ${JSON.stringify(error)}`;
  } catch (error) {
    return (error as Error).message;
  }
}
