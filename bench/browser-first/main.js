// From files chosen in an <input type=file> to the first number on the page, timed from the
// input's change event: houfu (`datasetFromFiles` + `compute`, the 14 indicators of
// bench/first-number.mjs by county) or duckdb-wasm (the Parquet files read with hyparquet into
// Arrow, inserted as Arrow IPC, then the hand-written SQL of bench/first-number-sql.mjs).
// ?mode=houfu|duckdb. The result is left in window.__result.
import { compute, datasetFromFiles, toObjects } from '@houfu/core';
import { catalog } from '@houfu/indicators';
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { Bool, Float64, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { handRows, handSql } from '../first-number-sql.mjs';

const HAND_IDS = [
  'four_musts.training', 'four_musts.employment', 'four_musts.land', 'four_musts.income', 'four_musts.all',
  'employment.rate', 'employment.labor_households', 'employment.zero_households', 'employment.employed_persons',
  'services.med_insurance_transfer', 'services.health_facility_coverage', 'services.police_room_coverage',
  'services.schools_per_10k', 'services.medical_facilities_per_10k',
];
const SQL_TABLES = ['persons', 'households', 'sites', 'facilities', 'management_units'];
const mode = new URLSearchParams(location.search).get('mode') ?? 'houfu';
const show = (text) => (document.getElementById('first').textContent = text);

async function houfu(files, t0) {
  const bytes = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const t1 = performance.now();
  const ds = await datasetFromFiles(bytes);
  const t2 = performance.now();
  const defs = HAND_IDS.map((id) => catalog.find((d) => d.id === id));
  const rows = toObjects(await compute(ds, defs, { by: 'county' }));
  show(`${rows[0].indicator_id} ${rows[0].area_code}: ${rows[0].value}`);
  const t3 = performance.now();
  const n = (x) => Number(x ?? 0);
  const lines = rows.map((r) => `${r.indicator_id}|${r.area_code}|${n(r.numerator)}|${n(r.denominator)}|${n(r.unknown)}`).sort();
  return { total: t3 - t0, read: t1 - t0, load: t2 - t1, compute: t3 - t2, lines };
}

/** A Parquet file as an Arrow table (hyparquet's columns; text, booleans and numbers). */
async function parquetToArrow(file) {
  const buffer = await file.arrayBuffer();
  const meta = parquetMetadata(buffer);
  const n = Number(meta.num_rows);
  const cols = {};
  for (const el of meta.schema.slice(1)) cols[el.name] = new Array(n).fill(null);
  await parquetRead({
    file: buffer,
    metadata: meta,
    onChunk(chunk) {
      const target = cols[chunk.columnName];
      for (let i = 0; i < chunk.columnData.length && chunk.rowStart + i < chunk.rowEnd; i++) target[chunk.rowStart + i] = chunk.columnData[i];
    },
  });
  const vectors = {};
  for (const [name, values] of Object.entries(cols)) {
    const v = values.find((x) => x !== null && x !== undefined);
    const type = typeof v === 'boolean' ? new Bool() : typeof v === 'number' || typeof v === 'bigint' ? new Float64() : new Utf8();
    vectors[name] = vectorFromArray(type instanceof Float64 ? values.map((x) => (x === null ? null : Number(x))) : values, type);
  }
  return new Table(vectors);
}

async function startDuckDB() {
  const t = performance.now();
  const bundle = await duckdb.selectBundle({ mvp: { mainModule: mvpWasm, mainWorker: mvpWorker }, eh: { mainModule: ehWasm, mainWorker: ehWorker } });
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  // No network: an extension autoload would hang; fail fast instead.
  await conn.query('SET autoload_known_extensions=false');
  await conn.query('SET autoinstall_known_extensions=false');
  return { conn, start: performance.now() - t };
}

async function duck(files, t0, db) {
  const { conn } = await db;
  const t1 = performance.now();
  for (const t of SQL_TABLES) {
    const f = files.find((x) => x.name === `${t}.parquet`);
    if (!f) throw new Error(`${t}.parquet was not chosen`);
    await conn.insertArrowFromIPCStream(tableToIPC(await parquetToArrow(f), 'stream'), { name: t, create: true });
  }
  const t2 = performance.now();
  const result = await conn.query(handSql(Object.fromEntries(SQL_TABLES.map((t) => [t, t]))));
  const rows = result.toArray().map((r) => r.toJSON());
  show(`four_musts.training ${rows[0].county}: ${Number(rows[0].tr_n)} / ${Number(rows[0].tr_d)}`);
  const t3 = performance.now();
  return { total: t3 - t0, wait: t1 - t0, load: t2 - t1, compute: t3 - t2, start: (await db).start, lines: handRows(rows) };
}

const db = mode === 'duckdb' ? startDuckDB() : null;
const input = document.getElementById('files');
input.addEventListener('change', () => {
  const t0 = performance.now();
  const files = [...input.files];
  (mode === 'duckdb' ? duck(files, t0, db) : houfu(files, t0)).then(
    (r) => {
      window.__result = r;
      document.getElementById('out').textContent = JSON.stringify({ ...r, lines: r.lines.length }, null, 2);
    },
    (e) => (window.__result = { error: String(e && e.stack ? e.stack : e) }),
  );
});
(db ?? Promise.resolve()).then(() => (window.__ready = true), (e) => (window.__result = { error: String(e) }));
