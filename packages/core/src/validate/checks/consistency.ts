/**
 * References that must agree across tables: a household's management unit is in the
 * household's own site (household → unit → site). Person → household → period is the
 * period-matched reference rule. A reference to an optional table the dataset does not
 * have is one warning, not an orphan per row.
 */
import { SCHEMA, type TableName } from '../../schema/tables.js';
import type { FindingCollector } from '../finding.js';
import { Causes, values, type CheckInput } from './context.js';

/** Check household → unit → site, and references to absent optional tables. */
export function checkConsistency(input: CheckInput, out: FindingCollector): void {
  const causes = new Causes(input, out);
  const hh = input.tables.households;
  const units = input.tables.management_units;
  const hUnit = values(hh, 'unit_id');
  const hSite = values(hh, 'site_id');
  if (hUnit && hSite && units && !input.absent.has('management_units')) {
    const uIds = values(units, 'unit_id') ?? [];
    const uSites = values(units, 'site_id') ?? [];
    const siteOf = new Map<unknown, unknown>();
    for (let i = 0; i < uIds.length; i++) if (uIds[i] !== null && !siteOf.has(uIds[i])) siteOf.set(uIds[i], uSites[i]);
    for (let i = 0; i < hUnit.length; i++) {
      const u = hUnit[i];
      if (u === null || !siteOf.has(u)) continue;
      const us = siteOf.get(u);
      if (us !== null && hSite[i] !== null && us !== hSite[i])
        causes.add('error', 'inconsistent_reference', 'households', 'unit_id', String(u), i + 1, {
          column: 'unit_id',
          detail: `site_id ${JSON.stringify(hSite[i])} of the household: the unit belongs to site ${JSON.stringify(us)}`,
        });
    }
  }
  for (const [name, t] of Object.entries(input.tables) as [TableName, NonNullable<CheckInput['tables'][TableName]>][]) {
    for (const spec of SCHEMA[name].columns) {
      if (!spec.references || !input.absent.has(spec.references)) continue;
      const vals = values(t, spec.name);
      if (!vals) continue;
      for (let i = 0; i < vals.length; i++)
        if (vals[i] !== null) causes.add('warning', 'missing_parent_table', name, spec.name, null, i + 1, { column: spec.name, table: spec.references });
    }
  }
  causes.flush();
}
