import { Writable } from 'node:stream';
import { createLogger, type LogFormat } from './index';

function capture(format: LogFormat) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('registry', 'info', format, destination), text: () => chunks.join('') };
}

describe('log formats', () => {
  it('json (the default for deployments): one object a line with level, time, service, message and fields', () => {
    const { logger, text } = capture('json');
    logger.info({ schema: 'registry' }, 'database ready');
    const record = JSON.parse(text().trim());
    expect(record).toMatchObject({ level: 'info', service: 'registry', msg: 'database ready', schema: 'registry' });
    expect(record.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('pretty: time, level, service and message on one line with the key fields; a stack trace as real lines', () => {
    const { logger, text } = capture('pretty');
    logger.info({ schema: 'registry', port: 50051 }, 'database ready');
    logger.error({ err: new Error('connection refused') }, 'catalog load failed');
    const lines = text().split('\n');
    expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: registry: database ready \{"schema":"registry","port":50051\}$/);
    expect(lines[1]).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] ERROR: registry: catalog load failed/);
    expect(lines.some((line) => /^\s+Error: connection refused$/.test(line))).toBe(true);
    expect(lines.some((line) => /^\s+at .*logging\.spec\.ts/.test(line))).toBe(true);
    expect(text()).not.toContain('\\n    at');
  });

  it('redacts secrets in both formats', () => {
    for (const format of ['json', 'pretty'] as const) {
      const { logger, text } = capture(format);
      logger.info({ webhook: { signing_secret: 'whsec_abc' } }, 'created');
      expect(text()).not.toContain('whsec_abc');
      expect(text()).toContain('[redacted]');
    }
  });
});
