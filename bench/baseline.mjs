// The hand-written baseline: what a developer would write without houfu for the reference
// workload — the four musts, the employment rate and the medical-insurance transfer rate by
// county and for the province, as ratios of sums with unknowns apart — in plain loops over
// the dataset's Arrow columns (decoded once into typed arrays, links resolved by hash maps).
// It also serves as an independent check: its numbers must equal the engine's.

// Columns decoded once per table and column, as a developer would at load time.
const memo = new WeakMap();
const once = (vec, f) => {
  let byTable = memo.get(vec.table);
  if (!byTable) memo.set(vec.table, (byTable = new Map()));
  let v = byTable.get(vec.name);
  if (!v) byTable.set(vec.name, (v = f(vec.vector)));
  return v;
};
const col = (table, name) => ({ table, name, vector: table.getChild(name) });

/** Booleans of an Arrow column as 1 (true), 0 (false), 2 (null). */
function tri(vec) {
  return once(vec, triOf);
}

function triOf(vec) {
  const out = new Uint8Array(vec.length);
  for (let i = 0; i < vec.length; i++) {
    const v = vec.get(i);
    out[i] = v === null ? 2 : v ? 1 : 0;
  }
  return out;
}

function strings(vec) {
  return once(vec, (v) => v.toArray());
}

const IDS = ['four_musts.training', 'four_musts.employment', 'four_musts.land', 'four_musts.income', 'four_musts.all', 'employment.rate', 'services.med_insurance_transfer'];

const prepared = new WeakMap();

/**
 * What a developer prepares once at load time: typed-array columns (Uint8Array 0/1/2 for
 * booleans, small codes for the land status) and the person → household → county links
 * as index arrays.
 */
export function prepare(ds) {
  let p = prepared.get(ds);
  if (p) return p;
  const S = ds.tables.sites;
  const H = ds.tables.households;
  const P = ds.tables.persons;
  const siteIds = strings(col(S, 'site_id'));
  const siteCounty = strings(col(S, 'county_code'));
  const counties = [...new Set(siteCounty)].sort();
  const countyIx = new Map(counties.map((c, i) => [c, i]));
  const siteIx = new Map(siteIds.map((s, i) => [s, countyIx.get(siteCounty[i])]));
  const nh = H.numRows;
  const hhIds = strings(col(H, 'household_id'));
  const hhIx = new Map();
  for (let i = 0; i < nh; i++) hhIx.set(hhIds[i], i);
  const hhSite = strings(col(H, 'site_id'));
  const hhCounty = new Int32Array(nh);
  for (let i = 0; i < nh; i++) hhCounty[i] = siteIx.get(hhSite[i]);
  const pHh = strings(col(P, 'household_id'));
  const personHh = new Int32Array(P.numRows);
  for (let i = 0; i < P.numRows; i++) personHh[i] = hhIx.get(pHh[i]);
  // Land status: 0 none, 1 revitalized, 2 other, 3 null.
  const land = ['land_contract', 'land_forest', 'land_homestead'].map((n) =>
    Uint8Array.from(strings(col(H, n)), (v) => (v === null ? 3 : v === 'none' ? 0 : v === 'revitalized' ? 1 : 2)),
  );
  p = {
    counties, nh, np: P.numRows, hhCounty, personHh, land,
    lab: tri(col(P, 'is_labor')), tr: tri(col(P, 'trained')), em: tri(col(P, 'employed')),
    med: tri(col(P, 'med_insurance_transferred')), inc: tri(col(H, 'stable_income')),
  };
  prepared.set(ds, p);
  return p;
}

