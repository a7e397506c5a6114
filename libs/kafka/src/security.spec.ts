import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurity } from './security';

const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
const file = (name: string, content: string) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

describe('kafkaSecurity (managed Kafka settings)', () => {
  it('is plaintext with nothing set, as the local broker speaks', () => {
    expect(kafkaSecurity({})).toEqual({});
  });

  it('SASL_SSL with SCRAM: verified TLS against the given CA bundle and the credentials', () => {
    const ca = file('ca.pem', 'CA PEM');
    expect(kafkaSecurity({ KAFKA_SSL: true, KAFKA_SSL_CA_FILE: ca, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'dispatcher', KAFKA_SASL_PASSWORD: 'pw' })).toEqual({
      ssl: { rejectUnauthorized: true, ca: ['CA PEM'] },
      sasl: { mechanism: 'scram-sha-512', username: 'dispatcher', password: 'pw' },
    });
  });

  it('a client certificate turns TLS on and is sent with its key', () => {
    const security = kafkaSecurity({ KAFKA_SSL_CERT_FILE: file('c.pem', 'CERT'), KAFKA_SSL_KEY_FILE: file('k.pem', 'KEY') });
    expect(security.ssl).toEqual({ rejectUnauthorized: true, cert: 'CERT', key: 'KEY' });
  });

  it('refuses settings that cannot work alone, naming the variables', () => {
    expect(() => kafkaSecurity({ KAFKA_SSL_CERT_FILE: file('c2.pem', 'CERT') })).toThrow(/KAFKA_SSL_KEY_FILE/);
    expect(() => kafkaSecurity({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })).toThrow(/KAFKA_SASL_PASSWORD/);
    expect(() => kafkaSecurity({ KAFKA_SSL: true, KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') })).toThrow(/missing\.pem/);
  });
});
