import type { CreateWebhookBody, EndpointAuthBody, UpdateWebhookBody } from '@hookline/contract';
import type { registryV1 } from '@hookline/proto';

// Request bodies and rules: @hookline/contract. Here: body → registry request.

export function endpointAuthInput(auth: EndpointAuthBody): registryV1.EndpointAuthInput {
  const input: registryV1.EndpointAuthInput = {
    type: auth.type,
    headerName: '',
    headerValue: '',
    username: '',
    password: '',
    tokenUrl: '',
    clientId: '',
    clientSecret: '',
    scope: '',
    audience: '',
  };
  if (auth.type === 'api_key') Object.assign(input, { headerName: auth.header_name, headerValue: auth.value });
  if (auth.type === 'basic') Object.assign(input, { username: auth.username, password: auth.password });
  if (auth.type === 'oauth2') {
    Object.assign(input, {
      tokenUrl: auth.token_url,
      clientId: auth.client_id,
      clientSecret: auth.client_secret,
      scope: auth.scope ?? '',
      audience: auth.audience ?? '',
      clientAuthMethod: auth.client_auth_method,
    });
  }
  return input;
}

export function createWebhookRequest(body: CreateWebhookBody, context: registryV1.CreateWebhookRequest['context']): registryV1.CreateWebhookRequest {
  return {
    context,
    orgId: '',
    name: body.name,
    url: body.url,
    description: body.description,
    eventTypes: body.event_types ? { types: body.event_types } : undefined,
    auth: body.auth ? endpointAuthInput(body.auth) : undefined,
    rateLimitRps: body.rate_limit_rps,
    timeoutSeconds: body.timeout_seconds,
    payload: body.payload,
    signatureScheme: body.signature_scheme,
    retryScheduleSeconds: body.retry_schedule_seconds ? { seconds: body.retry_schedule_seconds } : undefined,
    ordering: body.ordering,
    filterJson: body.filter ? JSON.stringify(body.filter) : undefined,
  };
}

export function updateWebhookRequest(
  webhookId: string,
  body: UpdateWebhookBody,
  context: registryV1.UpdateWebhookRequest['context'],
): registryV1.UpdateWebhookRequest {
  return {
    context,
    webhookId,
    orgId: '',
    name: body.name,
    description: body.description === null ? '' : body.description,
    url: body.url,
    eventTypes: body.event_types ? { types: body.event_types } : undefined,
    allEventTypes: body.event_types === null ? true : undefined,
    auth: body.auth ? endpointAuthInput(body.auth) : undefined,
    rateLimitRps: body.rate_limit_rps,
    timeoutSeconds: body.timeout_seconds,
    status: body.status,
    payload: body.payload,
    retryScheduleSeconds: body.retry_schedule_seconds === undefined ? undefined : { seconds: body.retry_schedule_seconds ?? [] },
    ordering: body.ordering,
    filterJson: body.filter === undefined ? undefined : body.filter === null ? '' : JSON.stringify(body.filter),
  };
}
