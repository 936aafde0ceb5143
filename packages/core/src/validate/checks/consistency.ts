/**
 * References that must agree across tables: a household's management unit is in the
 * household's own site (household → unit → site). Person → household → period is the
 * period-matched reference rule. A reference to an optional table the dataset does not
 * have is one warning, not an orphan per row.
 */
import { SCHEMA, type TableName } from '../../schema/tables.js';
import type { FindingCollector } from '../finding.js';
import { Causes, coded, type CheckInput } from './context.js';

/** Check household → unit → site, and references to absent optional tables. */
export function checkConsistency(input: CheckInput, out: FindingCollector): void {
  const causes = new Causes(input, out);
  const hh = input.tables.households;
  const units = input.tables.management_units;
  const hUnit = coded(input, 'households', 'unit_id');
  const hSite = coded(input, 'households', 'site_id');
  if (hh && hUnit && hSite && units && !input.absent.has('management_units')) {
    const uIds = coded(input, 'management_units', 'unit_id');
    const uSites = coded(input, 'management_units', 'site_id');
    // The site of each unit (its first row), by the unit's text.
    const siteOf = new Map<string, string | null>();
    if (uIds && uSites)
      for (let i = 0; i < uIds.codes.length; i++) {
        const u = uIds.codes[i]!;
        const s = uSites.codes[i]!;
        if (u >= 0 && !siteOf.has(uIds.dict[u]!)) siteOf.set(uIds.dict[u]!, s < 0 ? null : uSites.dict[s]!);
      }
    // Per distinct unit of the households: its site, or undefined when the unit is unknown.
    const unitSite = hUnit.dict.map((u) => (siteOf.has(u) ? siteOf.get(u)! : undefined));
    for (let i = 0; i < hUnit.codes.length; i++) {
      const u = hUnit.codes[i]!;
      const s = hSite.codes[i]!;
      if (u < 0 || s < 0) continue;
      const us = unitSite[u];
      if (us === undefined || us === null || us === hSite.dict[s]) continue;
      causes.add('error', 'inconsistent_reference', 'households', 'unit_id', hUnit.dict[u]!, i + 1, {
        column: 'unit_id',
        detail: `site_id ${JSON.stringify(hSite.dict[s])} of the household: the unit belongs to site ${JSON.stringify(us)}`,
      });
    }
  }
  for (const name of Object.keys(input.tables) as TableName[]) {
    for (const spec of SCHEMA[name].columns) {
      if (!spec.references || !input.absent.has(spec.references)) continue;
      const refs = coded(input, name, spec.name);
      if (!refs) continue;
      for (let i = 0; i < refs.codes.length; i++)
        if (refs.codes[i]! >= 0) causes.add('warning', 'missing_parent_table', name, spec.name, null, i + 1, { column: spec.name, table: spec.references });
    }
  }
  causes.flush();
}
