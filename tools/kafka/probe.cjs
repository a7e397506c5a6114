#!/usr/bin/env node
// Readiness probe for the local Kafka broker (used by kafka.sh).
//
//   node probe.cjs [--broker 127.0.0.1:9092] [--credentials FILE] [--timeout-ms 0] [--pid N] [--warm]
//
// With --credentials (the broker's credentials.json), it signs in as the administrator
// (SCRAM-SHA-256); exit 3 when the broker refuses that (e.g. an older plaintext broker answers).
// Exit 0 once the broker really answers (kafkajs admin.listTopics), 1 on
// timeout, 2 if --pid is given and that process dies while waiting.
// --timeout-ms 0 = single attempt. --warm additionally forces creation of
// __consumer_offsets (FindCoordinator) so the first consumer group in a test
// does not pay for it.
// Falls back to a raw ApiVersions request if kafkajs is not installed.
'use strict';

const net = require('net');

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const broker = opt('--broker', '127.0.0.1:9092');
const timeoutMs = Number(opt('--timeout-ms', '0'));
const pid = opt('--pid', '') ? Number(opt('--pid', '')) : 0;
const warm = args.includes('--warm');
const credentialsFile = opt('--credentials', '');
const [host, portStr] = broker.split(':');
const port = Number(portStr);

let kafkajs = null;
try {
  kafkajs = require('kafkajs');
} catch {
  kafkajs = null;
}

function adminSasl() {
  if (!credentialsFile) return undefined;
  try {
    const { mechanism, users } = JSON.parse(require('fs').readFileSync(credentialsFile, 'utf8'));
    return { mechanism, username: 'hookline-admin', password: users['hookline-admin'] };
  } catch {
    return undefined;
  }
}
const sasl = adminSasl();
let refused = false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function alive(p) {
  try {
    process.kill(p, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// Raw ApiVersions v0 round trip (no dependencies).
function rawApiVersions(ms) {
  return new Promise((resolve) => {
    const clientId = Buffer.from('hookline-probe');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
    body.writeInt16BE(18, 0); // ApiVersions
    body.writeInt16BE(0, 2); // v0
    body.writeInt32BE(4242, 4); // correlation id
    body.writeInt16BE(clientId.length, 8);
    clientId.copy(body, 10);
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length, 0);
    let buf = Buffer.alloc(0);
    const sock = net.connect({ host, port });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(ms, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write(Buffer.concat([size, body])));
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 10) {
        done(buf.readInt32BE(4) === 4242 && buf.readInt16BE(8) === 0);
      }
    });
  });
}

async function kafkajsCheck(ms) {
  const { Kafka, logLevel } = kafkajs;
  const kafka = new Kafka({
    clientId: 'hookline-probe',
    brokers: [broker],
    ...(sasl ? { sasl } : {}),
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(ms, 1000),
    requestTimeout: Math.max(ms, 1000),
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch (error) {
    // A listener that does not take the administrator's sign-in: waiting will not change that.
    refused = sasl !== undefined && /SASL|authentication|Connection closed|ILLEGAL_SASL_STATE/i.test(`${error && error.name} ${error && error.message}`);
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function warmUp(deadline) {
  if (!kafkajs) return;
  const { Kafka, logLevel } = kafkajs;
  const kafka = new Kafka({
    clientId: 'hookline-probe',
    brokers: [broker],
    ...(sasl ? { sasl } : {}),
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const work = Promise.all([
    // FindCoordinator(group) → auto-creates __consumer_offsets, waits for it.
    admin.connect().then(() => admin.describeGroups(['__hookline_kafka_warmup'])),
    // InitProducerId → first idempotent producer does not hit
    // COORDINATOR_LOAD_IN_PROGRESS on a freshly started broker.
    producer.connect(),
  ]).catch(() => {
    /* best effort */
  });
  await Promise.race([work, sleep(Math.max(1000, deadline - Date.now()))]);
  await Promise.all([admin.disconnect().catch(() => {}), producer.disconnect().catch(() => {})]);
}

(async () => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = kafkajs ? await kafkajsCheck(1500) : await rawApiVersions(1500);
    if (ok) {
      if (warm) await warmUp(deadline);
      process.exit(0);
    }
    if (pid && !alive(pid)) process.exit(2);
    if (refused && !pid) process.exit(3);
    if (Date.now() >= deadline) process.exit(1);
    await sleep(300);
  }
})();