/** Compute the workload; returns Map key `${id}|${area}` → [numerator, denominator, unknown]. */
export function baseline(ds) {
  const { counties, nh, np, hhCounty, personHh, land, lab, tr, em, med, inc } = prepare(ds);
  const nc = counties.length;
  const K = IDS.length;
  // Counters packed in one Int32Array: [county][indicator][num, den, unk].
  const acc = new Int32Array(nc * K * 3);

  // Persons: person rates, and per-household member flags for the household musts
  // (bits: 1 a member false, 2 true, 4 unknown — for any(is_labor), any(is_labor and employed),
  // all(not is_labor or trained)).
  const fLabor = new Uint8Array(nh), fEmp = new Uint8Array(nh), fTrained = new Uint8Array(nh);
  for (let i = 0; i < np; i++) {
    const h = personHh[i];
    const base = hhCounty[h] * K * 3;
    const l = lab[i], t = tr[i], e = em[i], m = med[i];
    // training (k 0): U = is_labor, O = trained; employment rate (k 5): U = is_labor, O = employed
    if (l === 2) {
      acc[base + 2]++;
      acc[base + 17]++;
    } else if (l === 1) {
      if (t === 2) acc[base + 2]++;
      else {
        acc[base + 1]++;
        if (t === 1) acc[base]++;
      }
      if (e === 2) acc[base + 17]++;
      else {
        acc[base + 16]++;
        if (e === 1) acc[base + 15]++;
      }
    }
    // medical insurance (k 6): U = true, O = transferred
    if (m === 2) acc[base + 20]++;
    else {
      acc[base + 19]++;
      if (m === 1) acc[base + 18]++;
    }
    fLabor[h] |= 1 << l;
    fEmp[h] |= 1 << (l === 0 || e === 0 ? 0 : l === 1 && e === 1 ? 1 : 2);
    fTrained[h] |= 1 << (l === 0 || t === 1 ? 1 : l === 1 && t === 0 ? 0 : 2);
  }

  // Households: the four musts, each classified as (universe, outcome) in 0 false, 1 true, 2 unknown.
  const [lc, lf, lh] = land;
  for (let h = 0; h < nh; h++) {
    const base = hhCounty[h] * K * 3;
    const uE = fLabor[h] & 2 ? 1 : fLabor[h] & 4 ? 2 : 0;
    const oE = fEmp[h] & 2 ? 1 : fEmp[h] & 4 ? 2 : 0;
    const trained = fTrained[h] & 1 ? 0 : fTrained[h] & 4 ? 2 : 1;
    // revitalized: some land 1 (else unknown if some null); all none: every land 0 (else unknown if some null)
    const a = lc[h], b = lf[h], c = lh[h];
    const rev = a === 1 || b === 1 || c === 1 ? 1 : a === 3 || b === 3 || c === 3 ? 2 : 0;
    const allNone = (a !== 0 && a !== 3) || (b !== 0 && b !== 3) || (c !== 0 && c !== 3) ? 0 : a === 3 || b === 3 || c === 3 ? 2 : 1;
    const uL = allNone === 2 ? 2 : 1 - allNone;
    const income = inc[h];
    // employment must (k 1)
    if (uE !== 0) {
      if (uE === 2 || oE === 2) acc[base + 5]++;
      else {
        acc[base + 4]++;
        if (oE === 1) acc[base + 3]++;
      }
    }
    // land (k 2)
    if (uL !== 0) {
      if (uL === 2 || rev === 2) acc[base + 8]++;
      else {
        acc[base + 7]++;
        if (rev === 1) acc[base + 6]++;
      }
    }
    // income (k 3)
    if (income === 2) acc[base + 11]++;
    else {
      acc[base + 10]++;
      if (income === 1) acc[base + 9]++;
    }
    // all four (k 4): and(trained, not uE or oE, not uL or rev, income), Kleene
    const mE = uE === 0 || oE === 1 ? 1 : uE === 1 && oE === 0 ? 0 : 2;
    const mL = uL === 0 || rev === 1 ? 1 : uL === 1 && rev === 0 ? 0 : 2;
    const all = trained === 0 || mE === 0 || mL === 0 || income === 0 ? 0 : trained === 2 || mE === 2 || mL === 2 || income === 2 ? 2 : 1;
    if (all === 2) acc[base + 14]++;
    else {
      acc[base + 13]++;
      if (all === 1) acc[base + 12]++;
    }
  }

  const out = new Map();
  const prov = `${counties[0].slice(0, 2)}0000`;
  for (let k = 0; k < K; k++) {
    const p = [0, 0, 0];
    for (let c = 0; c < nc; c++) {
      const v = [0, 1, 2].map((s) => acc[(c * K + k) * 3 + s]);
      out.set(`${IDS[k]}|${counties[c]}`, v);
      v.forEach((x, s) => (p[s] += x));
    }
    out.set(`${IDS[k]}|${prov}`, p);
  }
  return out;
}

/** The first difference between the baseline and the engine's rows, or undefined. */
export function sameAsEngine(base, rows) {
  let n = 0;
  for (const r of rows) {
    const b = base.get(`${r.indicator_id}|${r.area_code}`);
    if (!b) return `no baseline for ${r.indicator_id} ${r.area_code}`;
    if (b[0] !== r.numerator || b[1] !== r.denominator || b[2] !== r.unknown)
      return `${r.indicator_id} ${r.area_code}: baseline ${b.join('/')} engine ${r.numerator}/${r.denominator}/${r.unknown}`;
    n++;
  }
  return n === base.size ? undefined : `engine gave ${n} rows, baseline ${base.size}`;
}
