import { Client } from 'pg';
import { parseCertificates, producerKey, signAuditRecord, verifyExport, type ProducerKey } from '@hookline/contract';
import { withTransaction } from '@hookline/db';
import { createGrpcClient } from '@hookline/grpc';
import { BatchingProducer, createKafka, topicNames } from '@hookline/kafka';
import { createLogger } from '@hookline/logging';
import { auditV1, eventsV1, type commonV1 } from '@hookline/proto';
import { foreignTls, testDatabaseUrl, testKafkaBrokers, testKafkaSecurity, testKafkaServiceEnv, testTls, testTlsDir, uniqueSuffix, uniqueTopicPrefix, waitFor } from '@hookline/testing';
import { startAudit, type AuditConfig, type RunningAudit } from './app';
import { canonicalRecord, chainHash, GENESIS_HASH } from './chain/record-hash';
import { rowToEntry } from './db/record-rows';

const logger = createLogger('audit-test', 'silent');
const schema = `t_audit_${uniqueSuffix()}`;
const prefix = uniqueTopicPrefix();
const topic = topicNames(prefix).audit;
const checkpointKey = 'k'.repeat(40);

/** The audit service's own principal on the broker (set before any audit starts). */
let auditKafkaEnv: Record<string, string> = {};
const config = (overrides: Partial<AuditConfig> = {}): AuditConfig => ({
  LOG_LEVEL: 'silent',
  DATABASE_URL: testDatabaseUrl,
  KAFKA_BROKERS: testKafkaBrokers,
  HOOKLINE_TOPIC_PREFIX: prefix,
  HOOKLINE_REGISTRY_ADDR: '127.0.0.1:1',
  HOOKLINE_INGESTION_ADDR: '127.0.0.1:1',
  HOOKLINE_DISPATCHER_ADDR: '127.0.0.1:1',
  HOOKLINE_AUDIT_ADDR: '127.0.0.1:1',
  OTEL_SDK_DISABLED: true,
  KAFKA_SSL: false,
  HOOKLINE_BIND_HOST: '127.0.0.1',
  HOOKLINE_TLS_DIR: testTlsDir,
  HOOKLINE_AUDIT_PORT: 0,
  HOOKLINE_AUDIT_OPS_PORT: 0,
  HOOKLINE_AUDIT_DB_SCHEMA: schema,
  HOOKLINE_AUDIT_DB_ROLE: 'hookline_audit_writer',
  HOOKLINE_AUDIT_CONSUMER_GROUP: `${prefix}audit-store`,
  HOOKLINE_AUDIT_RETENTION_DAYS: 30,
  HOOKLINE_AUDIT_CHECKPOINT_KEY: checkpointKey,
  HOOKLINE_AUDIT_RETENTION_INTERVAL_MS: 3_600_000,
  HOOKLINE_AUDIT_TOPIC_PARTITIONS: 3,
  HOOKLINE_CONSUMER_PROGRESS_MS: 500,
  HOOKLINE_CONSUMER_STUCK_AFTER_SECONDS: 120,
  ...(auditKafkaEnv as Partial<AuditConfig>),
  ...overrides,
});

const operator: commonV1.RequestContext = { actor: { kind: 'operator', keyId: '', owner: 'operator', role: '', orgId: '' }, requestId: '', ip: '', userAgent: '' };
const adminOf = (orgId: string, role = 'admin'): commonV1.RequestContext => ({
  actor: { kind: 'api_key', keyId: `key_${orgId}`, owner: 'alice', role, orgId },
  requestId: '',
  ip: '',
  userAgent: '',
});

const keyOf = (service: 'gateway' | 'registry' | 'ingestion' | 'audit') => producerKey(testTls(service).cert, testTls(service).key);
const producers: Record<string, ProducerKey> = { access: keyOf('gateway'), change: keyOf('registry') };
/** The record as its producer sends it: signed by the gateway (access) or the registry (change). */
const signed = (r: eventsV1.AuditRecord, key = producers[r.kind]): eventsV1.AuditRecord => signAuditRecord(r, key);
const encode = (r: eventsV1.AuditRecord) => Buffer.from(eventsV1.AuditRecord.encode(r).finish());

