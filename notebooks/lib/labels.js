// Words and numbers as a reader sees them: column headers in zh and en, codes with their
// labels, short area names for chart axes, and numbers with thousands separators.
import { GUIZHOU_COUNTIES, LEVEL_TEXT, STATUS_TEXT } from "@houfu/core";

/** Headers of the columns the notebooks show (zh · en). */
export const FIELD_TEXT = {
  level: { zh: "层级", en: "level" },
  area: { zh: "地区", en: "area" },
  indicator: { zh: "指标", en: "indicator" },
  household_id: { zh: "户编号", en: "household" },
  site_name: { zh: "安置点", en: "site" },
  county_name: { zh: "县（市、区）", en: "county" },
  reason: { zh: "原因", en: "reason" },
  details: { zh: "明细", en: "details" },
  site_type: { zh: "安置点类型", en: "type of site" },
  employment_type: { zh: "就业类型", en: "type of employment" },
  cross_county: { zh: "安置方式", en: "resettlement" },
  months_since_move_in: { zh: "搬迁后月数", en: "months since move-in" },
  sex: { zh: "性别", en: "sex" },
  status: { zh: "状态", en: "status" }
};

/** Labels of the codes of a column (zh and en). */
export const CODE_TEXT = {
  site_type: { urban: { zh: "城镇", en: "urban" }, rural: { zh: "农村", en: "rural" } },
  employment_type: {
    local: { zh: "本地就业", en: "local" },
    outside_county: { zh: "县外省内", en: "outside the county" },
    outside_province: { zh: "省外", en: "outside the province" },
    workshop: { zh: "扶贫车间", en: "workshop" },
    public_welfare: { zh: "公益性岗位", en: "public welfare post" },
    self_employed: { zh: "自主创业", en: "self-employed" }
  },
  cross_county: { true: { zh: "跨县安置", en: "across county lines" }, false: { zh: "县内安置", en: "within the county" } },
  sex: { male: { zh: "男", en: "male" }, female: { zh: "女", en: "female" } },
  status: STATUS_TEXT,
  level: LEVEL_TEXT
};

/** Both languages, as headers show them: "户编号 · household". */
export const both = (t) => `${t.zh} · ${t.en}`;

/** The header of a field: its zh · en text, or the field itself when it has none. */
export const fieldHeader = (field) => (FIELD_TEXT[field] ? both(FIELD_TEXT[field]) : field);

/** The label of one code of a column in one language ("未知 · unknown" for null). */
export function codeLabel(field, value, lang = "zh") {
  if (value === null || value === undefined) return lang === "zh" ? "未知" : "unknown";
  return CODE_TEXT[field]?.[String(value)]?.[lang] ?? String(value);
}

/** The label of a code in both languages ("城镇 · urban"); values without labels as they are. */
export function codeBoth(field, value) {
  const zh = codeLabel(field, value, "zh");
  const en = codeLabel(field, value, "en");
  return zh === en ? zh : `${zh} · ${en}`;
}

const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const TWO = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An integer with thousands separators: 1,071,700. */
export const fmtInt = (n) => (n === null || n === undefined || Number.isNaN(n) ? "—" : INT.format(n));

/** A number with two decimals and thousands separators: 1,575.25. */
export const fmt2 = (n) => (n === null || n === undefined || Number.isNaN(n) ? "—" : TWO.format(n));

/** A value as shown: percent with two decimals, counts as integers, other ratios with two decimals; thousands separated. */
export function formatValue(def, value) {
  if (value === null || value === undefined) return "—";
  if (def?.format === "percent") return `${fmt2(value * 100)}%`;
  if (def?.format === "count") return fmtInt(Math.round(value));
  return fmt2(value);
}

const ETHNIC = /(布依|苗|侗|彝|回|仡佬|土家|水|壮|瑶|白)族/g;

/** A short area name for chart axes: 黔西南布依族苗族自治州 → 黔西南州, 松桃苗族自治县 → 松桃县. */
export function shortName(name) {
  if (!name) return name;
  const short = name.replace(ETHNIC, "").replace(/自治州$/, "州").replace(/自治县$/, "县");
  return short.length >= 2 ? short : name;
}

const PREFECTURE_OF = new Map(GUIZHOU_COUNTIES.map((c) => [c.code, c.prefectureCode]));

/** The prefecture code of a county code (the division list, else the code's first four digits). */
export const prefectureOf = (county) => PREFECTURE_OF.get(county) ?? `${String(county).slice(0, 4)}00`;
