import { isRelayTarget } from '@hookline/egress';
import { newId } from '@hookline/ids';
import type { Agent } from 'undici';
import type { AttemptRow } from '../model/attempt-row';
import type { DeliveryTask } from '../model/delivery-task';
import type { RelayTransport } from '../relay/relay-transport';
import type { DeliveryConfig } from '../webhook-config/delivery-config';
import { SendError } from './attempt-error';
import type { EndpointAuthenticator } from './endpoint-auth';
import { prepareRequest } from './prepare';
import { post, type HttpResponse } from './send';
import type { Signers } from './sign';

export interface AttemptDeps {
  agent: Agent;
  signers: Signers;
  auth: EndpointAuthenticator;
  userAgent: string;
  /** Relay webhooks (`relay://…`): the attempt goes to the organization's `hookline listen`. */
  relay: RelayTransport;
}

export interface AttemptOutcome {
  attempt: AttemptRow;
  delivered: boolean;
  /** 0 when no response arrived. */
  responseStatus: number;
  retryAfterHeader?: string;
}

const REDACTED = '[redacted]';

/**
 * One delivery attempt, the pipeline of DESIGN §2.3: prepare → sign → authenticate → send,
 * classified into an attempt row. Never throws: every failure is an attempt outcome.
 */
export async function makeAttempt(task: DeliveryTask, config: DeliveryConfig, deps: AttemptDeps): Promise<AttemptOutcome> {
  const started = Date.now();
  const prepared = prepareRequest(task, config, deps.userAgent, started);
  // The prepared headers object is this attempt's own: signature and credentials go into it.
  const headers = prepared.headers;
  Object.assign(headers, deps.signers.headers(config, task.deliveryId, prepared.timestampSeconds, prepared.body));
  const secretHeaders = deps.auth.secretHeaders(config);
  const attempt = (fields: Partial<AttemptRow>): AttemptRow => ({
    id: newId('att'),
    deliveryId: task.deliveryId,
    number: task.attempt,
    startedAt: new Date(started),
    durationMs: Date.now() - started,
    requestHeaders: secretHeaders.length === 0 ? headers : redact(headers, secretHeaders),
    responseStatus: null,
    responseHeaders: {},
    responseBody: '',
    errorClass: null,
    errorMessage: null,
    ...fields,
  });

  try {
    let authHeaders = config.auth.type === 'none' ? null : await deps.auth.headers(config);
    if (authHeaders) Object.assign(headers, authHeaders);
    if (isRelayTarget(prepared.url)) return responseOutcome(await deps.relay.exchange(task, headers, prepared.body, config.timeoutMs), attempt);
    let response = await post(deps.agent, prepared.url, headers, prepared.body, config.timeoutMs);
    if (response.status === 401 && config.auth.type === 'oauth2') {
      // The token may have been revoked early: fetch a new one once and retry at once.
      authHeaders = await deps.auth.headers(config, { staleToken: authHeaders?.authorization?.slice('Bearer '.length) });
      Object.assign(headers, authHeaders);
      response = await post(deps.agent, prepared.url, headers, prepared.body, config.timeoutMs);
    }
    return responseOutcome(response, attempt);
  } catch (error) {
    const failure = error instanceof SendError ? error : new SendError('connect', (error as Error).message, error);
    return { attempt: attempt({ errorClass: failure.errorClass, errorMessage: failure.message }), delivered: false, responseStatus: 0 };
  }
}

function responseOutcome(response: HttpResponse, attempt: (fields: Partial<AttemptRow>) => AttemptRow): AttemptOutcome {
  const delivered = response.status >= 200 && response.status < 300;
  const error = delivered
    ? {}
    : {
        errorClass: 'http_status',
        errorMessage:
          response.status >= 300 && response.status < 400
            ? `endpoint answered ${response.status}; redirects are not followed`
            : `endpoint answered ${response.status}`,
      };
  return {
    attempt: attempt({
      responseStatus: response.status,
      responseHeaders: response.headers,
      responseBody: response.body,
      ...(response.durationMs === undefined ? {} : { durationMs: response.durationMs }),
      ...error,
    }),
    delivered,
    responseStatus: response.status,
    retryAfterHeader: response.headers['retry-after'],
  };
}

function redact(headers: Record<string, string>, secretHeaders: string[]): Record<string, string> {
  const copy = { ...headers };
  for (const name of secretHeaders) if (name in copy) copy[name] = REDACTED;
  return copy;
}
