/** One server-sent event (`id`, `event`, `data` as the stream gave them). */
export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * Splits a `text/event-stream` into events, whatever the chunk boundaries (WHATWG HTML §9.2):
 * `\n`, `\r\n` or `\r` end lines, a blank line ends an event, `:` lines are comments, several
 * `data:` lines join with `\n`, and an event with no data is not dispatched.
 */
export async function* readEventStream(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event: { id?: string; event?: string; data: string[] } = { data: [] };
  const lines = function* (final: boolean): Generator<string> {
    for (;;) {
      const match = /\r\n|\r|\n/.exec(buffer);
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      if (!match || (match[0] === '\r' && match.index === buffer.length - 1 && !final)) return;
      yield buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
    }
  };
  const take = function* (final: boolean): Generator<ServerSentEvent> {
    for (const line of lines(final)) {
      if (line === '') {
        if (event.data.length > 0) yield { ...(event.id === undefined ? {} : { id: event.id }), event: event.event ?? 'message', data: event.data.join('\n') };
        event = { data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') event.data.push(value);
      else if (field === 'event') event.event = value;
      else if (field === 'id' && !value.includes('\0')) event.id = value;
    }
  };
  for await (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    yield* take(false);
  }
  buffer += decoder.decode();
  yield* take(true);
}
