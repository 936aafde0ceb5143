/**
 * A naive reader of the fixture folders for the reference implementation: plain
 * comma-separated text, a header row, no quoting. Cells stay text ('' = unknown); the
 * reference reads 'true', '12' and '' itself. Independent of the library's readers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlainDataset, Rows } from './reference.js';

/** Read one CSV file into rows of text cells. */
export function readCsv(file: string): Rows {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line, i) => {
    if (line.includes('"')) throw new Error(`${file}:${i + 2}: quoting is not supported by this reader`);
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`${file}:${i + 2}: ${cells.length} cells, header has ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, cells[j]]));
  });
}

/** Read a fixture folder; optional tables that have no file are left out. */
export function readCsvDataset(dir: string): PlainDataset {
  const opt = (name: string): Rows | undefined => {
    const f = join(dir, `${name}.csv`);
    return existsSync(f) ? readCsv(f) : undefined;
  };
  const data: PlainDataset = {
    sites: readCsv(join(dir, 'sites.csv')),
    households: readCsv(join(dir, 'households.csv')),
    persons: readCsv(join(dir, 'persons.csv')),
  };
  const optional = ['facilities', 'management_units', 'activities', 'health_services', 'projects', 'demonstration_sites', 'problems', 'tasks', 'dispatches', 'trainings', 'inspections'] as const;
  for (const name of optional) {
    const rows = opt(name);
    if (rows) data[name] = rows;
  }
  return data;
}
