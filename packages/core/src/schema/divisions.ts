/**
 * Guizhou province (贵州省, 520000): its 9 prefecture-level and 88 county-level divisions,
 * GB/T 2260 codes as of 2023 (National Bureau of Statistics statistical division codes).
 */

/** One county-level division and its prefecture. */
export interface CountyDivision {
  /** Six-digit county code. */
  readonly code: string;
  /** Official Chinese name. */
  readonly name: string;
  /** Six-digit prefecture code (e.g. 520100). */
  readonly prefectureCode: string;
}

/** The province of Guizhou. */
export const GUIZHOU = { code: '520000', name: '贵州省' } as const;

/** Guizhou's prefecture-level divisions, code → name. */
export const GUIZHOU_PREFECTURES: Readonly<Record<string, string>> = {
  '520100': '贵阳市',
  '520200': '六盘水市',
  '520300': '遵义市',
  '520400': '安顺市',
  '520500': '毕节市',
  '520600': '铜仁市',
  '522300': '黔西南布依族苗族自治州',
  '522600': '黔东南苗族侗族自治州',
  '522700': '黔南布依族苗族自治州',
};

/** Guizhou's 88 county-level divisions, sorted by code. */
export const GUIZHOU_COUNTIES: readonly CountyDivision[] = [
  { code: '520102', name: '南明区', prefectureCode: '520100' },
  { code: '520103', name: '云岩区', prefectureCode: '520100' },
  { code: '520111', name: '花溪区', prefectureCode: '520100' },
  { code: '520112', name: '乌当区', prefectureCode: '520100' },
  { code: '520113', name: '白云区', prefectureCode: '520100' },
  { code: '520115', name: '观山湖区', prefectureCode: '520100' },
  { code: '520121', name: '开阳县', prefectureCode: '520100' },
  { code: '520122', name: '息烽县', prefectureCode: '520100' },
  { code: '520123', name: '修文县', prefectureCode: '520100' },
  { code: '520181', name: '清镇市', prefectureCode: '520100' },
  { code: '520201', name: '钟山区', prefectureCode: '520200' },
  { code: '520203', name: '六枝特区', prefectureCode: '520200' },
  { code: '520204', name: '水城区', prefectureCode: '520200' },
  { code: '520281', name: '盘州市', prefectureCode: '520200' },
  { code: '520302', name: '红花岗区', prefectureCode: '520300' },
  { code: '520303', name: '汇川区', prefectureCode: '520300' },
  { code: '520304', name: '播州区', prefectureCode: '520300' },
  { code: '520322', name: '桐梓县', prefectureCode: '520300' },
  { code: '520323', name: '绥阳县', prefectureCode: '520300' },
  { code: '520324', name: '正安县', prefectureCode: '520300' },
  { code: '520325', name: '道真仡佬族苗族自治县', prefectureCode: '520300' },
  { code: '520326', name: '务川仡佬族苗族自治县', prefectureCode: '520300' },
  { code: '520327', name: '凤冈县', prefectureCode: '520300' },
  { code: '520328', name: '湄潭县', prefectureCode: '520300' },
  { code: '520329', name: '余庆县', prefectureCode: '520300' },
  { code: '520330', name: '习水县', prefectureCode: '520300' },
  { code: '520381', name: '赤水市', prefectureCode: '520300' },
  { code: '520382', name: '仁怀市', prefectureCode: '520300' },
  { code: '520402', name: '西秀区', prefectureCode: '520400' },
  { code: '520403', name: '平坝区', prefectureCode: '520400' },
  { code: '520422', name: '普定县', prefectureCode: '520400' },
  { code: '520423', name: '镇宁布依族苗族自治县', prefectureCode: '520400' },
  { code: '520424', name: '关岭布依族苗族自治县', prefectureCode: '520400' },
  { code: '520425', name: '紫云苗族布依族自治县', prefectureCode: '520400' },
  { code: '520502', name: '七星关区', prefectureCode: '520500' },
  { code: '520521', name: '大方县', prefectureCode: '520500' },
  { code: '520523', name: '金沙县', prefectureCode: '520500' },
  { code: '520524', name: '织金县', prefectureCode: '520500' },
  { code: '520525', name: '纳雍县', prefectureCode: '520500' },
  { code: '520526', name: '威宁彝族回族苗族自治县', prefectureCode: '520500' },
  { code: '520527', name: '赫章县', prefectureCode: '520500' },
  { code: '520581', name: '黔西市', prefectureCode: '520500' },
  { code: '520602', name: '碧江区', prefectureCode: '520600' },
  { code: '520603', name: '万山区', prefectureCode: '520600' },
  { code: '520621', name: '江口县', prefectureCode: '520600' },
  { code: '520622', name: '玉屏侗族自治县', prefectureCode: '520600' },
  { code: '520623', name: '石阡县', prefectureCode: '520600' },
  { code: '520624', name: '思南县', prefectureCode: '520600' },
  { code: '520625', name: '印江土家族苗族自治县', prefectureCode: '520600' },
  { code: '520626', name: '德江县', prefectureCode: '520600' },
  { code: '520627', name: '沿河土家族自治县', prefectureCode: '520600' },
  { code: '520628', name: '松桃苗族自治县', prefectureCode: '520600' },
  { code: '522301', name: '兴义市', prefectureCode: '522300' },
  { code: '522302', name: '兴仁市', prefectureCode: '522300' },
  { code: '522323', name: '普安县', prefectureCode: '522300' },
  { code: '522324', name: '晴隆县', prefectureCode: '522300' },
  { code: '522325', name: '贞丰县', prefectureCode: '522300' },
  { code: '522326', name: '望谟县', prefectureCode: '522300' },
  { code: '522327', name: '册亨县', prefectureCode: '522300' },
  { code: '522328', name: '安龙县', prefectureCode: '522300' },
  { code: '522601', name: '凯里市', prefectureCode: '522600' },
  { code: '522622', name: '黄平县', prefectureCode: '522600' },
  { code: '522623', name: '施秉县', prefectureCode: '522600' },
  { code: '522624', name: '三穗县', prefectureCode: '522600' },
  { code: '522625', name: '镇远县', prefectureCode: '522600' },
  { code: '522626', name: '岑巩县', prefectureCode: '522600' },
  { code: '522627', name: '天柱县', prefectureCode: '522600' },
  { code: '522628', name: '锦屏县', prefectureCode: '522600' },
  { code: '522629', name: '剑河县', prefectureCode: '522600' },
  { code: '522630', name: '台江县', prefectureCode: '522600' },
  { code: '522631', name: '黎平县', prefectureCode: '522600' },
  { code: '522632', name: '榕江县', prefectureCode: '522600' },
  { code: '522633', name: '从江县', prefectureCode: '522600' },
  { code: '522634', name: '雷山县', prefectureCode: '522600' },
  { code: '522635', name: '麻江县', prefectureCode: '522600' },
  { code: '522636', name: '丹寨县', prefectureCode: '522600' },
  { code: '522701', name: '都匀市', prefectureCode: '522700' },
  { code: '522702', name: '福泉市', prefectureCode: '522700' },
  { code: '522722', name: '荔波县', prefectureCode: '522700' },
  { code: '522723', name: '贵定县', prefectureCode: '522700' },
  { code: '522725', name: '瓮安县', prefectureCode: '522700' },
  { code: '522726', name: '独山县', prefectureCode: '522700' },
  { code: '522727', name: '平塘县', prefectureCode: '522700' },
  { code: '522728', name: '罗甸县', prefectureCode: '522700' },
  { code: '522729', name: '长顺县', prefectureCode: '522700' },
  { code: '522730', name: '龙里县', prefectureCode: '522700' },
  { code: '522731', name: '惠水县', prefectureCode: '522700' },
  { code: '522732', name: '三都水族自治县', prefectureCode: '522700' },
];

