import { commonEnv, ConfigError, loadConfig, port } from './index';

describe('loadConfig', () => {
  const shape = { HOOKLINE_GATEWAY_PORT: port(8080), ...commonEnv };

  it('applies defaults when variables are unset or empty', () => {
    const config = loadConfig(shape, { HOOKLINE_GATEWAY_PORT: '' });
    expect(config.HOOKLINE_GATEWAY_PORT).toBe(8080);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:9092');
  });

  it('coerces numbers', () => {
    expect(loadConfig(shape, { HOOKLINE_GATEWAY_PORT: '9000' }).HOOKLINE_GATEWAY_PORT).toBe(9000);
  });

  it('names the variable and the bad value', () => {
    let error: unknown;
    try {
      loadConfig(shape, { HOOKLINE_GATEWAY_PORT: '99999', KAFKA_BROKERS: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('HOOKLINE_GATEWAY_PORT');
    expect(message).toContain('"99999"');
    expect(message).toContain('KAFKA_BROKERS');
  });
});

describe('LOG_FORMAT', () => {
  const shape = { ...commonEnv };
  it('is json when unset, pretty when asked, and refuses anything else naming the variable', () => {
    expect(loadConfig(shape, {}).LOG_FORMAT ?? 'json').toBe('json');
    expect(loadConfig(shape, { LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(() => loadConfig(shape, { LOG_FORMAT: 'colour' })).toThrow(/LOG_FORMAT/);
  });
});
