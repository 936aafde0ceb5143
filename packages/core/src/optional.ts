/**
 * Optional dependencies: packages that only some features use (the arquero reference engine,
 * DuckDB, PostgreSQL, survey estimates). They are peer dependencies marked optional, loaded on
 * first use through {@link loadOptional}, which turns "module not found" into an error naming
 * the packages to install.
 */
import { HoufuError } from './errors.js';
import type { LocalText } from './model/indicator.js';
import { OPTIONAL_TEXT } from './messages/optional.js';

/** What an optional package serves, and what to install (`npm install …`) to get it. */
interface OptionalPackageInfo {
  /** The feature that needs the package, as it reads in the error. */
  readonly feature: LocalText;
  /** The argument of `npm install` (name and version range). */
  readonly install: string;
}

/** The optional packages of `@houfu/core`, with their features and install arguments. */
export const OPTIONAL_PACKAGES = {
  arquero: { feature: { zh: 'arquero 参考引擎', en: 'the arquero reference engine' }, install: 'arquero@8.0.1' },
  pg: { feature: { zh: 'PostgreSQL 引擎', en: 'the PostgreSQL engine' }, install: 'pg@8' },
  '@duckdb/duckdb-wasm': { feature: { zh: 'DuckDB 引擎（duckdb-wasm）', en: 'the DuckDB engine (duckdb-wasm)' }, install: '@duckdb/duckdb-wasm@1' },
  '@duckdb/node-api': { feature: { zh: 'DuckDB 引擎（原生）', en: 'the native DuckDB engine' }, install: '@duckdb/node-api' },
  '@stdlib/stats-base-dists-beta-quantile': { feature: { zh: '抽样调查估计', en: 'survey estimates' }, install: '@stdlib/stats-base-dists-beta-quantile@0.2' },
  '@stdlib/stats-base-dists-normal-quantile': { feature: { zh: '抽样调查估计', en: 'survey estimates' }, install: '@stdlib/stats-base-dists-normal-quantile@0.3' },
  '@stdlib/stats-base-dists-t-quantile': { feature: { zh: '抽样调查估计', en: 'survey estimates' }, install: '@stdlib/stats-base-dists-t-quantile@0.2' },
} as const satisfies Record<string, OptionalPackageInfo>;

/** The name of an optional package. */
export type OptionalPackage = keyof typeof OPTIONAL_PACKAGES;

/** The packages survey estimates (`@houfu/core/survey`, `compute` with a design) load. */
export const SURVEY_PACKAGES: readonly OptionalPackage[] = [
  '@stdlib/stats-base-dists-beta-quantile',
  '@stdlib/stats-base-dists-normal-quantile',
  '@stdlib/stats-base-dists-t-quantile',
];

const MISSING_CODES = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);

/**
 * Whether an error thrown by `import()` or `require` says that a package is not installed.
 * Node names it with a code; bundlers (Vite's stub of an absent optional peer, a browser's
 * failed module specifier) only in the message, which must then name the package.
 */
export function isMissingPackage(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const message = error.message;
  const named = message.includes(`'${name}'`) || message.includes(`"${name}"`) || message.includes(`'${name}/`) || message.includes(`"${name}/`);
  if (!named) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && MISSING_CODES.has(code)) || /cannot find|could not resolve|failed to resolve|is it installed/i.test(message);
}

/**
 * Run a loader (a dynamic `import()` or a `require`) of code that needs optional packages; if
 * one of them is not installed, throw a {@link HoufuError} (`missing_dependency`) naming what to
 * install. Any other error passes through unchanged.
 * @example const pg = (await loadOptional(['pg'], () => import('pg'))).default;
 */
export async function loadOptional<T>(packages: readonly OptionalPackage[], load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = packages.filter((p) => isMissingPackage(error, p));
    if (missing.length === 0) throw error;
    const feature = OPTIONAL_PACKAGES[missing[0]!].feature;
    // Name every package of the feature: installing one at a time would fail again on the next.
    const all = packages.filter((p) => OPTIONAL_PACKAGES[p].feature.en === feature.en);
    throw new HoufuError('missing_dependency', OPTIONAL_TEXT.missing(feature, all.map((p) => OPTIONAL_PACKAGES[p].install)));
  }
}
