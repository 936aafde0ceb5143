/** The scorecard in the terminal: names in the chosen language, two-decimal percentages, 100 columns. */
import { textTable } from '../common.js';
import { statusName } from '../format/labels.js';
import { WIDTH, wrap } from '../help.js';
import { say, type Lang } from '../messages.js';
import { shortName } from './charts.js';
import { formatTarget, formatValue, NOT_COMPARED_TEXT, type ReportModel } from './model.js';

/** A target as "≥ 100%" (no trailing zeros). */
const compactTarget = (d: ReportModel['definitions'][number]): string =>
  d.target ? `${d.target.direction === 'at_least' ? '≥' : '≤'} ${d.format === 'percent' ? `${+(d.target.value * 100).toFixed(2)}%` : formatTarget(d).slice(2)}` : '';

const num = (v: number, d: number): string => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** Render the report model as terminal text. */
export function reportText(m: ReportModel, title: string, synthetic: boolean, lang: Lang = 'en'): string {
  const zh = lang === 'zh';
  const out: string[] = [`${wrap(title, WIDTH, 0).join('\n')}\n`];
  if (synthetic) out.push(zh ? '合成数据：按公开汇总数校准，不是真实的个人记录。\n' : 'Synthetic data, calibrated to published aggregates; not records of real people.\n');
  const prov = [...m.province.values()][0];
  const nPref = m.prefectures.get(m.definitions[0]?.id ?? '')?.length ?? 0;
  out.push(`${prov?.area_name ?? prov?.area_code ?? ''} — ${nPref} ${zh ? '个市（州）' : 'prefectures'}\n\n`);
  const rows = m.definitions.map((d) => {
    const p = m.province.get(d.id);
    const prefs = (m.prefectures.get(d.id) ?? []).filter((r) => r.value !== null);
    const lo = prefs.reduce<(typeof prefs)[number] | undefined>((a, r) => (a === undefined || (r.value ?? 0) < (a.value ?? 0) ? r : a), undefined);
    const hi = prefs.reduce<(typeof prefs)[number] | undefined>((a, r) => (a === undefined || (r.value ?? 0) > (a.value ?? 0) ? r : a), undefined);
    const range = lo && hi ? `${formatValue(d, lo.value)} ${shortName(lo.area_name ?? lo.area_code)} – ${formatValue(d, hi.value)} ${shortName(hi.area_name ?? hi.area_code)}` : '';
    return [d.name[lang], compactTarget(d), formatValue(d, p?.value ?? null), p ? statusName(p.status, lang) : '', p ? num(p.unknown, 0) : '', range];
  });
  const head = zh ? ['指标', '目标', '全省', '状态', '不详', '市（州）最低 – 最高'] : ['indicator', 'target', 'province', 'status', 'unknown', 'lowest – highest prefecture'];
  out.push(textTable(head, rows, { right: new Set([1, 2, 4]), width: WIDTH, shrink: [0, 5], floor: { 0: 20, 5: 36 } }));
  if (m.comparisons.length) {
    out.push(zh ? '\n公布数与计算数\n' : '\nPublished vs computed\n');
    if (m.scale !== 1)
      out.push(
        (zh
          ? `数据规模为 ${m.scale}：人数、户数只在规模 1 时与公布数比较（houfu generate --scale 1）。\n`
          : `The data are at scale ${m.scale}: counts are compared with the published ones at scale 1 only (houfu generate --scale 1).\n`
        )
          .trimEnd()
          .split('\n')
          .flatMap((l) => wrap(l, WIDTH, 0))
          .join('\n') + '\n',
      );
    const crow = m.comparisons.map((c) => {
      const d = c.figure.decimals;
      const not = c.reason ? say(lang, NOT_COMPARED_TEXT[c.reason]) : '';
      return [c.figure.label[lang], num(c.figure.value, d), c.computed === null ? not : num(c.computed, d), c.difference === null ? '' : c.difference === 0 ? '0' : num(c.difference, d)];
    });
    out.push(textTable(zh ? ['公布项目', '公布', '计算', '差'] : ['published figure', 'published', 'computed', 'difference'], crow, { right: new Set([1, 2, 3]), width: WIDTH, shrink: [0] }));
  }
  return out.join('');
}
