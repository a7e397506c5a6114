import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAFKA_SERVICES } from './acl-plan';
import { ensureKafkaCredentials, kafkaSaslEnv, kafkaSaslFor, readKafkaCredentials } from './credentials';

const file = () => join(mkdtempSync(join(tmpdir(), 'kafka-credentials-')), 'credentials.json');

describe('the broker users file', () => {
  it('gives the administrator and every service a random password, readable by its owner only', () => {
    const path = file();
    const { credentials, changed } = ensureKafkaCredentials(path);
    expect(changed).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Object.keys(credentials.users).sort()).toEqual(['hookline-admin', ...KAFKA_SERVICES.map((s) => `hookline-${s}`)].sort());
    expect(new Set(Object.values(credentials.users)).size).toBe(KAFKA_SERVICES.length + 1);
    expect(Object.values(credentials.users).every((password) => password.length >= 32)).toBe(true);
  });

  it('keeps the passwords it has and reports only a missing user as a change (the storage is then formatted again)', () => {
    const path = file();
    const first = ensureKafkaCredentials(path).credentials;
    expect(ensureKafkaCredentials(path)).toEqual({ credentials: first, changed: false });
    const { ['hookline-audit']: _dropped, ...rest } = first.users;
    writeFileSync(path, JSON.stringify({ ...first, users: rest }));
    const again = ensureKafkaCredentials(path);
    expect(again.changed).toBe(true);
    expect(again.credentials.users['hookline-ingestion']).toBe(first.users['hookline-ingestion']);
    expect(again.credentials.users['hookline-audit']).not.toBe(first.users['hookline-audit']);
  });

  it("hands a service its own user only, the tools the administrator's", () => {
    const path = file();
    const { credentials } = ensureKafkaCredentials(path);
    const env = kafkaSaslEnv(readKafkaCredentials(path), 'dispatcher');
    expect(env).toEqual({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'hookline-dispatcher', KAFKA_SASL_PASSWORD: credentials.users['hookline-dispatcher'] });
    expect(JSON.stringify(env)).not.toContain(credentials.users['hookline-admin']);
    expect(kafkaSaslFor(credentials).sasl).toMatchObject({ username: 'hookline-admin', password: credentials.users['hookline-admin'] });
  });

  it('refuses a file that is not a credentials file, naming it', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ users: {} }));
    expect(() => readKafkaCredentials(path)).toThrow(path);
    expect(readFileSync(path, 'utf8')).toContain('users');
  });
});
