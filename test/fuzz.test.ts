/**
 * Fuzzing the readers: random truncations and byte mutations of a valid persons file (the hand
 * fixture's, as CSV, Arrow IPC stream and Parquet), seeded and bounded in time. houfu's reading
 * runs in a worker thread that is ended after a deadline, so a hang fails the test instead of
 * stalling the suite. Each input must give a finding, or numbers equal to those implied by an
 * independent reader of the same bytes (fuzz/csv-reader.ts, fuzz/arrow-reader.ts, DuckDB's
 * Parquet reader); never a crash, never a stack trace or an internal message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { tableToIPC } from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute, datasetFromColumns, toObjects, type Dataset, type RawColumns, type TableName } from '@houfu/core';
import { loadDataset, tableBytes } from '@houfu/core/node';
import { catalog } from '@houfu/indicators';
import { readArrowStream } from './fuzz/arrow-reader.js';
import { readCsv } from './fuzz/csv-reader.js';

const HAND = fileURLToPath(new URL('./fixtures/hand', import.meta.url));
const INTERNAL = /Cannot read propert|undefined is not|is not a function|is not iterable|\n\s+at .+:\d+:\d+|TypeError|RangeError|Maximum call stack/;
const DEADLINE_MS = 20_000;
const TIME_LIMIT_MS = 12_000;

interface Reply {
  readonly crash?: string;
  readonly findings?: { severity: string; code: string; message: string; messageZh: string }[];
  readonly numbers?: unknown[] | null;
}

let worker: Worker;
let next = 0;
const start = (): Worker => new Worker(new URL('./fuzz/worker.mjs', import.meta.url));

/** Read files in the worker; 'hang' when it does not answer in time (the worker is then replaced). */
function inWorker(files: { name: string; bytes: Uint8Array }[]): Promise<Reply | 'hang'> {
  const id = next++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      worker.removeListener('message', onMessage);
      void worker.terminate();
      worker = start();
      resolve('hang');
    }, DEADLINE_MS);
    const onMessage = (m: Reply & { id: number }) => {
      if (m.id !== id) return;
      clearTimeout(timer);
      worker.removeListener('message', onMessage);
      resolve(m);
    };
    worker.on('message', onMessage);
    worker.postMessage({ id, files: files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })) });
  });
}

/** A mutation of a byte array. */
type Mutation = { kind: 'cut'; at: number } | { kind: 'flip'; edits: { at: number; byte: number }[] } | { kind: 'delete' | 'duplicate'; at: number; n: number };

const interesting = fc.constantFrom(0x2c, 0x22, 0x0a, 0x0d, 0x00, 0x3b, 0xff, 0x80, 0x20, 0x31);
const mutation = (len: number): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.integer({ min: 0, max: len - 1 }) }),
    fc.record({
      kind: fc.constant('flip' as const),
      edits: fc.array(fc.record({ at: fc.integer({ min: 0, max: len - 1 }), byte: fc.oneof(fc.integer({ min: 0, max: 255 }), interesting) }), { minLength: 1, maxLength: 4 }),
    }),
    fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.integer({ min: 0, max: len - 1 }), n: fc.integer({ min: 1, max: 24 }) }),
  );

function apply(b: Uint8Array, m: Mutation): Uint8Array {
  switch (m.kind) {
    case 'cut':
      return b.slice(0, m.at);
    case 'flip': {
      const c = b.slice();
      for (const e of m.edits) c[e.at] = e.byte;
      return c;
    }
    case 'delete':
      return new Uint8Array([...b.subarray(0, m.at), ...b.subarray(m.at + m.n)]);
    case 'duplicate':
      return new Uint8Array([...b.subarray(0, m.at + m.n), ...b.subarray(m.at, m.at + m.n), ...b.subarray(m.at + m.n)]);
  }
}

let clean: Dataset;
let others: { name: string; bytes: Uint8Array }[];
let otherColumns: Partial<Record<TableName, RawColumns>>;

beforeAll(async () => {
  worker = start();
  clean = await loadDataset(HAND);
  others = readdirSync(HAND)
    .filter((n) => n.endsWith('.csv') && n !== 'persons.csv')
    .map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(HAND, n))) }));
  otherColumns = {};
  for (const f of others) {
    const r = readCsv(f.bytes);
    if ('malformed' in r) throw new Error(`${f.name}: ${r.malformed}`);
    otherColumns[f.name.replace('.csv', '') as TableName] = r.columns;
  }
});
afterAll(async () => worker?.terminate());

