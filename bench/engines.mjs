// Engines benchmark: four_musts, employment and services by county on generated data, with
// each engine (kernel, arquero, duckdb-wasm, native DuckDB, PostgreSQL when HOUFU_BENCH_PG gives a
// server), each in its own process so that its peak memory is its own. For every SQL engine,
// a hand-written SQL query for the same numbers runs on the same database in the same run
// (the run fails if its numbers differ), and the table gives engine / hand-written.
// Usage: node bench/engines.mjs [--scale 1|5] [--data DIR] [--runs 5] [--engines kernel,arquero,duckdb-wasm,duckdb-native,postgres]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const runs = Number(args.runs ?? 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (args.child) {
  await child(args.child, args.data, runs);
} else {
  const scale = Number(args.scale ?? 1);
  const dir = args.data ?? `.cache/bench/s${scale}`;
  if (!existsSync(`${dir}/persons.arrow`) && !existsSync(`${dir}/persons.parquet`)) {
    console.error(`generating scale ${scale} into ${dir} …`);
    execFileSync(process.execPath, ['packages/cli/dist/main.js', 'generate', '--preset', 'guizhou-2019', '--scale', String(scale), '--seed', '1', '--out', dir], { stdio: 'inherit' });
  }
  const engines = (args.engines ?? `kernel,arquero,duckdb-wasm,duckdb-native${process.env.HOUFU_BENCH_PG ? ',postgres' : ''}`).split(',');
  const ms = (x) => (x === null ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);
  const lines = [
    `# houfu engines benchmark`,
    ``,
    `${dir}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
      `four_musts + employment + services (14 indicators) by county; medians of ${runs} runs after a warm-up run.`,
    ``,
    `| engine | start | load | compute (first) | compute (median, min–max) | hand-written SQL (median) | engine / hand-written | peak RSS |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |`,
  ];
  for (const engine of engines) {
    console.error(`${engine} …`);
    const out = execFileSync(process.execPath, ['--max-old-space-size=8192', 'bench/engines.mjs', '--child', engine, '--data', dir, '--runs', String(runs)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const r = JSON.parse(out.trim().split('\n').pop());
    lines.push(
      `| ${engine} | ${ms(r.start_ms)} | ${ms(r.load_ms)} | ${ms(r.first_ms)} | ${ms(median(r.compute_ms))} (${ms(Math.min(...r.compute_ms))}–${ms(Math.max(...r.compute_ms))}) | ` +
        `${r.hand_ms ? ms(median(r.hand_ms)) : '—'} | ${r.hand_ms ? `${(median(r.compute_ms) / median(r.hand_ms)).toFixed(2)}×` : '—'} | ${Math.round(r.rss_mb)} MB${engine === 'postgres' ? ' (client only)' : ''} |`,
    );
  }
  lines.push('', 'load: files → validated dataset (arquero), plus the copy into the database (DuckDB: Arrow → tables; PostgreSQL: `houfu load`).');
  console.log(lines.join('\n'));
}

/** The hand-written query: every count of the 14 indicators per county, in one statement. */
function handSql(t) {
  const triple = (p, U, O) => [
    `COUNT(*) FILTER (WHERE (${U}) AND (${O})) AS ${p}_n`,
    `COUNT(*) FILTER (WHERE (${U}) AND (${O}) IS NOT NULL) AS ${p}_d`,
    `COUNT(*) FILTER (WHERE (${U}) IS NULL OR ((${U}) AND (${O}) IS NULL)) AS ${p}_u`,
  ].join(', ');
  return `
WITH pc AS (
  SELECT s.county_code AS county, COUNT(*) AS persons,
    ${triple('tr', 'p.is_labor', 'p.trained')}, ${triple('er', 'p.is_labor', 'p.employed')},
    ${triple('ep', 'TRUE', 'p.employed')}, ${triple('md', 'TRUE', 'p.med_insurance_transferred')}
  FROM ${t.persons} p JOIN ${t.households} h ON h.household_id = p.household_id JOIN ${t.sites} s ON s.site_id = h.site_id
  GROUP BY 1),
hp AS (
  SELECT household_id,
    COUNT(*) FILTER (WHERE is_labor) AS lab_t, COUNT(*) FILTER (WHERE is_labor IS NULL) AS lab_u,
    COUNT(*) FILTER (WHERE is_labor AND employed) AS emp_t, COUNT(*) FILTER (WHERE (is_labor AND employed) IS NULL) AS emp_u,
    COUNT(*) FILTER (WHERE is_labor AND NOT trained) AS trn_f, COUNT(*) FILTER (WHERE (NOT is_labor OR trained) IS NULL) AS trn_u
  FROM ${t.persons} GROUP BY 1),
hf AS (
  SELECT s.county_code AS county,
    CASE WHEN COALESCE(hp.lab_t, 0) > 0 THEN TRUE WHEN COALESCE(hp.lab_u, 0) > 0 THEN NULL ELSE FALSE END AS lab,
    CASE WHEN COALESCE(hp.emp_t, 0) > 0 THEN TRUE WHEN COALESCE(hp.emp_u, 0) > 0 THEN NULL ELSE FALSE END AS emp,
    CASE WHEN COALESCE(hp.trn_f, 0) > 0 THEN FALSE WHEN COALESCE(hp.trn_u, 0) > 0 THEN NULL ELSE TRUE END AS trn,
    NOT (h.land_contract = 'none' AND h.land_forest = 'none' AND h.land_homestead = 'none') AS has_land,
    (h.land_contract = 'revitalized' OR h.land_forest = 'revitalized' OR h.land_homestead = 'revitalized') AS land_ok,
    h.stable_income AS inc
  FROM ${t.households} h JOIN ${t.sites} s ON s.site_id = h.site_id LEFT JOIN hp ON hp.household_id = h.household_id),
hc AS (
  SELECT county, ${triple('em', 'lab', 'emp')}, ${triple('la', 'has_land', 'land_ok')}, ${triple('ic', 'TRUE', 'inc')},
    ${triple('al', 'TRUE', 'trn AND (NOT lab OR emp) AND (NOT has_land OR land_ok) AND inc')},
    ${triple('lh', 'TRUE', 'lab')}, ${triple('zh', 'lab', 'NOT emp')}
  FROM hf GROUP BY 1),
sf AS (
  SELECT s.county_code AS county,
    CASE WHEN COALESCE(f.t, 0) > 0 THEN TRUE WHEN COALESCE(f.u, 0) > 0 THEN NULL ELSE FALSE END AS health
  FROM ${t.sites} s LEFT JOIN (
    SELECT site_id, COUNT(*) FILTER (WHERE facility_type = 'health_facility') AS t, COUNT(*) FILTER (WHERE facility_type IS NULL) AS u
    FROM ${t.facilities} GROUP BY 1) f ON f.site_id = s.site_id),
sc AS (SELECT county, ${triple('hc', 'TRUE', 'health')} FROM sf GROUP BY 1),
fc AS (
  SELECT s.county_code AS county, COUNT(*) FILTER (WHERE f.facility_type = 'school') AS schools,
    COUNT(*) FILTER (WHERE f.facility_type = 'health_facility') AS health
  FROM ${t.facilities} f JOIN ${t.sites} s ON s.site_id = f.site_id GROUP BY 1),
uc AS (
  SELECT s.county_code AS county, ${triple('pr', 'u.population >= 3000', 'u.has_police_room')}
  FROM ${t.management_units} u JOIN ${t.sites} s ON s.site_id = u.site_id GROUP BY 1)
SELECT c.county, pc.*, hc.*, sc.*, fc.*, uc.*
FROM (SELECT DISTINCT county_code AS county FROM ${t.sites}) c
LEFT JOIN pc ON pc.county = c.county LEFT JOIN hc ON hc.county = c.county LEFT JOIN sc ON sc.county = c.county
LEFT JOIN fc ON fc.county = c.county LEFT JOIN uc ON uc.county = c.county`;
}

/** Rows (indicator, county, numerator, denominator, unknown) from the hand-written query's columns. */
function handRows(rows) {
  const n = (v) => (v === null || v === undefined ? 0 : Number(v));
  const map = {
    'four_musts.training': 'tr', 'four_musts.employment': 'em', 'four_musts.land': 'la', 'four_musts.income': 'ic', 'four_musts.all': 'al',
    'employment.rate': 'er', 'employment.labor_households': 'lh', 'employment.zero_households': 'zh', 'employment.employed_persons': 'ep',
    'services.med_insurance_transfer': 'md', 'services.health_facility_coverage': 'hc', 'services.police_room_coverage': 'pr',
  };
  const out = [];
  for (const r of rows) {
    for (const [id, p] of Object.entries(map)) out.push(`${id}|${r.county}|${n(r[`${p}_n`])}|${n(r[`${p}_d`])}|${n(r[`${p}_u`])}`);
    out.push(`services.schools_per_10k|${r.county}|${n(r.schools)}|${n(r.persons)}|0`);
    out.push(`services.medical_facilities_per_10k|${r.county}|${n(r.health)}|${n(r.persons)}|0`);
  }
  return out.sort();
}

async function child(engineName, dir, runs) {
  const { compute, toObjects } = await import('../packages/core/dist/index.js');
  const { loadDataset } = await import('../packages/core/dist/node.js');
  const { family } = await import('../packages/indicators/dist/index.js');
  const defs = [...family('four_musts'), ...family('employment'), ...family('services')];
  const now = () => performance.now();
  let t = now();
  const fileDataset = await loadDataset(dir);
  let load_ms = now() - t;
  let start_ms = null;
  let engine = 'arquero';
  let dataset = fileDataset;
  let hand = null;
  if (engineName === 'duckdb-wasm' || engineName === 'duckdb-native') {
    const duck = await import('../packages/core/dist/duckdb.js');
    engine = engineName === 'duckdb-wasm' ? duck.duckdbWasmEngine() : duck.duckdbNativeEngine();
    t = now();
    const conn = await engine.connection();
    start_ms = now() - t;
    t = now();
    const names = await engine.load(fileDataset);
    load_ms += now() - t;
    const quoted = Object.fromEntries(Object.entries(names).map(([k, v]) => [k, `"${v}"`]));
    const text = handSql(quoted);
    hand = async () => conn.query({ text, params: [] });
  } else if (engineName === 'postgres') {
    const url = process.env.HOUFU_BENCH_PG;
    if (!url) throw new Error('HOUFU_BENCH_PG is not set');
    const pgm = await import('../packages/core/dist/postgres.js');
    t = now();
    await pgm.loadIntoPostgres(url, fileDataset, { schema: 'houfu_bench', replace: true });
    load_ms += now() - t;
    t = now();
    const opened = await pgm.postgresDataset({ connection: url, schema: 'houfu_bench' });
    start_ms = now() - t;
    dataset = opened.dataset;
    engine = pgm.postgresEngine;
    const { default: pg } = await import('../packages/core/node_modules/pg/lib/index.js');
    const client = new pg.Client(url);
    await client.connect();
    const tables = Object.fromEntries(['persons', 'households', 'sites', 'facilities', 'management_units'].map((k) => [k, `houfu_bench.${k}`]));
    const text = handSql(tables);
    hand = async () => (await client.query(text)).rows;
  } else if (engineName === 'kernel') engine = 'kernel';
  else if (engineName !== 'arquero') throw new Error(`unknown engine ${engineName}`);

  t = now();
  const first = await compute(dataset, defs, { by: 'county', engine });
  const first_ms = now() - t;
  const compute_ms = [];
  for (let i = 0; i < runs; i++) {
    t = now();
    await compute(dataset, defs, { by: 'county', engine });
    compute_ms.push(now() - t);
  }
  const engineRows = toObjects(first).map((r) => `${r.indicator_id}|${r.area_code}|${r.numerator}|${r.denominator}|${r.unknown}`).sort();
  let hand_ms = null;
  if (hand) {
    const got = handRows(await hand());
    if (JSON.stringify(got) !== JSON.stringify(engineRows)) {
      const diff = got.filter((x) => !engineRows.includes(x)).slice(0, 5);
      throw new Error(`hand-written SQL ≠ engine on ${engineName}: ${diff.join('; ')} (${got.length} vs ${engineRows.length} rows)`);
    }
    hand_ms = [];
    for (let i = 0; i < runs; i++) {
      t = now();
      await hand();
      hand_ms.push(now() - t);
    }
  }
  const rss_mb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ engine: engineName, start_ms, load_ms, first_ms, compute_ms, hand_ms, rss_mb, rows: engineRows.length }));
  process.exit(0);
}
