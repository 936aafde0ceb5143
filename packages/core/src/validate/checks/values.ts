/**
 * Values a type check lets through: numbers that overflow to infinity (`1e999` in text),
 * dates after today or after the month of their own snapshot row, and control bytes (NUL …) in text.
 */
import { DataType, type Vector } from 'apache-arrow';
import { SCHEMA, type TableName } from '../../schema/tables.js';
import type { FindingCollector } from '../finding.js';
import { Causes, values, type CheckInput } from './context.js';

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
      } else if (DataType.isUtf8(f.type)) {
        const isDate = spec?.type === 'date';
        // Most text holds no control byte: scan the UTF-8 bytes, decode only when needed.
        if (!isDate && !hasControlByte(t.getChild(f.name)!)) continue;
        const vals = values(t, f.name) ?? [];
        // In a monthly snapshot, a date after the row's own month contradicts it.
        const period = isDate ? values(t, 'period') : undefined;
        for (let i = 0; i < vals.length; i++) {
          const v = vals[i];
          if (typeof v !== 'string') continue;
          const m = CONTROL.exec(v);
          if (m) causes.add('warning', 'control_character', name, f.name, null, i + 1, { detail: hex(m[0].charCodeAt(0)) });
          if (!isDate) continue;
          if (v > input.today) causes.add('error', 'future_date', name, f.name, null, i + 1, { value: v, detail: input.today });
          else if (typeof period?.[i] === 'string' && v > endOfPeriod(period[i] as string))
            causes.add('warning', 'date_after_period', name, f.name, null, i + 1, { value: v, detail: period[i] as string });
        }
      }
    }
  }
  causes.flush();
}
