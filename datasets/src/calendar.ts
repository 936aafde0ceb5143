/**
 * The preset's calendar: days are counted from 2016-01-01 (day 0) to 2019-12-31 (day 1460),
 * months from 2016-01 (month 0) to 2019-12 (month 47).
 */

/** The first day of 2019. */
export const FIRST_DAY_2019 = 1096;
/** 2019-12-31, the last day of the preset. */
export const LAST_DAY = 1460;
/** 2019-12, the last month of the preset and the state of a dataset without periods. */
export const LAST_MONTH = 47;

const EPOCH = Date.UTC(2016, 0, 1);
const DAY_MS = 86_400_000;

let dateCache: string[] | undefined;
let monthOfDayCache: Uint8Array | undefined;

function build(): void {
  dateCache = new Array<string>(LAST_DAY + 1);
  monthOfDayCache = new Uint8Array(LAST_DAY + 1);
  for (let d = 0; d <= LAST_DAY; d++) {
    const date = new Date(EPOCH + d * DAY_MS);
    dateCache[d] = date.toISOString().slice(0, 10);
    monthOfDayCache[d] = (date.getUTCFullYear() - 2016) * 12 + date.getUTCMonth();
  }
}

/** The `YYYY-MM-DD` text of a day number (one shared string per day). */
export function dateText(day: number): string {
  if (!dateCache) build();
  return dateCache![day]!;
}

/** The month number of a day number. */
export function monthOfDay(day: number): number {
  if (!monthOfDayCache) build();
  return monthOfDayCache![day]!;
}

/** The `YYYY-MM` text of a month number. */
export function periodText(month: number): string {
  const year = 2016 + Math.floor(month / 12);
  return `${year}-${String((month % 12) + 1).padStart(2, '0')}`;
}
