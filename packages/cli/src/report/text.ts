/** The scorecard in the terminal: readable tables with Chinese and English labels. */
import { STATUS_TEXT, type Status } from '@houfu/core';
import { textTable } from '../common.js';
import { formatTarget, formatValue, type ReportModel } from './model.js';

const status = (s: Status): string => `${STATUS_TEXT[s]?.zh ?? s} ${STATUS_TEXT[s]?.en ?? ''}`.trim();

/** Render the report model as terminal text. */
export function reportText(m: ReportModel, title: string, synthetic: boolean): string {
  const out: string[] = [`${title}\n`];
  if (synthetic) out.push('合成数据：按公开汇总数校准，不是真实的个人记录。Synthetic data, calibrated to published aggregates; not records of real people.\n');
  const prov = [...m.province.values()][0];
  out.push(`${prov?.area_name ?? prov?.area_code ?? ''} — ${m.prefectures.get(m.definitions[0]?.id ?? '')?.length ?? 0} prefectures\n\n`);
  const rows = m.definitions.map((d) => {
    const p = m.province.get(d.id);
    const prefs = (m.prefectures.get(d.id) ?? []).filter((r) => r.value !== null);
    const lo = prefs.reduce<(typeof prefs)[number] | undefined>((a, r) => (a === undefined || (r.value ?? 0) < (a.value ?? 0) ? r : a), undefined);
    const hi = prefs.reduce<(typeof prefs)[number] | undefined>((a, r) => (a === undefined || (r.value ?? 0) > (a.value ?? 0) ? r : a), undefined);
    const range = lo && hi ? `${formatValue(d, lo.value)} ${lo.area_name ?? lo.area_code} – ${formatValue(d, hi.value)} ${hi.area_name ?? hi.area_code}` : '';
    return [d.id, d.name.zh, d.name.en, formatTarget(d), formatValue(d, p?.value ?? null), p ? status(p.status) : '', p ? String(p.unknown) : '', range];
  });
  out.push(textTable(['indicator', '指标', 'name', '目标 target', '全省 province', '状态 status', '不详 unknown', '市州最低–最高 prefecture range'], rows, new Set([4, 6])));
  if (m.comparisons.length) {
    out.push('\n公布数与计算数 Published vs computed\n');
    if (m.scale !== 1)
      out.push(`数据规模为 ${m.scale}，计数只在规模 1 时比较。The data are at scale ${m.scale}: counts are compared at scale 1 only (houfu generate --scale 1).\n`);
    const crow = m.comparisons.map((c) => [
      c.figure.label.zh,
      c.figure.label.en,
      c.figure.value.toLocaleString('en-US', { maximumFractionDigits: c.figure.decimals }),
      c.computed === null ? '—' : c.computed.toLocaleString('en-US', { maximumFractionDigits: c.figure.decimals }),
      c.difference === null ? '—' : c.difference.toLocaleString('en-US', { maximumFractionDigits: c.figure.decimals }),
      c.figure.indicator,
    ]);
    out.push(textTable(['公布项目', 'published figure', '公布 published', '计算 computed', '差 difference', 'from'], crow, new Set([2, 3, 4])));
  }
  return out.join('');
}
