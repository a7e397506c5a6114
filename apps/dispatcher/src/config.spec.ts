import { loadConfig } from '@hookline/config';
import { dispatcherEnv } from './config';

describe('dispatcher config', () => {
  const problems = (env: Record<string, string>): string => {
    try {
      loadConfig(dispatcherEnv, env);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('refuses a retry schedule longer than the archive keeps event bodies, naming the variable', () => {
    expect(problems({ HOOKLINE_RETRY_SCHEDULE_SECONDS: Array(21).fill(86_400).join(',') })).toMatch(/HOOKLINE_RETRY_SCHEDULE_SECONDS: must last at most 1728000 seconds/);
    expect(problems({ HOOKLINE_RETRY_SCHEDULE_SECONDS: Array(20).fill(86_400).join(',') })).not.toMatch(/HOOKLINE_RETRY_SCHEDULE_SECONDS/);
    expect(loadConfig(dispatcherEnv, { HOOKLINE_RETRY_SCHEDULE_SECONDS: '0.5,1' }).HOOKLINE_RETRY_SCHEDULE_SECONDS).toEqual([0.5, 1]);
  });
});
