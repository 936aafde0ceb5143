/**
 * Area codes against the GB/T 2260 divisions list: a site's prefecture is a prefecture of
 * the province, its county a county of that prefecture, a household's origin a county.
 * A code outside the list is an error, never a new area. (The six-digit format and
 * obsolete codes are checked, and mapped, before.)
 */
import type { TableName } from '../../schema/tables.js';
import { Causes, coded, values, type CheckInput } from './context.js';
import type { FindingCollector } from '../finding.js';

type Level = 'province' | 'prefecture' | 'county';

/** Check the area codes of sites and households. */
export function checkAreaCodes(input: CheckInput, out: FindingCollector): void {
  const d = input.divisions;
  const counties = new Map(d.counties.map((c) => [c.code, c]));
  const province = `${d.province.name ? `${d.province.name} ` : ''}${d.province.code}`;
  const levelOf = (code: string): { level: Level; name: string } | undefined => {
    if (code === d.province.code) return { level: 'province', name: d.province.name };
    if (code in d.prefectures) return { level: 'prefecture', name: d.prefectures[code] ?? '' };
    const c = counties.get(code);
    return c ? { level: 'county', name: c.name } : undefined;
  };
  const causes = new Causes(input, out);
  const expect = (table: TableName, column: string, code: string, row: number, want: Level): boolean => {
    const found = levelOf(code);
    if (!found) causes.add('error', 'unknown_area_code', table, column, code, row, { detail: want, table: province });
    else if (found.level !== want) causes.add('error', 'area_level_mismatch', table, column, code, row, { detail: found.level, table: found.name, column: want });
    else return true;
    return false;
  };
  const sites = input.tables.sites;
  const pre = values(sites, 'prefecture_code');
  const cty = values(sites, 'county_code');
  for (let i = 0; i < (sites?.numRows ?? 0); i++) {
    const p = pre?.[i];
    const c = cty?.[i];
    const pOk = typeof p === 'string' && /^\d{6}$/.test(p) && expect('sites', 'prefecture_code', p, i + 1, 'prefecture');
    const cOk = typeof c === 'string' && /^\d{6}$/.test(c) && expect('sites', 'county_code', c, i + 1, 'county');
    // A county under another prefecture by its first four digits is reported by the format rules.
    if (pOk && cOk && (c as string).slice(0, 4) === (p as string).slice(0, 4)) {
      const parent = counties.get(c as string)?.prefectureCode;
      if (parent !== p) causes.add('error', 'county_prefecture_mismatch', 'sites', 'county_code', c as string, i + 1, { detail: p as string });
    }
  }
  // A household's origin: decided once per distinct code, reported row by row.
  const origin = coded(input, 'households', 'origin_county_code');
  if (origin) {
    const found = origin.dict.map((o) => (/^\d{6}$/.test(o) ? levelOf(o)?.level ?? null : undefined));
    for (let i = 0; i < origin.codes.length; i++) {
      const c = origin.codes[i]!;
      if (c >= 0 && found[c] !== undefined && found[c] !== 'county') expect('households', 'origin_county_code', origin.dict[c]!, i + 1, 'county');
    }
  }
  causes.flush();
}
