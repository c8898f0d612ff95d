/**
 * The calendar date and wall-clock time in Japan at an instant, whatever the
 * device's time zone or locale.
 *
 * Built from `formatToParts` numbers only: the *shape* of a formatted date
 * differs between engines and ICU versions (WebKit formats `en-CA` as
 * `12/2/2026`, where Chromium gives `2026-12-02`), so never use `format()`
 * output as data.
 */
const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
  numberingSystem: 'latn',
})

export interface TokyoClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  /** YYYY-MM-DD */
  date: string
  /** HH:MM (00:00–23:59) */
  time: string
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Japan's date and time at `now`. Throws on an invalid date rather than returning garbage. */
export function tokyoClock(now: Date = new Date()): TokyoClock {
  if (Number.isNaN(now.getTime())) throw new RangeError('tokyoClock: invalid date')
  const n: Record<string, number> = {}
  for (const p of parts.formatToParts(now)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute') n[p.type] = Number(p.value)
  }
  // Some engines render midnight as hour 24 even with h23.
  const hour = n.hour === 24 ? 0 : n.hour!
  const c = { year: n.year!, month: n.month!, day: n.day!, hour, minute: n.minute! }
  return { ...c, date: `${c.year}-${pad(c.month)}-${pad(c.day)}`, time: `${pad(c.hour)}:${pad(c.minute)}` }
}
