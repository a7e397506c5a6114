import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from './index';
import { shielded } from './boundary';

const root = join(__dirname, '../../..');

describe('the handler boundary for timers and the process', () => {
  it('a timer job that throws, synchronously or by rejecting, is logged and runs again at its next tick', async () => {
    const lines: string[] = [];
    const logger = createLogger('boundary-test', 'info', 'json', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(
        shielded(logger, 'flaky job', () => {
          ticks++;
          if (ticks === 3) {
            clearInterval(timer);
            resolve();
          }
          if (ticks === 1) throw new Error('sync failure');
          return Promise.reject(new Error('async failure'));
        }),
        1,
      );
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ticks).toBe(3);
    expect(lines.filter((line) => line.includes('flaky job failed')).length).toBeGreaterThanOrEqual(2);
  });

  it('a guarded process logs a rejection nobody handled and goes on; it exits only on purpose', () => {
    const script = `
      const { createLogger, guardProcess } = require(${JSON.stringify(join(root, 'libs/logging/src/index.ts'))});
      guardProcess(createLogger('guarded', 'info', 'json'));
      Promise.reject(new Error('stray rejection'));
      setImmediate(() => setImmediate(() => { console.log('still serving'); process.exit(0); }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout).toContain('a promise was rejected and nobody handled it');
    expect(run.stdout).toContain('still serving');
    expect(run.status).toBe(0);
  });
});
