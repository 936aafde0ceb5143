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

/** Compute the workload; returns Map key `${id}|${area}` → [numerator, denominator, unknown]. */
export function baseline(ds) {
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
  const nc = counties.length;
  const K = IDS.length;
  const acc = new Float64Array(nc * K * 3); // [county][indicator][num, den, unk]
  const add = (c, k, slot) => acc[(c * K + k) * 3 + slot]++;

  // Persons: person rates, and per-household member counts for the household musts.
  const pHh = strings(col(P, 'household_id'));
  const lab = tri(col(P, 'is_labor'));
  const tr = tri(col(P, 'trained'));
  const em = tri(col(P, 'employed'));
  const med = tri(col(P, 'med_insurance_transferred'));
  const laborT = new Int32Array(nh), laborU = new Int32Array(nh); // any(is_labor): true / unknown members
  const empT = new Int32Array(nh), empU = new Int32Array(nh); // any(is_labor and employed)
  const untrF = new Int32Array(nh), untrU = new Int32Array(nh); // all(is_labor -> trained): false / unknown
  for (let i = 0; i < P.numRows; i++) {
    const h = hhIx.get(pHh[i]);
    const c = hhCounty[h];
    const l = lab[i], t = tr[i], e = em[i];
    // training: U = is_labor, O = trained
    if (l === 2) add(c, 0, 2);
    else if (l === 1) t === 2 ? add(c, 0, 2) : (add(c, 0, 1), t === 1 && add(c, 0, 0));
    // employment rate: U = is_labor, O = employed
    if (l === 2) add(c, 5, 2);
    else if (l === 1) e === 2 ? add(c, 5, 2) : (add(c, 5, 1), e === 1 && add(c, 5, 0));
    // medical insurance: U = true, O = transferred
    med[i] === 2 ? add(c, 6, 2) : (add(c, 6, 1), med[i] === 1 && add(c, 6, 0));
    // member counts (Kleene): is_labor; is_labor and employed; not is_labor or trained
    if (l === 1) laborT[h]++;
    else if (l === 2) laborU[h]++;
    const le = l === 0 || e === 0 ? 0 : l === 1 && e === 1 ? 1 : 2;
    if (le === 1) empT[h]++;
    else if (le === 2) empU[h]++;
    const imp = l === 0 || t === 1 ? 1 : l === 1 && t === 0 ? 0 : 2;
    if (imp === 0) untrF[h]++;
    else if (imp === 2) untrU[h]++;
  }

  // Households: the four musts.
  const land = ['land_contract', 'land_forest', 'land_homestead'].map((n) => strings(col(H, n)));
  const inc = tri(col(H, 'stable_income'));
  const classify = (c, k, u, o) => {
    if (u === 0) return;
    if (u === 2 || o === 2) return add(c, k, 2);
    add(c, k, 1);
    if (o === 1) add(c, k, 0);
  };
  const or3 = (a, b) => (a === 1 || b === 1 ? 1 : a === 2 || b === 2 ? 2 : 0);
  const and3 = (a, b) => (a === 0 || b === 0 ? 0 : a === 2 || b === 2 ? 2 : 1);
  const not3 = (a) => (a === 2 ? 2 : 1 - a);
  for (let h = 0; h < nh; h++) {
    const c = hhCounty[h];
    const uE = laborT[h] > 0 ? 1 : laborU[h] > 0 ? 2 : 0;
    const oE = empT[h] > 0 ? 1 : empU[h] > 0 ? 2 : 0;
    classify(c, 1, uE, oE);
    let rev = 0, allNone = 1;
    for (const col of land) {
      const v = col[h];
      rev = or3(rev, v === null ? 2 : v === 'revitalized' ? 1 : 0);
      allNone = and3(allNone, v === null ? 2 : v === 'none' ? 1 : 0);
    }
    const uL = not3(allNone);
    classify(c, 2, uL, rev);
    classify(c, 3, 1, inc[h]);
    const trained = untrF[h] > 0 ? 0 : untrU[h] > 0 ? 2 : 1;
    const all = and3(and3(trained, or3(not3(uE), oE)), and3(or3(not3(uL), rev), inc[h]));
    classify(c, 4, 1, all);
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
