/**
 * Values a type check lets through: numbers that overflow to infinity (`1e999` in text),
 * dates after today or after the month of their own snapshot row, and control bytes (NUL …) in text.
 */
import { DataType, type Vector } from 'apache-arrow';
import { SCHEMA, type TableName } from '../../schema/tables.js';
import type { FindingCollector } from '../finding.js';
import { Causes, coded, type CheckInput } from './context.js';

// Tab, line feed and carriage return are text; every other C0 control and DEL is not.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const hex = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** Whether a text column's UTF-8 bytes hold a C0 control byte other than tab, LF, CR, or DEL. */
function hasControlByte(v: Vector): boolean {
  for (const d of v.data) {
    const bytes = d.values as Uint8Array | undefined;
    const o = d.valueOffsets as Int32Array | undefined;
    if (!bytes || !o) continue;
    const end = o[d.length] ?? bytes.length;
    for (let i = o[0] ?? 0; i < end; i++) {
      const b = bytes[i]!;
      if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return true;
    }
  }
  return false;
}

/** The last day of a YYYY-MM period, as an ISO date. */
function endOfPeriod(p: string): string {
  const y = Number(p.slice(0, 4));
  const m = Number(p.slice(5, 7));
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${p}-${String(d).padStart(2, '0')}`;
}

/**
 * Control bytes in a text column and, in a date column, dates after today or after the row's own
 * month: each verdict is decided once per distinct text; rows are then visited in order.
 */
function checkText(input: CheckInput, name: TableName, column: string, isDate: boolean, causes: Causes): void {
  const t = input.tables[name]!;
  // Most text holds no control byte: without an encoding at hand, scan the UTF-8 bytes first.
  if (!isDate && !input.codes?.(name, column) && !hasControlByte(t.getChild(column)!)) return;
  const e = coded(input, name, column)!;
  const control = e.dict.map((v) => CONTROL.exec(v)?.[0].charCodeAt(0) ?? -1);
  const future = isDate ? e.dict.map((v) => v > input.today) : [];
  if (!isDate && control.every((c) => c < 0)) return;
  // In a monthly snapshot, a date after the row's own month contradicts it.
  const period = isDate ? coded(input, name, 'period') : undefined;
  const ends = period?.dict.map((p) => (/^\d{4}-\d{2}$/.test(p) ? endOfPeriod(p) : null));
  for (let i = 0; i < e.codes.length; i++) {
    const c = e.codes[i]!;
    if (c < 0) continue;
    if (control[c]! >= 0) causes.add('warning', 'control_character', name, column, null, i + 1, { detail: hex(control[c]!) });
    if (!isDate) continue;
    const v = e.dict[c]!;
    const p = period ? period.codes[i]! : -1;
    if (future[c]) causes.add('error', 'future_date', name, column, null, i + 1, { value: v, detail: input.today });
    else if (p >= 0 && ends![p] !== null && v > ends![p]!) causes.add('warning', 'date_after_period', name, column, null, i + 1, { value: v, detail: period!.dict[p]! });
  }
}

/** Check numbers, dates and text of every table. */
export function checkValues(input: CheckInput, out: FindingCollector): void {
  const causes = new Causes(input, out);
  for (const [name, t] of Object.entries(input.tables) as [TableName, NonNullable<CheckInput['tables'][TableName]>][]) {
    if (t.numRows === 0) continue;
    for (const f of t.schema.fields) {
      const spec = SCHEMA[name].columns.find((c) => c.name === f.name);
      if (DataType.isFloat(f.type)) {
        let row = 0;
        for (const d of t.getChild(f.name)!.data) {
          const x = d.values as Float64Array;
          for (let i = 0; i < d.length; i++) {
            const v = x[i]!;
            // A null slot holds any bits: only valid slots count.
            if (v - v !== 0 && d.getValid(i)) causes.add('error', 'not_finite', name, f.name, String(v), row + i + 1);
          }
          row += d.length;
        }
      } else if (DataType.isUtf8(f.type)) checkText(input, name, f.name, spec?.type === 'date', causes);
    }
  }
  causes.flush();
}
