/**
 * @houfu/indicators — the catalog of post-relocation support indicators, as data.
 * @packageDocumentation
 */
import type { IndicatorDefinition } from '@houfu/core';
import { cultureFamily } from './culture.js';
import { employmentFamily } from './employment.js';
import { fourMusts } from './four-musts.js';
import { governanceFamily } from './governance.js';
import { measuresFamily } from './measures.js';
import { partyFamily } from './party.js';
import { servicesFamily } from './services.js';
import { structureFamily } from './structure.js';

export * from './four-musts.js';
export * from './employment.js';
export * from './services.js';
export * from './governance.js';
export * from './culture.js';
export * from './party.js';
export * from './structure.js';
export * from './measures.js';
export { ARTICLE } from './source.js';
export * from './published.js';

/** Family names, in the order of the five systems, then the structure and the six measures. */
export const FAMILIES = ['four_musts', 'employment', 'services', 'governance', 'culture', 'party', 'structure', 'measures'] as const;
/** A family name. */
export type FamilyName = (typeof FAMILIES)[number];

const BY_FAMILY: Readonly<Record<FamilyName, readonly IndicatorDefinition[]>> = {
  four_musts: fourMusts,
  employment: employmentFamily,
  services: servicesFamily,
  governance: governanceFamily,
  culture: cultureFamily,
  party: partyFamily,
  structure: structureFamily,
  measures: measuresFamily,
};

/** Every indicator of the catalog. */
export const catalog: readonly IndicatorDefinition[] = FAMILIES.flatMap((f) => BY_FAMILY[f]);

/** The indicators of a family. @example family('four_musts') */
export function family(name: FamilyName): readonly IndicatorDefinition[] {
  const f = BY_FAMILY[name];
  if (!f) throw new RangeError(`unknown family: ${name}`);
  return f;
}

/** An indicator by id, or undefined. */
export function indicator(id: string): IndicatorDefinition | undefined {
  return catalog.find((d) => d.id === id);
}

/**
 * Resolve a comma-separated list of ids and family names (`four_musts,employment.rate`)
 * to definitions, in the order given, without duplicates. Throws on an unknown name.
 */
export function resolveIndicators(spec: string | readonly string[]): IndicatorDefinition[] {
  const names = (typeof spec === 'string' ? spec.split(',') : spec).map((s) => s.trim()).filter(Boolean);
  const out: IndicatorDefinition[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    const defs = n === 'all' ? catalog : (FAMILIES as readonly string[]).includes(n) ? BY_FAMILY[n as FamilyName] : [indicator(n)];
    for (const d of defs) {
      if (!d) throw new RangeError(`unknown indicator or family: ${n}`);
      if (!seen.has(d.id)) (seen.add(d.id), out.push(d));
    }
  }
  return out;
}
