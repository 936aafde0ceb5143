// One cold DuckDB process of the first-number benchmark: native DuckDB (`@duckdb/node-api`)
// runs the hand-written SQL straight over the dataset's Parquet or CSV files (DuckDB's own
// readers; CSV types inferred) and writes the rows it found, one per line, to --out.
// Usage: node bench/first-number-duckdb.mjs --data DIR --format parquet|csv --out FILE
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { handRows, handSql } from './first-number-sql.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const require = createRequire(new URL('../packages/core/package.json', import.meta.url));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const dir = resolve(args.data);
const read = args.format === 'csv' ? 'read_csv' : 'read_parquet';
const tables = Object.fromEntries(
  ['persons', 'households', 'sites', 'facilities', 'management_units'].map((t) => [t, `${read}('${dir}/${t}.${args.format}')`]),
);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const reader = await conn.runAndReadAll(handSql(tables));
writeFileSync(args.out, handRows(reader.getRowObjectsJS()).join('\n') + '\n');
