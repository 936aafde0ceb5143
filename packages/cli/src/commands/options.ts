/** Options of the commands that load on use (kept apart so that parsing does not load them). */

/** Options of generate. */
export const generateOptions = {
  preset: { type: 'string' },
  scale: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  months: { type: 'string' },
  dirty: { type: 'boolean' },
} as const;

/** Options of report. */
export const reportOptions = {
  data: { type: 'string' },
  out: { type: 'string' },
  published: { type: 'boolean' },
  format: { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
} as const;

/** Options of cube. */
export const cubeOptions = {
  data: { type: 'string' },
  by: { type: 'string' },
  indicators: { type: 'string' },
  engine: { type: 'string' },
  out: { type: 'string' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
} as const;

/** Options of load. */
export const loadOptions = {
  db: { type: 'string' },
  engine: { type: 'string' },
  cluster: { type: 'string' },
  database: { type: 'string' },
  data: { type: 'string' },
  schema: { type: 'string' },
  tables: { type: 'string' },
  replace: { type: 'boolean' },
  mapping: { type: 'string' },
  encoding: { type: 'string' },
} as const;
