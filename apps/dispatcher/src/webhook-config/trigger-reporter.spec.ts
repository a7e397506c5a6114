import { createLogger } from '@hookline/logging';
import { TriggerReporter } from './trigger-reporter';

type Report = { webhookId: string; triggeredAt: string }[];

function reporterWith(fail = () => false) {
  const reports: Report[] = [];
  const registry = {
    recordWebhookTriggers: async (request: { triggers: Report }) => {
      if (fail()) throw new Error('registry unreachable');
      reports.push(request.triggers);
      return {};
    },
  };
  const reporter = new TriggerReporter(registry as never, createLogger('test', 'silent'), 60_000, 30_000);
  return { reporter, reports };
}

const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 12, 0, s));

describe('TriggerReporter', () => {
  it("reports a webhook's first trigger at once and its later ones at most every period, the latest always", async () => {
    const { reporter, reports } = reporterWith();
    reporter.note('wh_a', at(0));
    await reporter.flush(false, at(0).getTime());
    expect(reports).toEqual([[{ webhookId: 'wh_a', triggeredAt: at(0).toISOString() }]]);

    reporter.note('wh_a', at(5));
    reporter.note('wh_a', at(9));
    reporter.note('wh_b', at(9));
    await reporter.flush(false, at(10).getTime());
    // wh_a was reported 10 s ago: it waits; wh_b is new.
    expect(reports[1]).toEqual([{ webhookId: 'wh_b', triggeredAt: at(9).toISOString() }]);

    await reporter.flush(false, at(30).getTime());
    expect(reports[2]).toEqual([{ webhookId: 'wh_a', triggeredAt: at(9).toISOString() }]);
    await reporter.flush(false, at(59).getTime());
    expect(reports).toHaveLength(3);
    await reporter.stop();
  });

  it('offers a report the registry refused again, and sends everything pending on stop', async () => {
    let down = true;
    const { reporter, reports } = reporterWith(() => down);
    reporter.note('wh_a', at(0));
    await reporter.flush(false, at(0).getTime());
    expect(reports).toHaveLength(0);
    down = false;
    await reporter.flush(false, at(1).getTime());
    expect(reports).toEqual([[{ webhookId: 'wh_a', triggeredAt: at(0).toISOString() }]]);

    reporter.note('wh_a', at(2));
    await reporter.stop();
    expect(reports[1]).toEqual([{ webhookId: 'wh_a', triggeredAt: at(2).toISOString() }]);
  });
});
