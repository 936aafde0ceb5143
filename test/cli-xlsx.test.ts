/**
 * Excel output, read back with an independent reader (SheetJS), and CSV with a byte-order mark.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';

const CLI = 'packages/cli/dist/main.js';
const HAND = 'test/fixtures/hand';
const dir = mkdtempSync(join(tmpdir(), 'houfu-xlsx-'));

function houfu(...args: string[]): { code: number; out: string; err: string; bytes: Buffer } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'buffer', env: { ...process.env, LANG: 'C.UTF-8', TZ: 'UTC' } });
  return { code: r.status ?? -1, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8'), bytes: r.stdout };
}

const read = (file: string): XLSX.WorkBook => XLSX.read(readFileSync(file), { cellNF: true, cellStyles: true, bookFiles: true });
/** The XML of a part of the package. */
const part = (wb: XLSX.WorkBook, name: string): string => {
  const f = (wb as unknown as { files: Record<string, { content: Uint8Array | string }> }).files[name];
  if (!f) throw new Error(`no ${name}`);
  return typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('utf8');
};
/** Rows of a sheet as objects keyed by the header row. */
const rowsOf = (ws: XLSX.WorkSheet): Record<string, unknown>[] => XLSX.utils.sheet_to_json(ws, { defval: null });

describe('compute --format xlsx', () => {
  const file = join(dir, 'musts.xlsx');
  const args = ['compute', '--data', HAND, '--indicators', 'four_musts,services', '--by', 'province,prefecture'];
  const run = houfu(...args, '--format', 'xlsx', '--out', file);
  const csv = csvParse(houfu(...args, '--format', 'csv').out);

  it('writes one sheet per level with Chinese and English headers', () => {
    expect(run.code, run.err).toBe(0);
    const wb = read(file);
    expect(wb.SheetNames).toEqual(['省 province', '市（州） prefecture']);
    const head = (XLSX.utils.sheet_to_json(wb.Sheets['省 province']!, { header: 1 })[0] as string[]);
    for (const h of ['指标编号 indicator id', '地区 area', '分子 numerator', '分母 denominator', '数值 value', '目标 target', '状态 status']) expect(head).toContain(h);
  });

  it('holds the same numbers as the CSV output, with percent and integer formats', () => {
    const wb = read(file);
    const all = [...rowsOf(wb.Sheets['省 province']!), ...rowsOf(wb.Sheets['市（州） prefecture']!)];
    expect(all).toHaveLength(csv.length);
    for (const c of csv) {
      const x = all.find((r) => r['指标编号 indicator id'] === c.indicator_id && r['地区代码 area code'] === c.area_code);
      expect(x, `${c.indicator_id} ${c.area_code}`).toBeDefined();
      expect(x!['分子 numerator']).toBe(Number(c.numerator));
      expect(x!['分母 denominator']).toBe(Number(c.denominator));
      expect(x!['数值 value']).toBe(c.value === '' ? null : Number(c.value));
    }
    // Hand fixture: four_musts.employment at the province is 7/9, shown as 77.78%.
    const ws = wb.Sheets['省 province']!;
    const ref = XLSX.utils.decode_range(ws['!ref']!);
    const headers = (XLSX.utils.sheet_to_json(ws, { header: 1 })[0] as string[]);
    const vCol = headers.indexOf('数值 value');
    const nCol = headers.indexOf('分子 numerator');
    let seen = 0;
    for (let r = 1; r <= ref.e.r; r++) {
      if (ws[XLSX.utils.encode_cell({ r, c: 0 })]?.v !== 'four_musts.employment') continue;
      const v = ws[XLSX.utils.encode_cell({ r, c: vCol })]!;
      expect(v.z).toBe('0.00%');
      expect(XLSX.SSF.format(v.z as string, v.v)).toBe('77.78%');
      expect(ws[XLSX.utils.encode_cell({ r, c: nCol })]!.z).toBe('#,##0');
      seen++;
    }
    expect(seen).toBe(1);
  });

  it('freezes the header row, sets an autofilter and fits column widths', () => {
    const wb = read(file);
    const xml = part(wb, 'xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    const rows = rowsOf(wb.Sheets['省 province']!).length;
    expect(xml).toMatch(new RegExp(`<autoFilter ref="A1:[A-Z]+${rows + 1}"`));
    const cols = wb.Sheets['省 province']!['!cols']!;
    const headers = (XLSX.utils.sheet_to_json(wb.Sheets['省 province']!, { header: 1 })[0] as string[]);
    // The Chinese indicator names (up to 13 characters, two cells each) fit their column.
    const zh = headers.indexOf('指标名称 indicator (zh)');
    expect(cols[zh]!.width).toBeGreaterThanOrEqual(26);
  });

  it('refuses --bom with a format other than csv', () => {
    const bom = houfu(...args, '--format', 'json', '--bom');
    expect(bom.code).toBe(2);
    expect(bom.err).toContain('--bom applies only to --format csv');
  });
});

describe('households and report --format xlsx', () => {
  it('writes the drill-down list as a sheet with the same households', () => {
    const file = join(dir, 'hh.xlsx');
    const base = ['households', '--failing', 'four_musts.employment', '--data', HAND];
    expect(houfu(...base, '--format', 'xlsx', '--out', file).code).toBe(0);
    const wb = read(file);
    expect(wb.SheetNames).toEqual(['家庭 households']);
    const got = rowsOf(wb.Sheets['家庭 households']!).map((r) => r['户编号 household id']);
    // test/fixtures/hand/README.md: H02, H12 failing; H05, H07, H11, H13 unknown.
    expect([...got].sort()).toEqual(['H02', 'H05', 'H07', 'H11', 'H12', 'H13']);
  });

  it('report --format xlsx adds results.xlsx with a sheet per level', () => {
    const out = join(dir, 'report');
    const r = houfu('report', '--data', HAND, '--out', out, '--format', 'xlsx', '--quiet');
    expect(r.code, r.err).toBe(0);
    const wb = read(join(out, 'results.xlsx'));
    expect(wb.SheetNames.slice(0, 3)).toEqual(['省 province', '市（州） prefecture', '县（市、区） county']);
    const counties = new Set(rowsOf(wb.Sheets['县（市、区） county']!).map((x) => x['地区代码 area code']));
    expect([...counties].sort()).toEqual(['520102', '520111', '520402']);
  });
});

describe('csv --bom', () => {
  it('starts with EF BB BF and is otherwise the plain CSV', () => {
    const base = ['compute', '--data', HAND, '--indicators', 'four_musts', '--by', 'county', '--format', 'csv'];
    const plain = houfu(...base).bytes;
    const bom = houfu(...base, '--bom').bytes;
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(plain[0]).not.toBe(0xef);
    expect(bom.subarray(3).equals(plain)).toBe(true);
  });
});
