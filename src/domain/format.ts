/**
 * Formatting for people, in the region's time zone whatever the device's zone.
 *
 * Dates, months, counts and distances, the ones the main routes show with their first data, are written by
 * arithmetic, as Chromium's ICU writes them for ja-JP and en-GB (a unit test compares them with Intl). The first
 * Intl object of a page loads ICU's data: 30–80 ms on this machine, four times that on a slow phone, in the task
 * that first shows the data (issue 18). The rarer ones (sizes, percentages, lists) use Intl, each formatter made once.
 */
import { tokyoClock } from './tokyo-clock'

export const TIME_ZONE = 'Asia/Tokyo'

/** The BCP 47 tag the app formats with for a UI language. */
function intlTag(locale: string): string {
  return locale === 'en' ? 'en-GB' : 'ja-JP'
}

/** Intl's formatters, each made once per language and options: making one costs far more than using it. */
const formatters = new Map<string, Intl.NumberFormat | Intl.ListFormat>()
function made<T extends Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined
  if (!f) {
    f = make()
    formatters.set(key, f)
  }
  return f
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return made(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(intlTag(locale), options))
}

export function listFormat(locale: string, options: Intl.ListFormatOptions): Intl.ListFormat {
  return made(`l|${locale}|${JSON.stringify(options)}`, () => new Intl.ListFormat(intlTag(locale), options))
}

const WEEKDAYS = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] }
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const isEnglish = (locale: string) => locale === 'en'
const pad = (n: number) => String(n).padStart(2, '0')

/** The short weekday names, Sunday first: 日…土 / Sun…Sat. */
export function weekdayNames(locale: string): readonly string[] {
  return isEnglish(locale) ? WEEKDAYS.en : WEEKDAYS.ja
}

/** Midnight UTC of a calendar date (`Date.UTC` would read the years 0–99 as 1900–1999). */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date
}

/** A calendar date in Japan, from `YYYY-MM-DD` as it is, from a timestamp by Japan's clock; null when invalid. */
function japanDay(iso: string): { year: number; month: number; day: number; weekday: number } | null {
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  const instant = calendar ? utcDay(Number(calendar[1]), Number(calendar[2]), Number(calendar[3])) : new Date(iso)
  if (Number.isNaN(instant.getTime())) return null
  if (calendar) {
    // 2025-02-30 is no date: it is shown as written, as any other invalid date.
    if (instant.getUTCMonth() + 1 !== Number(calendar[2])) return null
    return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate(), weekday: instant.getUTCDay() }
  }
  try {
    const { year, month, day } = tokyoClock(instant)
    return { year, month, day, weekday: utcDay(year, month, day).getUTCDay() }
  } catch {
    return null
  }
}

/** `2025-06-08` (a calendar date in Japan) or an ISO timestamp: 「2025年6月8日(日)」 / "Sun, 8 June 2025", short 「2025/6/8」 / "08/06/2025". */
export function formatDate(iso: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const d = japanDay(iso)
  if (!d) return iso
  if (isEnglish(locale)) return style === 'long' ? `${WEEKDAYS.en[d.weekday]}, ${d.day} ${MONTHS_EN[d.month - 1]} ${d.year}` : `${pad(d.day)}/${pad(d.month)}/${d.year}`
  return style === 'long' ? `${d.year}年${d.month}月${d.day}日(${WEEKDAYS.ja[d.weekday]})` : `${d.year}/${d.month}/${d.day}`
}

/** The name of a month (1–12): 「12月」 / "December". */
export function formatMonth(month: number, locale: string): string {
  return isEnglish(locale) ? (MONTHS_EN[month - 1] ?? String(month)) : `${month}月`
}

/** A calendar month, `2026-12`: 「2026年12月」 / "December 2026". */
export function formatYearMonth(yearMonth: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth)
  const [year, month] = m ? [Number(m[1]), Number(m[2])] : [0, 0]
  if (month < 1 || month > 12) return yearMonth
  return isEnglish(locale) ? `${MONTHS_EN[month - 1]} ${year}` : `${year}年${month}月`
}

/**
 * `n` with at most `digits` decimals, rounded half away from zero on its shortest decimal form (as Intl rounds:
 * 1.15 → 1.2, where `toFixed` gives 1.1), grouped by thousands with commas (ja-JP and en-GB alike). A negative
 * number that rounds to 0 is written 0 (Intl writes -0): the app formats no negative counts or distances. Numbers
 * no count reaches (infinite, or of 10^15 and more, whose decimal form JavaScript writes with an exponent) go to Intl.
 */
function decimal(n: number, digits: number, locale: string): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e15) return numberFormat(locale, { maximumFractionDigits: digits }).format(n)
  const text = String(Math.abs(n))
  const rounded = text.includes('e') ? Math.abs(n).toFixed(digits) : String(Number(`${Math.round(Number(`${text}e${digits}`))}e-${digits}`))
  const [whole = '0', fraction] = rounded.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${n < 0 && Number(rounded) !== 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`
}

/** A count or amount: 「12,345」 (up to three decimals). */
export function formatNumber(n: number, locale: string): string {
  return decimal(n, 3, locale)
}

/** "350 m" / "1.2 km" in the UI language (the same in both). */
export function formatDistance(metres: number, locale: string): string {
  if (metres < 1000) return `${decimal(Math.round(metres / 10) * 10 || Math.round(metres), 0, locale)} m`
  return `${decimal(metres / 1000, metres < 10_000 ? 1 : 0, locale)} km`
}

/** A download's size in megabytes, one decimal: 「12.3 MB」. */
export function formatMegabytes(bytes: number, locale: string): string {
  return numberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1_000_000)
}

/** "12 KB" / "3.4 MB" in the UI language (powers of 1000, as the browsers' own storage pages). */
export function formatBytes(bytes: number, locale: string): string {
  // From 0.1 KB up: a byte count means little to a person.
  const [unit, value] = bytes < 1e6 ? (['kilobyte', Math.max(0.1, bytes / 1e3)] as const) : bytes < 1e9 ? (['megabyte', bytes / 1e6] as const) : (['gigabyte', bytes / 1e9] as const)
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)
}
