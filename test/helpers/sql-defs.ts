/**
 * Definitions exercising every corner of the expression language in SQL: IN lists (empty
 * too), text ordering, null literals, quantifiers, column-to-column comparisons, numeric
 * literals, sums. Built with the public builders, as a user would. Also the golden-SQL cases
 * every dialect's test runs, and frame sums read back from executed SQL, keyed for comparing.
 */
import {
  all, and, any, col, count, eq, ge, gt, isIn, isNull, lit, lt, ne, not, or, rate, ratio, TRUE,
  type FramePlan, type FrameSums, type IndicatorDefinition, type Plan,
} from '@houfu/core';
import { catalog, family } from '@houfu/indicators';

const source = { clause: '测试', clauseEn: 'test', document: 'test' };
const text = (s: string) => ({ zh: s, en: s });

/** The definitions. */
export const EDGE_DEFINITIONS: readonly IndicatorDefinition[] = [
  rate({ id: 'x.in_list', name: text('in'), description: text('in'), unit: 'person', source, outcome: isIn('ethnicity', ['苗族', '布依族', "O'Brien; \"x\""]) }),
  rate({ id: 'x.empty_in', name: text('empty in'), description: text('empty in'), unit: 'person', source, universe: col('is_labor'), outcome: isIn('employment_type', []) }),
  rate({ id: 'x.text_order', name: text('order'), description: text('order'), unit: 'household', source, outcome: and(lt(col('origin_county_code'), lit('520200')), ge('land_contract', 'pending')) }),
  rate({ id: 'x.null_literal', name: text('null'), description: text('null'), unit: 'person', source, universe: or(col('is_labor'), lit(null)), outcome: or(col('employed'), lit(null)) }),
  rate({ id: 'x.is_null', name: text('is null'), description: text('is null'), unit: 'person', source, outcome: and(not(isNull('birth_year')), isNull(col('employment_type'))) }),
  count({ id: 'x.all_any', name: text('quantifiers'), description: text('quantifiers'), unit: 'household', source, universe: any('persons', eq('sex', 'female')), outcome: all('persons', or(not(col('is_labor')), col('trained'), gt('birth_year', 1990.5))) }),
  rate({ id: 'x.columns', name: text('columns'), description: text('columns'), unit: 'person', source, outcome: ne(col('origin_county_code', 'households'), col('county_code', 'sites')) }),
  rate({ id: 'x.site_exists', name: text('site'), description: text('site'), unit: 'site', source, universe: not(col('is_demo')), outcome: any('facilities', isIn('facility_type', ['school', 'kindergarten'])) }),
  ratio({
    id: 'x.income_sum', name: text('sum'), description: text('sum'), unit: 'household', source,
    numerator: { table: 'households', where: and(col('stable_income'), not(isNull('income_per_capita'))), sum: 'income_per_capita' },
    denominator: { table: 'households', where: TRUE },
  }),
];

/** A golden-SQL case: definitions planned on a hand fixture. */
export interface SqlCase {
  /** Name of the case (and of its snapshot file). */
  readonly name: string;
  /** The fixture. */
  readonly data: 'hand' | 'hand-periods';
  /** The definitions. */
  readonly defs: readonly IndicatorDefinition[];
  /** The level. */
  readonly by: 'site' | 'unit';
  /** Breakdown columns. */
  readonly breakdown?: string[];
}

const unitIds = ['services.police_room_coverage', 'party.members_elected_per_unit', 'party.units_electing_share', 'four_musts.employment', 'four_musts.training'];

/** The cases every dialect's golden SQL covers. */
export const SQL_CASES: readonly SqlCase[] = [
  { name: 'catalog-by-site', data: 'hand', defs: catalog, by: 'site' },
  { name: 'unit', data: 'hand', defs: catalog.filter((d) => unitIds.includes(d.id)), by: 'unit' },
  { name: 'periods-breakdown', data: 'hand-periods', defs: family('four_musts'), by: 'site', breakdown: ['sites.site_type'] },
  { name: 'person-breakdown', data: 'hand-periods', defs: family('employment').filter((d) => d.unit === 'person'), by: 'site', breakdown: ['sex', 'is_demo'] },
  { name: 'edge-cases', data: 'hand', defs: EDGE_DEFINITIONS, by: 'site' },
];

/** A frame's sums from the rows of its executed query (`g`, `p`, `b0…`, one column per measure). */
export function sumsFromRows(f: FramePlan, rows: readonly Record<string, unknown>[], periodic: boolean): FrameSums {
  return {
    group: rows.map((r) => String(r['g'])),
    period: rows.map((r) => (periodic ? (r['p'] as string) : null)),
    breakdown: f.breakdown.map((_, b) => rows.map((r) => (r[`b${b}`] === null ? null : String(r[`b${b}`])))),
    sums: Object.fromEntries(f.measures.map((m) => [m.id, rows.map((r) => Number(r[m.id]))])),
  };
}

/** Frame sums keyed by group | period | breakdown, for comparing engines regardless of row order. */
export function keyedSums(p: Plan, sums: readonly FrameSums[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  sums.forEach((f, i) => {
    f.group.forEach((g, r) => {
      const key = [i, g, f.period[r], ...f.breakdown.map((b) => b[r])].map(String).join(' | ');
      out[key] = Object.fromEntries(p.frames[i]!.measures.map((m) => [m.id, f.sums[m.id]![r]!]));
    });
  });
  // Groups where every sum is zero may be absent in one engine and present in another.
  for (const k of Object.keys(out)) if (Object.values(out[k]!).every((v) => v === 0)) delete out[k];
  return out;
}
