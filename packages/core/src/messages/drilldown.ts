/**
 * Texts of drill-down lists: reasons (zh and en) and the details of labelled quantifiers.
 */
import type { LocalText } from '../model/indicator.js';

/** Drill-down texts. */
export const DRILLDOWN_TEXT = {
  /** Status words when a definition gives no reasons. */
  status: (status: 'failed' | 'unknown'): LocalText => ({ zh: status, en: status }),
  /** The reason of a row: the definition's reason, and the components that fail (or are unknown). */
  reason: (reason: LocalText, parts: readonly LocalText[]): LocalText =>
    parts.length
      ? { zh: `${reason.zh}：${parts.map((p) => p.zh).join('、')}`, en: `${reason.en}: ${parts.map((p) => p.en).join(', ')}` }
      : reason,
  /** One detail: a labelled quantifier's count of children, and of unknown ones. */
  detail: (label: LocalText, count: number, unknown: number): string => `${label.en}: ${count}${unknown ? ` (+${unknown} unknown)` : ''}`,
  /** An engine that cannot list rows. */
  noRows: (engine: string): LocalText => ({
    zh: `${engine} 引擎不能列出明细（请用 kernel 或 arquero 引擎）`,
    en: `the ${engine} engine cannot list rows for drill-down (use the kernel or arquero engine)`,
  }),
  /** Details joined. */
  details: (parts: readonly string[]): string => parts.join('; '),
} as const;
