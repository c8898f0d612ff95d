/**
 * The calendar date and wall-clock time in Japan at an instant, whatever the
 * device's time zone or locale.
 *
 * By arithmetic: Japan keeps UTC+9 all year (no daylight saving since 1951), so
 * its wall clock is the instant plus nine hours, read in UTC. No Intl: the first
 * `Intl.DateTimeFormat` of a page loads ICU's date data (45–90 ms on this
 * machine, four times that on a slow phone), and the clock is read at start-up.
 * Never parse a formatted date as data either: its shape differs between
 * engines (WebKit formats `en-CA` as `12/2/2026`, Chromium `2026-12-02`).
 */
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000

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
  const wall = new Date(now.getTime() + JAPAN_OFFSET_MS)
  // Within nine hours of the last date JavaScript can hold, Japan's wall clock is beyond it.
  if (Number.isNaN(wall.getTime())) throw new RangeError('tokyoClock: date out of range')
  const c = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() }
  return { ...c, date: `${c.year}-${pad(c.month)}-${pad(c.day)}`, time: `${pad(c.hour)}:${pad(c.minute)}` }
}
