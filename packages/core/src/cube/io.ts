/**
 * Cubes as bytes: Parquet (the metadata in the file's key-value metadata) or Arrow IPC (in
 * the schema's metadata), and back, checking every cell. Browser-safe: bytes in, bytes out.
 */
import { Schema, Table, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { HoufuError } from '../errors.js';
import { decodeVector } from '../io/decode-columns.js';
import { readParquetValues } from '../io/parquet.js';
import { ERROR_TEXT } from '../messages/index.js';
import { cubeTable } from './build.js';
import type { IndicatorDefinition } from '../model/indicator.js';
import { CUBE_META_KEY, CUBE_PARTS, CUBE_VERSION, cubeColumns, groupColumn, measuresHash, type Cube, type CubeMeta } from './meta.js';

/** File formats of a cube. */
export type CubeFormat = 'parquet' | 'arrow';

/** The cube format a file name stands for (`.parquet`, or `.arrow`/`.feather`/`.ipc`), or undefined. */
export function cubeFormatOf(name: string): CubeFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext === 'parquet' ? 'parquet' : ext === 'arrow' || ext === 'feather' || ext === 'ipc' ? 'arrow' : undefined;
}

/**
 * The bytes of a cube file: Parquet (default) or Arrow IPC, the metadata stored under the key
 * `houfu.cube` as JSON.
 * @example await writeFile('cube.parquet', writeCube(cube));
 */
export function writeCube(cube: Cube, format: CubeFormat = 'parquet'): Uint8Array {
  const meta = JSON.stringify(cube.meta);
  const t = cube.table;
  if (format === 'arrow') {
    const schema = new Schema(t.schema.fields, new Map([[CUBE_META_KEY, meta]]));
    return tableToIPC(new Table(schema, t.batches), 'file');
  }
  const columnData = t.schema.fields.map((f) => ({
    name: f.name,
    data: decodeVector(t.getChild(f.name)!),
    type: (CUBE_PARTS as readonly string[]).includes(f.name) ? ('DOUBLE' as const) : ('STRING' as const),
  }));
  return new Uint8Array(parquetWriteBuffer({ columnData, kvMetadata: [{ key: CUBE_META_KEY, value: meta }] }));
}

const bad = (detail: string): HoufuError => new HoufuError('io', ERROR_TEXT.notACube(detail));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Parse and check the metadata text of a cube. */
export function parseCubeMeta(text: string | undefined): CubeMeta {
  if (text === undefined) throw bad(`it carries no "${CUBE_META_KEY}" metadata`);
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw bad(`its metadata is not JSON (${(e as Error).message})`);
  }
  if (!isObject(m)) throw bad('its metadata is not an object');
  if (m['version'] !== CUBE_VERSION) throw new HoufuError('io', ERROR_TEXT.cubeVersion(String(m['version']), CUBE_VERSION));
  if (m['grain'] !== 'site' && m['grain'] !== 'unit') throw bad(`unknown grain ${JSON.stringify(m['grain'])}`);
  if (!isStrings(m['periods'])) throw bad('"periods" is not a list of periods');
  if (!isStrings(m['breakdown'])) throw bad('"breakdown" is not a list of column names');
  if (typeof m['engine'] !== 'string') throw bad('"engine" is missing');
  const inds = m['indicators'];
  if (!Array.isArray(inds)) throw bad('"indicators" is not a list');
  for (const x of inds) {
    if (!isObject(x) || typeof x['id'] !== 'string' || typeof x['measuresHash'] !== 'string' || typeof x['periodic'] !== 'boolean')
      throw bad('an indicator entry lacks id, measuresHash or periodic');
    if (!isStrings(x['periodicParts']) || !x['periodicParts'].every((p) => (CUBE_PARTS as readonly string[]).includes(p)))
      throw bad(`indicator ${x['id']}: "periodicParts" is not a list of parts`);
    const d = x['definition'];
    if (!isObject(d) || d['id'] !== x['id'] || !isObject(d['numerator']) || !isObject(d['denominator']))
      throw bad(`indicator ${x['id']}: its definition is missing`);
    const target = d['target'];
    if (
      !['rate', 'ratio', 'count'].includes(d['kind'] as string) ||
      typeof d['factor'] !== 'number' ||
      !Number.isFinite(d['factor']) ||
      !(target === null || (isObject(target) && typeof target['value'] === 'number' && ['at_least', 'at_most'].includes(target['direction'] as string)))
    )
      throw bad(`indicator ${x['id']}: its definition lacks a valid kind, factor or target`);
    if (measuresHash(d as unknown as IndicatorDefinition) !== x['measuresHash']) throw bad(`indicator ${x['id']}: its definition does not match its measuresHash`);
  }
  const areas = m['areas'];
  const sites = isObject(areas) ? areas['sites'] : undefined;
  if (!isObject(areas) || !isObject(sites) || !isStrings(sites['site_id']) || !isStrings(sites['county_code']) || !isStrings(sites['prefecture_code']) || !Array.isArray(sites['site_name']))
    throw bad('"areas" does not list the sites with their counties and prefectures');
  const n = sites['site_id'].length;
  if (sites['county_code'].length !== n || sites['prefecture_code'].length !== n || sites['site_name'].length !== n) throw bad('"areas.sites" lists differ in length');
  const units = areas['units'];
  if (units !== null && !(isObject(units) && isStrings(units['unit_id']) && isStrings(units['site_id']) && units['unit_id'].length === units['site_id'].length))
    throw bad('"areas.units" is not a list of units with their sites');
  if (m['grain'] === 'unit' && units === null) throw bad('a cube by unit must list its units');
  return m as unknown as CubeMeta;
}

