// The hand-written SQL of the first-number benchmark: every count of four_musts, employment and
// services by county in one statement (the same query as bench/engines.mjs), and its rows as
// `indicator|county|numerator|denominator|unknown` for the comparison with houfu's output.
/** The hand-written query: every count of the 14 indicators per county, in one statement. */
export function handSql(t) {
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
export function handRows(rows) {
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

