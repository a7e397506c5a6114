import { loadConfig } from '@hookline/config';
import { gatewayEnv } from './config';

const base = { HOOKLINE_OPERATOR_KEY: 'o'.repeat(32) };

describe('gateway configuration: trusted proxies', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig(gatewayEnv, base).HOOKLINE_TRUSTED_PROXIES).toEqual([]);
  });

  it('takes comma-separated addresses and CIDRs', () => {
    expect(loadConfig(gatewayEnv, { ...base, HOOKLINE_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7,fd00::/8' }).HOOKLINE_TRUSTED_PROXIES).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      'fd00::/8',
    ]);
  });

  it.each(['loopback', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/2', '*'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig(gatewayEnv, { ...base, HOOKLINE_TRUSTED_PROXIES: value })).toThrow(/HOOKLINE_TRUSTED_PROXIES: .*is not an IP address or CIDR/);
  });
});
