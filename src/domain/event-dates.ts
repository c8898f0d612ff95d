/**
 * Event date logic, always on the calendar of Japan (Asia/Tokyo, UTC+9 with no
 * daylight saving) whatever the device's time zone. Dates are ISO strings
 * `YYYY-MM-DD`; arithmetic runs on UTC midnights so the machine zone never
 * leaks in. Pure: no Vue.
 */
import type { EventDate, Recurrence, RegionEvent } from './snapshot-schema'
import { tokyoClock } from './tokyo-clock'

export type IsoDate = string

export interface Occurrence {
  start: IsoDate
  end: IsoDate
  startTime?: string
  endTime?: string
  /** True when computed from the event's annual rule rather than a published date. */
  fromRule?: boolean
}

export interface DateRange {
  start: IsoDate
  end: IsoDate
}

/** Today's date in Japan at instant `now` (YYYY-MM-DD in every engine; see tokyo-clock.ts). */
export function todayInTokyo(now: Date = new Date()): IsoDate {
  return tokyoClock(now).date
}

const pad = (n: number) => String(n).padStart(2, '0')
export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad(month)}-${pad(day)}`
}
function utc(iso: IsoDate): Date {
  return new Date(`${iso}T00:00:00Z`)
}
function fromUtc(d: Date): IsoDate {
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}
export function addDays(iso: IsoDate, days: number): IsoDate {
  const d = utc(iso)
  d.setUTCDate(d.getUTCDate() + days)
  return fromUtc(d)
}
/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: IsoDate): number {
  return utc(iso).getUTCDay()
}
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The date of the nth weekday of a month (nth 1–5, or -1 for the last); null when it does not exist. */
export function nthWeekday(year: number, month: number, nth: number, weekday: number): IsoDate | null {
  if (nth === -1) {
    const last = daysInMonth(year, month)
    const lastWeekday = weekdayOf(isoOf(year, month, last))
    return isoOf(year, month, last - ((lastWeekday - weekday + 7) % 7))
  }
  const firstWeekday = weekdayOf(isoOf(year, month, 1))
  const day = 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7
  return day <= daysInMonth(year, month) ? isoOf(year, month, day) : null
}

/** The rule's occurrence in a given year (null when that year has no such day, e.g. 2/29). */
export function ruleOccurrence(rule: Recurrence, year: number): Occurrence | null {
  let start: IsoDate | null
  if (rule.type === 'annual-date') start = rule.day <= daysInMonth(year, rule.month) ? isoOf(year, rule.month, rule.day) : null
  else start = nthWeekday(year, rule.month, rule.nth, rule.weekday)
  if (!start) return null
  return { start, end: addDays(start, (rule.days ?? 1) - 1), fromRule: true }
}

function fromDate(d: EventDate): Occurrence {
  return { start: d.start, end: d.end && d.end >= d.start ? d.end : d.start, startTime: d.startTime, endTime: d.endTime }
}

/**
 * All occurrences worth knowing at `today`: the published dates, plus — for an
 * annual rule — last year's, this year's and the next year's dates by the rule
 * (unless a published date already covers that year). Sorted by start.
 */
export function occurrences(event: Pick<RegionEvent, 'dates' | 'recurrence'>, today: IsoDate): Occurrence[] {
  const list = event.dates.map(fromDate)
  if (event.recurrence) {
    const year = Number(today.slice(0, 4))
    const add = (y: number) => {
      const occ = ruleOccurrence(event.recurrence!, y)
      if (occ && !list.some((o) => o.start.slice(0, 4) === String(y))) list.push(occ)
      return occ !== null
    }
    add(year - 1)
    add(year)
    // The next year that has the day (29 February: up to 4 years on).
    for (let y = year + 1; y <= year + 8 && !add(y); y++);
  }
  return list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
}

export type EventStatus = 'ongoing' | 'upcoming' | 'ended' | 'undated'

export interface EventTiming {
  status: EventStatus
  /** The current or next occurrence (ongoing/upcoming), else the most recent one (ended). */
  occurrence: Occurrence | null
}

export function eventTiming(event: Pick<RegionEvent, 'dates' | 'recurrence'>, today: IsoDate): EventTiming {
  const list = occurrences(event, today)
  if (!list.length) return { status: 'undated', occurrence: null }
  const next = list.find((o) => o.end >= today)
  if (next) return { status: next.start <= today ? 'ongoing' : 'upcoming', occurrence: next }
  return { status: 'ended', occurrence: list[list.length - 1]! }
}

/** The current or next date of an event on or after `today` (today itself while it is on), or undefined when it is over or undated. */
export function nextEventDate(event: Pick<RegionEvent, 'dates' | 'recurrence'>, today: IsoDate): IsoDate | undefined {
  const timing = eventTiming(event, today)
  if (timing.status === 'ongoing') return today
  return timing.status === 'upcoming' ? timing.occurrence!.start : undefined
}

export type QuickRange = 'today' | 'weekend' | 'month'

/**
 * Today; this weekend (Saturday and Sunday — on a Sunday, just today); the rest
 * of this month. Ranges never start before today: nothing past is "upcoming".
 */
export function quickRange(range: QuickRange, today: IsoDate): DateRange {
  if (range === 'today') return { start: today, end: today }
  if (range === 'weekend') {
    const wd = weekdayOf(today)
    if (wd === 0) return { start: today, end: today }
    const saturday = addDays(today, 6 - wd)
    return { start: wd === 6 ? today : saturday, end: addDays(saturday, 1) }
  }
  const [y, m] = today.split('-').map(Number) as [number, number]
  return { start: today, end: isoOf(y, m, daysInMonth(y, m)) }
}

/** From today to the coming Sunday (Japanese weeks on this app end on Sunday). */
export function weekRange(today: IsoDate): DateRange {
  return { start: today, end: addDays(today, (7 - weekdayOf(today)) % 7) }
}

export function overlaps(occ: Occurrence, range: DateRange): boolean {
  return occ.start <= range.end && occ.end >= range.start
}

/** Occurrences of an event that touch a range (e.g. a calendar month). */
export function occurrencesIn(event: Pick<RegionEvent, 'dates' | 'recurrence'>, range: DateRange, today: IsoDate): Occurrence[] {
  return occurrences(event, today).filter((o) => overlaps(o, range))
}

export interface CalendarCell {
  date: IsoDate
  day: number
  inMonth: boolean
  isToday: boolean
}

/** A month as weeks of 7 days, Sunday first (as Japanese calendars are printed). */
export function monthGrid(year: number, month: number, today: IsoDate): CalendarCell[][] {
  const first = isoOf(year, month, 1)
  let cursor = addDays(first, -weekdayOf(first))
  const last = isoOf(year, month, daysInMonth(year, month))
  const weeks: CalendarCell[][] = []
  while (cursor <= last) {
    const week: CalendarCell[] = []
    for (let i = 0; i < 7; i++) {
      week.push({ date: cursor, day: Number(cursor.slice(8)), inMonth: cursor.slice(0, 7) === first.slice(0, 7), isToday: cursor === today })
      cursor = addDays(cursor, 1)
    }
    weeks.push(week)
  }
  return weeks
}

export function monthRange(year: number, month: number): DateRange {
  return { start: isoOf(year, month, 1), end: isoOf(year, month, daysInMonth(year, month)) }
}

/** `2026-11` → `2026-12` (delta months). */
export function shiftMonth(ym: string, delta: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + delta
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`
}

/** 2027-02-30 has the shape of a date but is not one. */
export function isCalendarDay(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}