/** The numbers an independent reading of persons implies (undefined when that reading is invalid). */
async function oracle(persons: RawColumns): Promise<unknown[] | undefined> {
  const ds = datasetFromColumns({ ...otherColumns, persons });
  if (ds.findings.some((f) => f.severity === 'error')) return undefined;
  return toObjects(await compute(ds, catalog, { by: ['site', 'county'] }));
}

/** The common checks of one fuzzed input; returns the reply when houfu accepted it. */
function checked(r: Reply | 'hang', what: string): Reply | undefined {
  expect(r, `${what}: the reader hung`).not.toBe('hang');
  const reply = r as Reply;
  expect(reply.crash, `${what}: crashed`).toBeUndefined();
  for (const f of reply.findings ?? []) expect(`${f.message}\n${f.messageZh}`, what).not.toMatch(INTERNAL);
  return reply.numbers ? reply : undefined;
}

const settings = (seed: number) => ({ seed, numRuns: 60, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, endOnFailure: true });

describe('fuzzed readers', () => {
  it('CSV: a finding, or the numbers of an independent reading', async () => {
    const bytes = new Uint8Array(readFileSync(join(HAND, 'persons.csv')));
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(mutation(bytes.length), async (m) => {
        const b = apply(bytes, m);
        const what = JSON.stringify(m);
        const reply = checked(await inWorker([...others, { name: 'persons.csv', bytes: b }]), what);
        if (!reply) return;
        accepted++;
        const read = readCsv(b);
        expect('malformed' in read ? read.malformed : undefined, `${what}: accepted, but the bytes are malformed`).toBeUndefined();
        const expected = await oracle((read as { columns: RawColumns }).columns);
        expect(expected, `${what}: accepted, but an independent reading has errors`).toBeDefined();
        expect(reply.numbers, what).toEqual(expected);
      }),
      settings(2026),
    );
    expect(accepted, 'some mutations are valid data').toBeGreaterThan(0);
  });

  it('Arrow IPC stream: a finding, or the numbers of an independent reading', async () => {
    const bytes = tableToIPC(clean.tables.persons!, 'stream');
    await fc.assert(
      fc.asyncProperty(mutation(bytes.length), async (m) => {
        const b = apply(bytes, m);
        const what = JSON.stringify(m);
        const reply = checked(await inWorker([...others, { name: 'persons.arrow', bytes: b }]), what);
        if (!reply) return;
        const read = readArrowStream(b);
        expect('malformed' in read ? read.malformed : undefined, `${what}: accepted, but the bytes are malformed`).toBeUndefined();
        const r = read as { columns: RawColumns; ended: boolean };
        if (!r.ended) expect(reply.findings!.map((f) => f.code), `${what}: an unterminated stream is said to be`).toContain('unterminated_stream');
        expect(reply.numbers, what).toEqual(await oracle(r.columns));
      }),
      settings(17),
    );
  });

  it('Parquet: a finding, or the numbers of an independent reading', async () => {
    const bytes = tableBytes(clean.tables.persons!, 'parquet');
    const { parquetOracle, closeOracle } = await import('./fuzz/parquet-reader.js');
    const cleanNumbers = await oracle((readCsv(new Uint8Array(readFileSync(join(HAND, 'persons.csv')))) as { columns: RawColumns }).columns);
    try {
      await fc.assert(
        fc.asyncProperty(mutation(bytes.length), async (m) => {
          const b = apply(bytes, m);
          const what = JSON.stringify(m);
          const reply = checked(await inWorker([...others, { name: 'persons.parquet', bytes: b }]), what);
          if (!reply) return;
          const read = await parquetOracle(b);
          // DuckDB is stricter than the format (it refuses, e.g., stray bits after the last
          // run of a page): what it refuses may pass only when no value changed.
          if ('malformed' in read) expect(reply.numbers, `${what}: accepted what DuckDB refuses (${read.malformed}), with other numbers`).toEqual(cleanNumbers);
          else expect(reply.numbers, what).toEqual(await oracle(read.columns));
        }),
        settings(4),
      );
    } finally {
      await closeOracle();
    }
  });
});
