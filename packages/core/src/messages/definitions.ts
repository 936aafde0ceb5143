/**
 * Texts of findings in definitions written as JSON (see `model/normalize.ts`).
 */
import type { LocalText } from '../model/indicator.js';

/** Rules a definition written as JSON can break. */
export type DefinitionRule = 'type' | 'enum' | 'required' | 'unknown_key' | 'id' | 'duplicate';

/** Finding texts, by rule: `path` is a JSON pointer, `detail` what was expected or found. */
export const DEFINITION_TEXT: Readonly<Record<DefinitionRule, (path: string, detail: string) => LocalText>> = {
  type: (path, detail) => ({ zh: `${path}：应为${detail}`, en: `${path}: expected ${detail}` }),
  enum: (path, detail) => ({ zh: `${path}：取值应为 ${detail} 之一`, en: `${path}: must be one of ${detail}` }),
  required: (path, detail) => ({ zh: `${path}：缺少 ${detail}`, en: `${path}: ${detail} is required` }),
  unknown_key: (path, detail) => ({ zh: `${path}：未知的键（可用：${detail}）`, en: `${path}: unknown key (allowed: ${detail})` }),
  id: (path, detail) => ({ zh: `${path}：指标编号 ${detail} 应为“类别.名称”（小写字母、数字、下划线）`, en: `${path}: indicator id ${detail} must be "family.name" (lower-case letters, digits, underscores)` }),
  duplicate: (path, detail) => ({ zh: `${path}：指标编号 ${detail} 重复`, en: `${path}: indicator id ${detail} appears twice` }),
};