/** Check the columns of a cube against its metadata and build its table. */
export function cubeFromColumns(meta: CubeMeta, columns: Readonly<Record<string, readonly unknown[]>>): Cube {
  const expected = [...cubeColumns(meta.grain).slice(0, 3), ...meta.breakdown, ...CUBE_PARTS];
  const names = Object.keys(columns);
  for (const c of expected) if (!(c in columns)) throw bad(`column ${c} is missing`);
  for (const c of names) if (!expected.includes(c)) throw bad(`column ${c} is not a cube column`);
  const n = columns['indicator_id']!.length;
  for (const c of expected) if (columns[c]!.length !== n) throw bad(`column ${c} has ${columns[c]!.length} values, expected ${n}`);

  const ids = new Set(meta.indicators.map((x) => x.id));
  const groups = new Set(meta.grain === 'unit' ? meta.areas.units!.unit_id : meta.areas.sites.site_id);
  const periods = new Set(meta.periods);
  const cell = (row: number, column: string, detail: string) => new HoufuError('io', ERROR_TEXT.cubeBadCell(row + 1, column, detail));
  const text = (c: string, allowNull: boolean, ok: (v: string) => boolean, what: string): (string | null)[] => {
    const values = columns[c]!;
    return Array.from(values, (v, i) => {
      if (v === null || v === undefined) {
        if (allowNull) return null;
        throw cell(i, c, 'empty');
      }
      if (typeof v !== 'string' || !ok(v)) throw cell(i, c, `${JSON.stringify(v)} is not ${what}`);
      return v;
    });
  };
  const gc = groupColumn(meta.grain);
  const indicatorId = text('indicator_id', false, (v) => ids.has(v), 'an indicator of the cube');
  const group = text(gc, false, (v) => groups.has(v), `a ${meta.grain} listed in the cube`);
  const period = text('period', true, (v) => periods.has(v), 'a period of the cube');
  const bcols = meta.breakdown.map((b) => text(b, true, () => true, 'text'));
  const parts = CUBE_PARTS.map((p) =>
    Array.from(columns[p]!, (v, i) => {
      const x = typeof v === 'bigint' ? Number(v) : v;
      if (typeof x !== 'number' || !Number.isFinite(x)) throw cell(i, p, `${String(v)} is not a finite number`);
      return x;
    }),
  );
  return { table: cubeTable(meta.grain, meta.breakdown, indicatorId, group, period, bcols, parts), meta };
}

/**
 * Read a cube from Parquet or Arrow IPC bytes, checking its metadata and every cell.
 * Throws a HoufuError (code `io`) naming what is wrong.
 * @example const cube = await readCube(new Uint8Array(await file.arrayBuffer()));
 */
export async function readCube(bytes: Uint8Array): Promise<Cube> {
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic === 'PAR1') {
    let text: string | undefined;
    let columns: Record<string, unknown[]>;
    try {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      // Readers load on first use: pages that never read a cube do not carry them.
      const { parquetMetadata } = await import('hyparquet');
      text = parquetMetadata(buffer).key_value_metadata?.find((kv) => kv.key === CUBE_META_KEY)?.value;
      columns = await readParquetValues(bytes);
    } catch (e) {
      throw bad(`unreadable Parquet (${(e as Error).message})`);
    }
    return cubeFromColumns(parseCubeMeta(text), columns);
  }
  let t: Table;
  try {
    const { tableFromIPC } = await import('apache-arrow');
    t = tableFromIPC(bytes);
  } catch (e) {
    throw bad(`neither Parquet nor Arrow IPC (${(e as Error).message})`);
  }
  const meta = parseCubeMeta(t.schema.metadata.get(CUBE_META_KEY));
  const columns: Record<string, unknown[]> = {};
  for (const f of t.schema.fields) columns[f.name] = decodeVector(t.getChild(f.name)!);
  return cubeFromColumns(meta, columns);
}