let counter = 0;
function record(orgId: string, overrides: Partial<eventsV1.AuditRecord> = {}): eventsV1.AuditRecord {
  counter += 1;
  return {
    id: `aud_${uniqueSuffix()}${counter}`,
    orgId,
    kind: 'access',
    actorKind: 'api_key',
    actorKeyId: 'key_alice',
    actorOwner: 'alice',
    actorRole: 'admin',
    action: 'webhook.list',
    resourceType: 'webhook',
    resourceId: '',
    requestId: `req_${counter}`,
    ip: '203.0.113.7',
    userAgent: 'curl/8',
    httpStatus: 200,
    outcome: 'success',
    latencyMs: 3,
    time: new Date().toISOString(),
    beforeJson: '',
    afterJson: '',
    source: 'gateway',
    signature: Buffer.alloc(0),
    signerCertificate: Buffer.alloc(0),
    ...overrides,
  };
}

describe('audit service against real Kafka and PostgreSQL', () => {
  const kafka = createKafka({ brokers: testKafkaBrokers, security: testKafkaSecurity(testKafkaBrokers), clientId: 'audit-test', logger });
  const producer = new BatchingProducer(kafka);
  const superuser = new Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
  let audit: RunningAudit;
  let client: ReturnType<typeof createGrpcClient<typeof auditV1.AuditServiceService>>;

  const publish = (records: eventsV1.AuditRecord[]) =>
    producer.send(
      topic,
      records.map((r) => ({ key: r.orgId, value: encode(signed(r)) })),
    );
  const verify = (orgId: string) => client.verifyChain({ context: operator, orgId });
  const storedCount = async (orgId: string) =>
    Number((await superuser.query('select count(*) from audit_record where org_id = $1', [orgId])).rows[0].count);
  const waitForCount = (orgId: string, n: number) => waitFor(async () => (await storedCount(orgId)) === n, { timeoutMs: 20_000, message: `${n} records of ${orgId}` });

  /** Stores `n` records for a fresh org and returns the org id and the records. */
  async function chainOf(n: number): Promise<{ orgId: string; records: eventsV1.AuditRecord[] }> {
    const orgId = `org_${uniqueSuffix()}`;
    const records = Array.from({ length: n }, (_, i) => record(orgId, { action: i % 2 ? 'webhook.update' : 'webhook.create', resourceId: `wh_${i}` }));
    await publish(records);
    await waitForCount(orgId, n);
    return { orgId, records };
  }

  /** Runs SQL as a superuser with triggers off, the way an attacker with database access would. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await withTransaction(superuser, async (client) => {
      await client.query('set local session_replication_role = replica');
      for (const statement of sql.split(';')) await client.query(statement, params);
    });
  }

  beforeAll(async () => {
    auditKafkaEnv = await testKafkaServiceEnv('audit', prefix);
    audit = await startAudit(config(), logger);
    client = createGrpcClient(auditV1.AuditServiceService, `127.0.0.1:${audit.grpcPort}`, { tls: testTls('gateway'), peerName: 'audit' });
    await producer.connect();
    await superuser.connect();
  });

  afterAll(async () => {
    client?.close();
    await audit?.stop();
    await producer.disconnect();
    await superuser.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await superuser.end();
  });

  it('stores records and chains them per org: sequence 1..N, each hash covering the previous', async () => {
    const { orgId, records } = await chainOf(5);
    const listed = await client.listAuditRecords({ context: adminOf(orgId), orgId, page: { limit: 100, cursor: '' } });
    const chain = [...listed.records].reverse();
    expect(chain.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(chain.map((r) => r.record!.id)).toEqual(records.map((r) => r.id));
    let prev = GENESIS_HASH;
    const rows = (await superuser.query('select * from audit_record where org_id = $1 order by sequence', [orgId])).rows.map(rowToEntry);
    for (const [i, stored] of chain.entries()) {
      expect(stored.prevHash).toBe(prev);
      expect(stored.producer).toBe('gateway');
      expect(JSON.parse(stored.canonicalJson)).toMatchObject({ signer: 'gateway', signature: stored.record!.signature.toString('base64') });
      expect(stored.canonicalJson).toBe(canonicalRecord(rows[i], stored.sequence));
      expect(stored.hash).toBe(chainHash(prev, stored.canonicalJson));
      prev = stored.hash;
    }
    expect(chain[0].record).toMatchObject({ ip: '203.0.113.7', userAgent: 'curl/8', actorKeyId: 'key_alice', httpStatus: 200, outcome: 'success' });
    await expect(verify(orgId)).resolves.toMatchObject({ valid: true, records: 5, head: prev, headSequence: 5, producers: [{ producer: 'gateway', records: 5 }], unsignedRecords: 0 });
  });

  it('an org without records verifies as an empty chain', async () => {
    await expect(verify(`org_${uniqueSuffix()}`)).resolves.toMatchObject({ valid: true, records: 0, head: '' });
  });

  it('duplicate deliveries of a record neither add an entry nor fork the chain', async () => {
    const { orgId, records } = await chainOf(3);
    const marker = record(orgId);
    await publish([...records, records[1], marker]);
    await waitFor(async () => (await superuser.query('select 1 from audit_record where id = $1', [marker.id])).rowCount === 1, { message: 'the marker record' });
    expect(await storedCount(orgId)).toBe(4);
    await expect(verify(orgId)).resolves.toMatchObject({ valid: true, records: 4 });
  });

  it('re-consuming the whole topic from the beginning (a new consumer group) adds nothing', async () => {
    const { orgId } = await chainOf(3);
    const before = Number((await superuser.query('select count(*) from audit_record')).rows[0].count);
    const groupId = `${prefix}audit-store-replay`;
    const replay = await startAudit(config({ HOOKLINE_AUDIT_CONSUMER_GROUP: groupId }), logger);
    try {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const ends = await admin.fetchTopicOffsets(topic);
        await waitFor(
          async () => {
            const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
            const offset = (partition: number) => committed.partitions.find((p) => p.partition === partition)?.offset;
            return ends.every((end) => end.high === end.low || offset(end.partition) === end.high);
          },
          { timeoutMs: 30_000, message: 'the replay group to reach the end of the topic' },
        );
      } finally {
        await admin.disconnect();
      }
    } finally {
      await replay.stop();
    }
    expect(Number((await superuser.query('select count(*) from audit_record')).rows[0].count)).toBe(before);
    await expect(verify(orgId)).resolves.toMatchObject({ valid: true, records: 3 });
  });

  describe('tampering as a superuser is found at the first broken record', () => {
    it('editing a record: hash_mismatch at that record', async () => {
      const { orgId, records } = await chainOf(6);
      await tamper('update audit_record set outcome = $3 where org_id = $1 and sequence = $2', [orgId, 4, 'failure']);
      await expect(verify(orgId)).resolves.toMatchObject({ valid: false, records: 3, broken: { sequence: 4, id: records[3].id, reason: 'hash_mismatch' } });
    });

    it('editing a record and recomputing its hash: its producer signature no longer verifies, at that record', async () => {
      const { orgId, records } = await chainOf(6);
      const row = rowToEntry((await superuser.query('select * from audit_record where org_id = $1 and sequence = 2', [orgId])).rows[0]);
      const hash = chainHash(row.prevHash, canonicalRecord({ ...row, actorOwner: 'mallory' }, 2));
      await tamper('update audit_record set actor_owner = $3, hash = $4 where org_id = $1 and sequence = $2', [orgId, 2, 'mallory', hash]);
      await expect(verify(orgId)).resolves.toMatchObject({ valid: false, records: 1, broken: { sequence: 2, id: records[1].id, reason: 'producer_invalid' } });
    });

    it('stripping the signature of the newest record and rewriting its hash and the head: producer_unsigned', async () => {
      const { orgId, records } = await chainOf(3);
      const row = rowToEntry((await superuser.query('select * from audit_record where org_id = $1 and sequence = 3', [orgId])).rows[0]);
      const hash = chainHash(row.prevHash, canonicalRecord({ ...row, signature: '', signer: '', signerCertificateSha256: '' }, 3));
      await tamper(
        `update audit_record set signature = '', signer = '', signer_certificate_sha256 = '', hash = $2 where org_id = $1 and sequence = 3;` +
          'update chain_head set hash = $2 where org_id = $1',
        [orgId, hash],
      );
      await expect(verify(orgId)).resolves.toMatchObject({ valid: false, records: 2, broken: { sequence: 3, id: records[2].id, reason: 'producer_unsigned' } });
    });

    it('deleting a record: sequence_gap at the record after it', async () => {
      const { orgId, records } = await chainOf(6);
      await tamper('delete from audit_record where org_id = $1 and sequence = $2', [orgId, 3]);
      await expect(verify(orgId)).resolves.toMatchObject({
        valid: false,
        records: 2,
        broken: { sequence: 4, id: records[3].id, reason: 'sequence_gap', expectedSequence: 3 },
      });
    });

    it('deleting the newest record: head_mismatch after the last stored record', async () => {
      const { orgId } = await chainOf(4);
      await tamper('delete from audit_record where org_id = $1 and sequence = $2', [orgId, 4]);
      await expect(verify(orgId)).resolves.toMatchObject({ valid: false, records: 3, broken: { sequence: 4, reason: 'head_mismatch' } });
    });

    it('reordering two records: reordered at the first moved one', async () => {
      const { orgId, records } = await chainOf(6);
      await tamper(
        'update audit_record set sequence = -2 where org_id = $1 and sequence = 2;' +
          'update audit_record set sequence = 2 where org_id = $1 and sequence = 5;' +
          'update audit_record set sequence = 5 where org_id = $1 and sequence = -2',
        [orgId],
      );
      await expect(verify(orgId)).resolves.toMatchObject({ valid: false, records: 1, broken: { sequence: 2, id: records[4].id, reason: 'reordered' } });
    });

    it('an untouched chain still verifies', async () => {
      const { orgId } = await chainOf(6);
      await expect(verify(orgId)).resolves.toMatchObject({ valid: true, records: 6 });
    });
  });

  describe('records that cannot be stored as they are', () => {
    it('an undecodable message is dead-lettered (a named gap in its org\'s chain), a signed record with NUL in its string fields is stored escaped, and the good record behind them on the same partition is stored', async () => {
      const orgId = `org_${uniqueSuffix()}`;
      const nul = record(orgId);
      // Every string field but the kind, which must name one its producer may emit.
      const withNul = Object.fromEntries(Object.entries(nul).map(([field, value]) => [field, typeof value === 'string' && field !== 'kind' ? `${value}\0x` : value])) as eventsV1.AuditRecord;
      const good = record(orgId, { action: 'webhook.create' });
      const dead = async () => {
        const body = await (await fetch(`http://127.0.0.1:${audit.opsPort}/metrics`)).text();
        return Number(/^hookline_consumer_dead_letters_total\{[^}]*consumer="audit-store"[^}]*\} (\d+)/m.exec(body)?.[1] ?? 0);
      };
      const deadBefore = await dead();
      // Signed over its stored form (the NULs escaped): what the audit service checks on arrival.
      const { signature, signerCertificate } = signed(withNul);
      // All three on one partition, in this order (the NUL record's key would hash elsewhere).
      const raw = kafka.producer();
      await raw.connect();
      await raw.send({
        topic,
        messages: [
          { key: orgId, value: Buffer.from([0xff, 0xff, 0xff, 0xff]), partition: 0 },
          { key: withNul.orgId, value: encode({ ...withNul, signature, signerCertificate }), partition: 0 },
          { key: orgId, value: encode(signed(good)), partition: 0 },
        ],
      });
      await raw.disconnect();

      await waitFor(async () => (await superuser.query('select 1 from audit_record where id = $1', [good.id])).rowCount === 1, { message: 'the good record' });
      const escaped = await superuser.query('select org_id, action, user_agent from audit_record where id = $1', [`${nul.id}\\u0000x`]);
      expect(escaped.rows).toEqual([{ org_id: `${orgId}\\u0000x`, action: 'webhook.list\\u0000x', user_agent: 'curl/8\\u0000x' }]);
      expect((await verify(`${orgId}\\u0000x`)).valid).toBe(true);

      const letters = await superuser.query('select key, value, error from dead_letter where consumer = $1 and partition = 0', ['audit-store']);
      expect(letters.rows.map((row) => [row.key.toString(), row.value.toString('hex')])).toContainEqual([orgId, 'ffffffff']);
      expect(await dead()).toBe(deadBefore + 1);
      const verdict = await verify(orgId);
      expect(verdict.valid).toBe(false);
      expect(verdict.broken).toMatchObject({ reason: 'dead_lettered', sequence: 1 });
      expect(verdict.records).toBe(2);
      const readyz = await (await fetch(`http://127.0.0.1:${audit.opsPort}/readyz`)).json();
      expect(readyz).toMatchObject({ ready: true, consumers: [{ name: 'audit-store', state: 'running', healthy: true }] });
    });
  });

  describe('records must prove their producer', () => {
    it('forged records — unsigned, signed by a service not allowed to emit them, by a certificate from another CA, altered after signing, or a gap entry — are dead-lettered with their reason and never enter a chain; verify stays valid and names the producer of every record', async () => {
      const orgId = `org_${uniqueSuffix()}`;
      const genuineAccess = record(orgId, { action: 'webhook.list' });
      const genuineChange = record(orgId, { kind: 'change', action: 'api_key.create', source: 'registry', httpStatus: 0 });
      const forgedRevoke = (overrides: Partial<eventsV1.AuditRecord> = {}) =>
        record(orgId, { kind: 'change', actorKind: 'operator', actorOwner: 'operator', action: 'api_key.revoke', resourceId: 'key_victim', source: 'registry', httpStatus: 0, ...overrides });
      const altered = signed(forgedRevoke({ actorOwner: 'alice' }), producers.change);
      const forged: { name: string; reason: string; value: eventsV1.AuditRecord }[] = [
        { name: 'unsigned', reason: 'unsigned', value: forgedRevoke() },
        { name: 'signed by ingestion', reason: 'producer_not_allowed', value: signed(forgedRevoke(), keyOf('ingestion')) },
        { name: 'a change signed by the gateway', reason: 'producer_not_allowed', value: signed(forgedRevoke(), producers.access) },
        { name: 'a registry certificate from another CA', reason: 'certificate_not_from_ca', value: signed(forgedRevoke(), producerKey(foreignTls('registry').cert, foreignTls('registry').key)) },
        { name: 'altered after signing', reason: 'signature_invalid', value: { ...altered, actorOwner: 'operator' } },
        { name: 'a gap entry signed by the audit service', reason: 'store_only_kind', value: signed(forgedRevoke({ kind: 'gap' }), keyOf('audit')) },
      ];
      const dead = async () => {
        const body = await (await fetch(`http://127.0.0.1:${audit.opsPort}/metrics`)).text();
        return Number(/^hookline_consumer_dead_letters_total\{[^}]*consumer="audit-store"[^}]*\} (\d+)/m.exec(body)?.[1] ?? 0);
      };
      const deadBefore = await dead();

      // One partition, in order: genuine, the forgeries, genuine; the last one stored means every forgery was handled.
      const raw = kafka.producer();
      await raw.connect();
      await raw.send({
        topic,
        messages: [
          { key: orgId, value: encode(signed(genuineAccess)), partition: 0 },
          ...forged.map((f) => ({ key: orgId, value: encode(f.value), partition: 0 })),
          { key: orgId, value: encode(signed(genuineChange)), partition: 0 },
        ],
      });
      await raw.disconnect();
      await waitForCount(orgId, 2);
      await waitFor(async () => (await dead()) === deadBefore + forged.length, { message: 'every forgery dead-lettered' });

      const stored = await superuser.query('select id, signer from audit_record where org_id = $1 order by sequence', [orgId]);
      expect(stored.rows).toEqual([
        { id: genuineAccess.id, signer: 'gateway' },
        { id: genuineChange.id, signer: 'registry' },
      ]);
      const letters = await superuser.query<{ value: Buffer; error: string }>('select value, error from dead_letter where consumer = $1 and key = $2', ['audit-store', Buffer.from(orgId)]);
      const reasons = Object.fromEntries(letters.rows.map((row) => [eventsV1.AuditRecord.decode(row.value).id, row.error]));
      for (const f of forged) expect({ forgery: f.name, error: reasons[f.value.id] }).toEqual({ forgery: f.name, error: expect.stringContaining(f.reason) });

      await expect(verify(orgId)).resolves.toMatchObject({
        valid: true,
        records: 2,
        producers: [
          { producer: 'gateway', records: 1 },
          { producer: 'registry', records: 1 },
        ],
        unsignedRecords: 0,
        signedFromSequence: 1,
      });
      const listed = await client.listAuditRecords({ context: adminOf(orgId), orgId, page: { limit: 10, cursor: '' } });
      expect(listed.records.map((r) => [r.record!.id, r.producer])).toEqual([
        [genuineChange.id, 'registry'],
        [genuineAccess.id, 'gateway'],
      ]);
    });

    it('an export verifies offline: hashes and producer signatures against the CA, without the platform', async () => {
      const { orgId } = await chainOf(3);
      await publish([record(orgId, { kind: 'change', action: 'webhook.create', source: 'registry' })]);
      await waitForCount(orgId, 4);
      const page = await client.exportAuditRecords({ context: adminOf(orgId), orgId, createdAfter: '', createdBefore: '', cursor: '', limit: 0 });
      // The lines GET /v1/audit-logs/export writes.
      const lines = page.records.map((r) => JSON.stringify({ ...JSON.parse(r.canonicalJson), hash: r.hash, prev_hash: r.prevHash, signer_certificate: r.signerCertificatePem }));
      const cas = parseCertificates(testTls('audit').ca);
      expect(verifyExport(lines, { cas })).toEqual({ valid: true, records: 4, firstSequence: 1, lastSequence: 4, producers: { gateway: 3, registry: 1 }, unsignedRecords: 0 });
      expect(verifyExport(lines, { cas: parseCertificates(foreignTls('audit').cert) }).broken).toMatchObject({ line: 1, reason: 'producer_invalid' });
    });
  });

  describe('append-only', () => {
    it('the trigger refuses UPDATE and DELETE even for a superuser (until it is disabled)', async () => {
      const { orgId } = await chainOf(1);
      await expect(superuser.query('update audit_record set outcome = $2 where org_id = $1', [orgId, 'x'])).rejects.toThrow(/append-only/);
      await expect(superuser.query('update chain_head set signed_from = 100 where org_id = $1', [orgId])).rejects.toThrow(/signed_from is fixed/);
      await expect(superuser.query('delete from audit_record where org_id = $1', [orgId])).rejects.toThrow(/append-only/);
      await expect(superuser.query('truncate audit_record')).rejects.toThrow(/append-only/);
    });

    it('the service role holds no UPDATE or DELETE privilege on audit records', async () => {
      const { orgId } = await chainOf(1);
      const asService = new Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema} -c role=hookline_audit_writer` });
      await asService.connect();
      try {
        await expect(asService.query(`set hookline.audit_pruning = 'on'`).then(() => asService.query('delete from audit_record where org_id = $1', [orgId]))).rejects.toThrow(/permission denied/);
        await expect(asService.query('update audit_record set outcome = $2 where org_id = $1', [orgId, 'x'])).rejects.toThrow(/permission denied/);
      } finally {
        await asService.end();
      }
      expect(await storedCount(orgId)).toBe(1);
    });
  });

  describe('queries', () => {
    it('an admin of org A never sees org B: cross-org reads are not found, lists hold only A', async () => {
      const a = await chainOf(2);
      const b = await chainOf(2);
      const listA = await client.listAuditRecords({ context: adminOf(a.orgId), orgId: a.orgId, page: { limit: 100, cursor: '' } });
      expect(listA.records.map((r) => r.record!.orgId)).toEqual([a.orgId, a.orgId]);
      await expect(client.listAuditRecords({ context: adminOf(a.orgId), orgId: b.orgId })).rejects.toMatchObject({ kind: 'not_found', code: 'organization_not_found' });
      await expect(client.verifyChain({ context: adminOf(a.orgId), orgId: b.orgId })).rejects.toMatchObject({ kind: 'not_found', code: 'organization_not_found' });
      await expect(client.exportAuditRecords({ context: adminOf(a.orgId), orgId: b.orgId, createdAfter: '', createdBefore: '', cursor: '', limit: 0 })).rejects.toMatchObject({ kind: 'not_found', code: 'organization_not_found' });
      await expect(client.listAuditRecords({ context: adminOf(a.orgId, 'viewer'), orgId: a.orgId })).rejects.toMatchObject({ kind: 'permission', code: 'forbidden' });
    });

    it('filters by actor, action prefix, resource, outcome and time; pages newest first both ways', async () => {
      const orgId = `org_${uniqueSuffix()}`;
      const old = new Date(Date.now() - 3_600_000).toISOString();
      const records = [
        record(orgId, { action: 'webhook.create', resourceId: 'wh_1', actorKeyId: 'key_bob', actorOwner: 'bob', time: old }),
        record(orgId, { action: 'webhook.update', resourceId: 'wh_1', outcome: 'failure', httpStatus: 400 }),
        record(orgId, { action: 'events.list', actorKind: 'anonymous', actorKeyId: '', actorOwner: '', outcome: 'denied', httpStatus: 401 }),
        record(orgId, { action: 'webhook.delete', resourceId: 'wh_2', kind: 'change' }),
        record(orgId, { action: 'webhook.list', outcome: 'rate_limited', httpStatus: 429 }),
      ];
      await publish(records);
      await waitForCount(orgId, 5);
      const ids = async (filter: Partial<auditV1.AuditRecordFilter>) =>
        (await client.listAuditRecords({ context: adminOf(orgId), orgId, filter: { actor: '', actionPrefix: '', resourceId: '', outcome: '', createdAfter: '', createdBefore: '', kind: '', ...filter } })).records.map((r) => r.record!.id);
      const id = (i: number) => records[i].id;
      expect(await ids({})).toEqual([id(4), id(3), id(2), id(1), id(0)]);
      expect(await ids({ actionPrefix: 'webhook.' })).toEqual([id(4), id(3), id(1), id(0)]);
      expect(await ids({ actionPrefix: 'webhook.create' })).toEqual([id(0)]);
      expect(await ids({ actor: 'key_bob' })).toEqual([id(0)]);
      expect(await ids({ actor: 'anonymous' })).toEqual([id(2)]);
      expect(await ids({ resourceId: 'wh_1' })).toEqual([id(1), id(0)]);
      expect(await ids({ outcome: 'rate_limited' })).toEqual([id(4)]);
      expect(await ids({ kind: 'change' })).toEqual([id(3)]);
      expect(await ids({ createdBefore: new Date(Date.now() - 60_000).toISOString() })).toEqual([id(0)]);
      expect(await ids({ createdAfter: new Date(Date.now() - 60_000).toISOString() })).toHaveLength(4);

      const page1 = await client.listAuditRecords({ context: adminOf(orgId), orgId, page: { limit: 2, cursor: '' } });
      expect(page1.records.map((r) => r.record!.id)).toEqual([id(4), id(3)]);
      expect(page1.page!.prevCursor).toBe('');
      const page2 = await client.listAuditRecords({ context: adminOf(orgId), orgId, page: { limit: 2, cursor: page1.page!.nextCursor } });
      expect(page2.records.map((r) => r.record!.id)).toEqual([id(2), id(1)]);
      const page3 = await client.listAuditRecords({ context: adminOf(orgId), orgId, page: { limit: 2, cursor: page2.page!.nextCursor } });
      expect(page3.records.map((r) => r.record!.id)).toEqual([id(0)]);
      expect(page3.page!.nextCursor).toBe('');
      const back = await client.listAuditRecords({ context: adminOf(orgId), orgId, page: { limit: 2, cursor: page2.page!.prevCursor } });
      expect(back.records.map((r) => r.record!.id)).toEqual([id(4), id(3)]);
      await expect(client.listAuditRecords({ context: adminOf(orgId), orgId, page: { limit: 2, cursor: 'nope' } })).rejects.toMatchObject({ kind: 'input', param: 'cursor' });

      // Export: chain order (oldest first), paged, within a time range.
      const exported: string[] = [];
      let cursor = '';
      do {
        const page = await client.exportAuditRecords({ context: adminOf(orgId), orgId, createdAfter: new Date(Date.now() - 60_000).toISOString(), createdBefore: '', cursor, limit: 3 });
        exported.push(...page.records.map((r) => r.record!.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(exported).toEqual([id(1), id(2), id(3), id(4)]);
    });
  });

  describe('retention', () => {
    it('pruning an expired prefix leaves a signed checkpoint from which the chain still verifies', async () => {
      const orgId = `org_${uniqueSuffix()}`;
      const expired = Array.from({ length: 3 }, () => record(orgId, { time: new Date(Date.now() - 40 * 86_400_000).toISOString() }));
      const recent = Array.from({ length: 2 }, () => record(orgId));
      await publish([...expired, ...recent]);
      await waitForCount(orgId, 5);

      await audit.pruneNow();
      expect(await storedCount(orgId)).toBe(2);
      const verdict = await verify(orgId);
      expect(verdict).toMatchObject({ valid: true, records: 2, checkpointSequence: 3, headSequence: 5 });

      // The chain keeps growing from its head after pruning.
      await publish([record(orgId)]);
      await waitForCount(orgId, 3);
      await expect(verify(orgId)).resolves.toMatchObject({ valid: true, records: 3, checkpointSequence: 3, headSequence: 6 });

      // A forged checkpoint (hiding a rewritten prefix) does not verify.
      await tamper('update chain_checkpoint set hash = $2 where org_id = $1', [orgId, 'f'.repeat(64)]);
      await expect(verify(orgId)).resolves.toMatchObject({ valid: false, broken: { reason: 'checkpoint_invalid', sequence: 3 } });
    });
  });
});
