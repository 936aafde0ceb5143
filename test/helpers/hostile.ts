/**
 * A dataset and definitions built from hostile text (quotes, backslashes, control bytes,
 * placeholders, very long strings), for the SQL engines' tests: one site per value, named by it;
 * in each site, i + 1 persons whose ethnicity is value i — so every count is known by hand.
 */
import { col, datasetFromColumns, eq, isIn, or, rate, type Dataset, type IndicatorDefinition } from '@houfu/core';

const source = { clause: '测试', clauseEn: 'test', document: 'test' };
const text = (s: string) => ({ zh: s, en: s });

/**
 * One site per hostile value, named by it, with `householdsPerSite` households; in each site,
 * i + 1 persons whose ethnicity is value i (spread over the households in turn).
 * `ethnicityCount[i]` is how many persons carry value i in all.
 */
export function hostileDataset(values: readonly string[], householdsPerSite = 1): { ds: Dataset; ethnicityCount: number[] } {
  const sites = { site_id: [] as string[], site_name: [] as string[], prefecture_code: [] as string[], county_code: [] as string[], site_type: [] as string[], cross_county: [] as boolean[], is_demo: [] as boolean[], opened_on: [] as null[] };
  const households = { household_id: [] as string[], site_id: [] as string[], origin_county_code: [] as string[], moved_in_on: [] as null[], land_contract: [] as string[], land_forest: [] as string[], land_homestead: [] as string[], stable_income: [] as boolean[], income_per_capita: [] as number[] };
  const persons = { person_id: [] as string[], household_id: [] as string[], sex: [] as string[], birth_year: [] as number[], ethnicity: [] as string[], is_labor: [] as boolean[], trained: [] as boolean[], employed: [] as boolean[], employment_type: [] as (string | null)[], med_insurance_transferred: [] as boolean[] };
  const ethnicityCount = values.map(() => 0);
  values.forEach((name, s) => {
    const site = `S${s}`;
    sites.site_id.push(site); sites.site_name.push(name); sites.prefecture_code.push('520100'); sites.county_code.push('520102');
    sites.site_type.push('urban'); sites.cross_county.push(false); sites.is_demo.push(s % 2 === 0); sites.opened_on.push(null);
    for (let half = 0; half < householdsPerSite; half++) {
      households.household_id.push(`H${s}_${half}`); households.site_id.push(site); households.origin_county_code.push('520111'); households.moved_in_on.push(null);
      households.land_contract.push('none'); households.land_forest.push('none'); households.land_homestead.push('revitalized');
      households.stable_income.push(true); households.income_per_capita.push(1000);
    }
    values.forEach((value, v) => {
      for (let k = 0; k <= v; k++) {
        persons.person_id.push(`P${s}_${v}_${k}`); persons.household_id.push(`H${s}_${k % householdsPerSite}`); persons.sex.push(k % 2 ? 'male' : 'female');
        persons.birth_year.push(1980); persons.ethnicity.push(value); persons.is_labor.push(true); persons.trained.push(k % 3 !== 0);
        persons.employed.push(true); persons.employment_type.push('local'); persons.med_insurance_transferred.push(true);
        ethnicityCount[v]!++;
      }
    });
  });
  const ds = datasetFromColumns({ sites, households, persons });
  const errors = ds.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(errors.map((f) => f.message).join('; '));
  return { ds, ethnicityCount };
}

/**
 * Definitions whose literals are the hostile values: `h.eq<i>` (ethnicity = value i), `h.in`
 * (ethnicity in the first `inCount` values), `h.site` (site name is value 1 or `long`).
 */
export function hostileDefinitions(values: readonly string[], long: string, inCount: number): IndicatorDefinition[] {
  return [
    ...values.map((v, i) => rate({ id: `h.eq${i}`, name: text(v), description: text(v), unit: 'person', source, outcome: eq('ethnicity', v) })),
    rate({ id: 'h.in', name: text('in'), description: text('in'), unit: 'person', source, outcome: isIn('ethnicity', values.slice(0, inCount)) }),
    rate({ id: 'h.site', name: text('site'), description: text('site'), unit: 'person', source, outcome: or(eq(col('site_name', 'sites'), values[1]!), eq(col('site_name', 'sites'), long)) }),
  ];
}