/** A county-level code that was replaced, with its successor. */
export interface CodeChange {
  /** The obsolete code. */
  readonly from: string;
  /** Its name before the change. */
  readonly fromName: string;
  /** The current code. */
  readonly to: string;
  /** The year of the change. */
  readonly year: number;
}

/** County-level code changes in Guizhou since 2017 (obsolete code → current code). */
export const GUIZHOU_CODE_CHANGES: readonly CodeChange[] = [
  { from: '520222', fromName: '盘县', to: '520281', year: 2017 },
  { from: '522322', fromName: '兴仁县', to: '522302', year: 2018 },
  { from: '520221', fromName: '水城县', to: '520204', year: 2020 },
  { from: '520522', fromName: '黔西县', to: '520581', year: 2021 },
];

/**
 * A divisions list that area codes are checked against: a province's prefectures and
 * counties (GB/T 2260), with the code changes it recognises. A dataset of another
 * province brings its own (`divisions.csv`, the columns of `guizhou-divisions.csv`).
 */
export interface Divisions {
  /** The province: six-digit code (e.g. 520000) and name. */
  readonly province: { readonly code: string; readonly name: string };
  /** Prefecture-level divisions, code → name. */
  readonly prefectures: Readonly<Record<string, string>>;
  /** County-level divisions. */
  readonly counties: readonly CountyDivision[];
  /** Obsolete county codes and their successors. */
  readonly changes: readonly CodeChange[];
}

/** Guizhou's divisions (the default list). */
export const GUIZHOU_DIVISIONS: Divisions = {
  province: GUIZHOU,
  prefectures: GUIZHOU_PREFECTURES,
  counties: GUIZHOU_COUNTIES,
  changes: GUIZHOU_CODE_CHANGES,
};

/**
 * A divisions list from CSV text with the columns `code,name,prefecture_code[,prefecture_name]`
 * (one row per county); a row whose code equals its prefecture_code names the prefecture.
 * Returns a text saying what is wrong when the text is not such a list.
 * @example parseDivisions('code,name,prefecture_code,prefecture_name\n530102,五华区,530100,昆明市\n')
 */
export function parseDivisions(text: string): Divisions | string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const at = (n: string): number => header.indexOf(n);
  if (at('code') < 0 || at('prefecture_code') < 0) return 'the header must name code and prefecture_code';
  const prefectures: Record<string, string> = {};
  const counties: CountyDivision[] = [];
  let province: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i]!.split(',').map((s) => s.trim());
    const code = f[at('code')] ?? '';
    const pre = f[at('prefecture_code')] ?? '';
    if (!/^\d{6}$/.test(code) || !/^\d{6}$/.test(pre) || !pre.endsWith('00')) return `line ${i + 1}: ${JSON.stringify(lines[i])} is not a six-digit code and prefecture code`;
    const p2 = `${code.slice(0, 2)}0000`;
    if (province !== undefined && p2 !== province) return `line ${i + 1}: ${code} is not in province ${province}`;
    province = p2;
    const pname = at('prefecture_name') >= 0 ? (f[at('prefecture_name')] ?? '') : '';
    if (!(pre in prefectures) || (pname && !prefectures[pre])) prefectures[pre] = pname;
    if (code !== pre) counties.push({ code, name: at('name') >= 0 ? (f[at('name')] ?? '') : '', prefectureCode: pre });
  }
  if (province === undefined) return 'the list has no rows';
  return { province: { code: province, name: '' }, prefectures, counties, changes: [] };
}
