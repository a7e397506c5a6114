/** What the envelope is built from: the published event's public fields. */
export interface EnvelopedEvent {
  id: string;
  type: string;
  source: string;
  time: string;
  isTest: boolean;
  /** The event's data as JSON; empty = `{}`. */
  dataJson: string;
}

/** The envelope JSON of DESIGN §3, built once at fan-out and sent unchanged on every attempt. */
export function envelopeJson(event: EnvelopedEvent): string {
  return (
    `{"id":${JSON.stringify(event.id)},"object":"event","type":${JSON.stringify(event.type)},` +
    `"source":${JSON.stringify(event.source)},"time":${JSON.stringify(event.time)},` +
    `"is_test":${event.isTest ? 'true' : 'false'},"data":${event.dataJson || '{}'}}`
  );
}
