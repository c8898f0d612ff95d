/** Formatting for people: Intl, in the region's time zone whatever the device's zone. */
export const TIME_ZONE = 'Asia/Tokyo'

const cache = new Map<string, Intl.DateTimeFormat>()
function dateFormatter(locale: string, style: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ja-JP', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: style === 'long' ? 'long' : 'numeric',
      day: 'numeric',
      weekday: style === 'long' ? 'short' : undefined,
    })
    cache.set(key, f)
  }
  return f
}

/** `2025-06-08` (a calendar date in Japan) or an ISO timestamp. */
export function formatDate(iso: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00+09:00`) : new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return dateFormatter(locale, style).format(date)
}

/** The name of a month (1–12): 「12月」 / "December". */
export function formatMonth(month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 15)))
}

export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ja-JP').format(n)
}

/** "350 m" / "1.2 km" in the UI language. */
export function formatDistance(metres: number, locale: string): string {
  const tag = locale === 'en' ? 'en-GB' : 'ja-JP'
  if (metres < 1000) return new Intl.NumberFormat(tag, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(Math.round(metres / 10) * 10 || Math.round(metres))
  return new Intl.NumberFormat(tag, { style: 'unit', unit: 'kilometer', maximumFractionDigits: metres < 10_000 ? 1 : 0 }).format(metres / 1000)
}

/** "12 KB" / "3.4 MB" in the UI language (powers of 1000, as the browsers' own storage pages). */
export function formatBytes(bytes: number, locale: string): string {
  const tag = locale === 'en' ? 'en-GB' : 'ja-JP'
  // From 0.1 KB up: a byte count means little to a person.
  const [unit, value] = bytes < 1e6 ? (['kilobyte', Math.max(0.1, bytes / 1e3)] as const) : bytes < 1e9 ? (['megabyte', bytes / 1e6] as const) : (['gigabyte', bytes / 1e9] as const)
  return new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)
}
