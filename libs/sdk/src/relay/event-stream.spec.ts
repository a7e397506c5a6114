import fc from 'fast-check';
import { readEventStream, type ServerSentEvent } from './event-stream';

async function events(chunks: string[]): Promise<ServerSentEvent[]> {
  const encoder = new TextEncoder();
  async function* source() {
    for (const chunk of chunks) yield encoder.encode(chunk);
  }
  const read: ServerSentEvent[] = [];
  for await (const event of readEventStream(source())) read.push(event);
  return read;
}

const STREAM = 'retry: 2000\n: connected\n\nid: 7\nevent: delivery\ndata: {"a":1}\n\n: keep-alive\n\nid: 8\r\nevent: delivery\r\ndata: line one\r\ndata: line two\r\n\r\nevent: error\ndata: {"message":"é"}\n\n';
const EXPECTED = [
  { id: '7', event: 'delivery', data: '{"a":1}' },
  { id: '8', event: 'delivery', data: 'line one\nline two' },
  { event: 'error', data: '{"message":"é"}' },
];

describe('readEventStream', () => {
  it('reads ids, event names and multi-line data, and skips comments', async () => {
    expect(await events([STREAM])).toEqual(EXPECTED);
  });

  it('reads the same events whatever the chunk boundaries (also inside \\r\\n and a UTF-8 character)', async () => {
    const bytes = Buffer.from(STREAM, 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const encoder = { chunks: points.slice(1).map((end, i) => bytes.subarray(points[i], end)) };
        async function* source() {
          for (const chunk of encoder.chunks) yield chunk;
        }
        const read: ServerSentEvent[] = [];
        for await (const event of readEventStream(source())) read.push(event);
        expect(read).toEqual(EXPECTED);
      }),
    );
  });

  it('drops an event cut off before its blank line', async () => {
    expect(await events(['id: 1\nevent: delivery\ndata: {}'])).toEqual([]);
  });
});
