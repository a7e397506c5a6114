import { messageValue } from '@hookline/kafka';
import { eventsV1 } from '@hookline/proto';
import type { Event } from './event';

/** The protobuf value of an event on the events topic. */
export function encodeEventMessage(event: Event): Buffer {
  return messageValue(eventsV1.Event.encode(event).finish());
}

export function decodeEventMessage(value: Buffer): Event {
  const message = eventsV1.Event.decode(value);
  return {
    id: message.id,
    orgId: message.orgId,
    type: message.type,
    source: message.source,
    time: message.time,
    isTest: message.isTest,
    dataJson: message.dataJson,
    targetWebhookId: message.targetWebhookId,
    idempotencyKey: message.idempotencyKey,
    group: message.group,
  };
}
