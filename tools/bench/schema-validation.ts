// The cost of schema-checked publishing (DESIGN §3): compiling a catalog type's data schema once,
// and checking one event's data against it, beside the JSON.parse ingestion does on every publish
// anyway. No platform: one process, one thread.
//   node --import tsx tools/bench/schema-validation.ts [iterations=200000]
// The schema is the example catalog's transfer.completed; the data is the bench's event
// (tools/bench/publishing.ts makeData) at its default 1 KiB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compileDataSchema } from '@hookline/contract';
import { makeData } from './publishing';

const iterations = Number(process.argv[2] ?? 200_000);
const catalog = parseYaml(readFileSync(join(__dirname, '../../deploy/catalog/example-catalog.yaml'), 'utf8')) as { event_types: { type: string; schema: object }[] };
const schema = catalog.event_types.find((t) => t.type === 'transfer.completed')!.schema;
const dataJson = makeData(1024)(1);
const matching = JSON.parse(dataJson) as Record<string, unknown>;
const failing = { ...matching, amount: 0 };

function time(label: string, count: number, run: (i: number) => unknown): number {
  let sink: unknown;
  for (let i = 0; i < Math.min(count, 10_000); i++) sink = run(i); // warm up (JIT)
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink = run(i);
  const ns = Number(process.hrtime.bigint() - started) / count;
  if (sink === Symbol.for('never')) console.log(sink);
  console.log(`${label.padEnd(52)} ${ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`} per call (${Math.round(1e9 / ns).toLocaleString('en')}/s)`);
  return ns;
}

console.log(`node ${process.version}, ${iterations.toLocaleString('en')} iterations, data ${Buffer.byteLength(dataJson)} bytes`);
time('compile the schema (once per type and version)', 200, () => compileDataSchema(schema));
const validate = compileDataSchema(schema);
if (validate(matching) || !validate(failing)) throw new Error('the validator does not answer as expected');
const parse = time('JSON.parse of the data (every publish, already)', iterations, () => JSON.parse(dataJson));
const check = time('validate matching data (enforce or warn)', iterations, () => validate(matching));
time('validate data that breaks it (first violation)', iterations, () => validate(failing));
console.log(`validation adds ${(check / parse).toFixed(2)}× the parse ingestion does anyway`);
