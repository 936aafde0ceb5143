/**
 * Dates of the registers (schema v2) that contradict each other: a project completed, or due,
 * before it started; an inspection round that ended before it started; a problem rectified, or
 * due, before it was found (errors); a problem found before its inspection round started (a
 * warning: it may come from the round's preparation). One finding per pair with the first row.
 */
import type { TableName } from '../../schema/tables.js';
import type { FindingCollector, Severity } from '../finding.js';
import { Causes, values, type CheckInput } from './context.js';

/** A date column that must not be earlier than another of the same row. */
interface DatePair {
  readonly table: TableName;
  /** The earlier date. */
  readonly from: string;
  /** The date that must be on or after `from`. */
  readonly to: string;
}

/** The same-row pairs of schema v2. */
export const REGISTER_DATE_PAIRS: readonly DatePair[] = [
  { table: 'projects', from: 'started_on', to: 'completed_on' },
  { table: 'projects', from: 'started_on', to: 'due_on' },
  { table: 'inspections', from: 'started_on', to: 'ended_on' },
  { table: 'problems', from: 'found_on', to: 'rectified_on' },
  { table: 'problems', from: 'found_on', to: 'due_on' },
];

const date = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function checkPair(input: CheckInput, causes: Causes, p: DatePair): void {
  const t = input.tables[p.table];
  if (!t || t.numRows === 0) return;
  const from = values(t, p.from);
  const to = values(t, p.to);
  if (!from || !to) return;
  for (let i = 0; i < to.length; i++) {
    const a = date(from[i]);
    const b = date(to[i]);
    // ISO dates compare as text.
    if (a !== null && b !== null && b < a) causes.add('error', 'date_order', p.table, p.to, null, i + 1, { column: p.to, value: b, detail: `${p.from} ${a}` });
  }
}

/** Problems found before the inspection round they belong to started. */
function checkRounds(input: CheckInput, causes: Causes, severity: Severity): void {
  const rounds = input.tables.inspections;
  const problems = input.tables.problems;
  if (!rounds || !problems || problems.numRows === 0) return;
  const ids = values(rounds, 'round_id') ?? [];
  const starts = values(rounds, 'started_on') ?? [];
  const start = new Map<string, string>();
  ids.forEach((id, i) => {
    const s = date(starts[i]);
    if (typeof id === 'string' && s !== null) start.set(id, s);
  });
  const round = values(problems, 'round_id') ?? [];
  const found = values(problems, 'found_on') ?? [];
  for (let i = 0; i < found.length; i++) {
    const f = date(found[i]);
    const s = typeof round[i] === 'string' ? start.get(round[i] as string) : undefined;
    if (f !== null && s !== undefined && f < s) causes.add(severity, 'date_order', 'problems', 'found_on', null, i + 1, { column: 'found_on', value: f, detail: `inspections.started_on ${s} (${String(round[i])})` });
  }
}

/** Check the order of the registers' dates. */
export function checkRegisterDates(input: CheckInput, out: FindingCollector): void {
  const causes = new Causes(input, out);
  for (const p of REGISTER_DATE_PAIRS) checkPair(input, causes, p);
  checkRounds(input, causes, 'warning');
  causes.flush();
}
