import type { CallContext } from '@hookline/grpc';
import { InputError, isDomainError } from '@hookline/errors';
import type { ingestionV1 } from '@hookline/proto';
import type { PublishCommand, PublishOutcome } from '../publish/publish-command';
import type { Publisher } from '../publish/publisher';
import { toEventObject } from './event-object';

export const MAX_BATCH_EVENTS = 500;

function toCommand(request: ingestionV1.PublishRequest): PublishCommand {
  return {
    orgId: request.orgId,
    type: request.type,
    dataJson: request.dataJson,
    idempotencyKey: request.idempotencyKey,
    isTest: request.isTest,
    targetWebhookId: request.targetWebhookId,
  };
}

function toResult(outcome: PublishOutcome): ingestionV1.PublishResult {
  if ('error' in outcome) {
    const error = outcome.error;
    return {
      event: undefined,
      duplicate: false,
      error: isDomainError(error)
        ? { code: error.code, message: error.message, param: error.param ?? '' }
        : { code: 'internal', message: 'internal error', param: '' },
    };
  }
  return { event: toEventObject(outcome.event), duplicate: outcome.duplicate, error: undefined };
}

export function publishRpc(publisher: Publisher) {
  return {
    async publish(request: ingestionV1.PublishRequest, ctx: CallContext): Promise<ingestionV1.PublishResponse> {
      const [outcome] = await publisher.publish([toCommand(request)], ctx.traceparent, ctx.signal);
      if ('error' in outcome) throw outcome.error;
      return { event: toEventObject(outcome.event), duplicate: outcome.duplicate };
    },

    async publishBatch(request: ingestionV1.PublishBatchRequest, ctx: CallContext): Promise<ingestionV1.PublishBatchResponse> {
      if (request.events.length > MAX_BATCH_EVENTS) {
        throw new InputError(`a batch holds at most ${MAX_BATCH_EVENTS} events`, { param: 'events', code: 'batch_too_large' });
      }
      const outcomes = await publisher.publish(request.events.map(toCommand), ctx.traceparent, ctx.signal);
      return { results: outcomes.map(toResult) };
    },
  };
}
