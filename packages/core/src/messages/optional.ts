/**
 * User-facing texts of optional dependencies, in Chinese and English.
 */
import type { LocalText } from '../model/indicator.js';

/** Error texts of optional packages that are not installed. */
export const OPTIONAL_TEXT = {
  missing: (feature: LocalText, packages: readonly string[]): LocalText => ({
    zh: `${feature.zh}需要安装可选依赖：npm install ${packages.join(' ')}`,
    en: `${feature.en} needs optional packages that are not installed: npm install ${packages.join(' ')}`,
  }),
} as const;
