/**
 * Tiny hand-made datasets for the coverage tests of publish/ and result/: a few sites and
 * households whose counts can be added up by hand. Columns the tests do not look at get
 * plain valid values.
 */
import { datasetFromColumns, type Dataset } from '@houfu/core';

/** A site: id, name (null: none), prefecture code, county code. */
export type TinySite = readonly [id: string, name: string | null, prefecture: string, county: string];
/** A household: id, site, stable_income ('true', 'false' or '' for unknown), survey weight. */
export type TinyHousehold = readonly [id: string, site: string, income: string, weight?: number];

/** A valid dataset of these sites and households, one person per household. */
export function tiny(sites: readonly TinySite[], households: readonly TinyHousehold[]): Dataset {
  const each = <T>(rows: readonly unknown[], v: T): T[] => rows.map(() => v);
  return datasetFromColumns({
    sites: {
      site_id: sites.map((s) => s[0]),
      site_name: sites.map((s) => s[1]),
      prefecture_code: sites.map((s) => s[2]),
      county_code: sites.map((s) => s[3]),
      site_type: each(sites, 'urban'),
      cross_county: each(sites, 'false'),
      is_demo: each(sites, 'false'),
      opened_on: each(sites, '2018-06-30'),
    },
    households: {
      household_id: households.map((h) => h[0]),
      site_id: households.map((h) => h[1]),
      origin_county_code: households.map((h) => sites.find((s) => s[0] === h[1])?.[3] ?? '520102'),
      moved_in_on: each(households, '2018-07-01'),
      land_contract: each(households, 'none'),
      land_forest: each(households, 'none'),
      land_homestead: each(households, 'none'),
      stable_income: households.map((h) => h[2]),
      income_per_capita: each(households, '9000'),
      weight: households.map((h) => String(h[3] ?? 1)),
    },
    persons: {
      person_id: households.map((h) => `P${h[0]}`),
      household_id: households.map((h) => h[0]),
      sex: each(households, 'female'),
      birth_year: each(households, '1980'),
      ethnicity: each(households, ''),
      is_labor: each(households, 'true'),
      trained: each(households, 'true'),
      employed: each(households, 'true'),
      employment_type: each(households, ''),
      med_insurance_transferred: each(households, ''),
    },
  });
}
