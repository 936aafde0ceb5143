/**
 * Definitions exercising every corner of the expression language in SQL: IN lists (empty
 * too), text ordering, null literals, quantifiers, column-to-column comparisons, numeric
 * literals, sums. Built with the public builders, as a user would.
 */
import {
  all, and, any, col, count, eq, ge, gt, isIn, isNull, lit, lt, ne, not, or, rate, ratio, TRUE, type IndicatorDefinition,
} from '@houfu/core';

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
