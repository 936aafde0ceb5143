/**
 * Errors thrown by the library. Each carries English and Chinese text; data errors
 * carry the findings that caused them.
 */
import type { LocalText } from './model/indicator.js';
import type { Finding } from './validate/finding.js';

/** Why a HoufuError was thrown. */
export type HoufuErrorCode = 'invalid_dataset' | 'invalid_request' | 'invalid_definition' | 'io' | 'missing_dependency';

/** An error with a code, bilingual text, and the findings behind it (for data errors). */
export class HoufuError extends Error {
  override name = 'HoufuError';
  /** What kind of error. */
  readonly code: HoufuErrorCode;
  /** The message in Chinese. */
  readonly messageZh: string;
  /** Findings behind a data error (empty otherwise). */
  readonly findings: readonly Finding[];

  constructor(code: HoufuErrorCode, text: LocalText, findings: readonly Finding[] = []) {
    super(text.en);
    this.code = code;
    this.messageZh = text.zh;
    this.findings = findings;
  }
}
