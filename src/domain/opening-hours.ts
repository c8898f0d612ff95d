/**
 * "Is this place open now?" from a spot's published regular hours, on the
 * calendar of Japan (Asia/Tokyo) whatever the device's zone. Three answers:
 * open, closed, or unknown — unknown when the answer depends on a national
 * holiday outside the bundled holiday list, or on a period the source names
 * without dates (年末年始). Temporary closures are never in the data, which
 * the screens say. Pure: no Vue.
 */
import { addDays, weekdayOf, type IsoDate } from './event-dates'
import { tokyoClock } from './tokyo-clock'
import { HOLIDAYS, HOLIDAYS_FROM, HOLIDAYS_TO } from './jp-holidays'
import type { OpeningHours, Spot } from './snapshot-schema'

type ClosedRule = OpeningHours['closed'][number]
type MonthRange = { from: number; to: number }

export interface OpenState {
  state: 'open' | 'closed' | 'unknown'
  /** While open: the closing time of the current period (HH:MM). */
  until?: string
  /** While closed today and a later period today exists: when it opens (HH:MM). */
  opensAt?: string
}

/** A holiday calendar: whether a date is a national holiday, or null when the calendar does not cover it. */
export type HolidayCalendar = (date: IsoDate) => boolean | null

export const bundledHolidays: HolidayCalendar = (date) => (date < HOLIDAYS_FROM || date > HOLIDAYS_TO ? null : HOLIDAYS.has(date))

/** Date (YYYY-MM-DD) and time (HH:MM) in Japan at an instant. */
function tokyoDateTime(now: Date): { date: IsoDate; time: string } {
  return tokyoClock(now)
}

function inMonths(range: MonthRange | undefined, month: number): boolean {
  if (!range) return true
  return range.from <= range.to ? month >= range.from && month <= range.to : month >= range.from || month <= range.to
}

/** Whether MM-DD of `date` is inside an inclusive MM-DD span that may wrap the year end. */
function inSpan(date: IsoDate, from: string, to: string): boolean {
  const md = date.slice(5)
  return from <= to ? md >= from && md <= to : md >= from || md <= to
}

class Unknown extends Error {}

function isHoliday(cal: HolidayCalendar, date: IsoDate): boolean {
  const h = cal(date)
  if (h === null) throw new Unknown()
  return h
}

function nthOfMonth(date: IsoDate): number {
  return Math.ceil(Number(date.slice(8, 10)) / 7)
}

const monthOf = (date: IsoDate) => Number(date.slice(5, 7))

/** Whether a definite closure rule closes the place on `date` ('uncertain' periods are handled by the caller). */
function closes(rule: ClosedRule, date: IsoDate, cal: HolidayCalendar): boolean {
  switch (rule.type) {
    case 'dates':
      return inSpan(date, rule.from, rule.to)
    case 'uncertain':
      return false
    case 'holidays':
      return isHoliday(cal, date)
    case 'day-after-holiday':
      return !isHoliday(cal, date) && isHoliday(cal, addDays(date, -1))
    case 'nth-weekday':
      return inMonths(rule.months, monthOf(date)) && weekdayOf(date) === rule.day && rule.nth.includes(nthOfMonth(date))
    case 'weekday': {
      if (weekdayOf(date) === rule.day) return inMonths(rule.months, monthOf(date)) && (rule.ifHoliday ? !isHoliday(cal, date) : true)
      if (rule.ifHoliday !== 'next-day' || isHoliday(cal, date)) return false
      // Closed on the first working day after a run of holidays that included the closing weekday (in its months).
      for (let d = addDays(date, -1), i = 0; i < 7 && isHoliday(cal, d); d = addDays(d, -1), i++) {
        if (weekdayOf(d) === rule.day && inMonths(rule.months, monthOf(d))) return true
      }
      return false
    }
  }
}

type Period = { open: string; close: string }

/** Periods sorted, with touching or overlapping ones joined (9:00–12:00 + 12:00–17:00 = 9:00–17:00). */
function merge(periods: Period[]): Period[] {
  const out: Period[] = []
  for (const p of [...periods].sort((a, b) => (a.open < b.open ? -1 : a.open > b.open ? 1 : 0))) {
    const last = out.at(-1)
    if (last && p.open <= last.close) last.close = p.close > last.close ? p.close : last.close
    else out.push({ ...p })
  }
  return out
}

/** The opening periods on a date (empty: closed all day); null when no rule covers that month (not published). */
function periodsOn(hours: OpeningHours, date: IsoDate, cal: HolidayCalendar): Period[] | null {
  if (hours.closed.some((rule) => closes(rule, date, cal))) return []
  const rules = hours.rules.filter((r) => inMonths(r.months, monthOf(date)))
  if (!rules.length) return null
  const holidayRules = rules.filter((r) => r.holidays)
  if (holidayRules.length && isHoliday(cal, date)) return merge(holidayRules.flatMap((r) => r.times))
  const weekday = weekdayOf(date)
  return merge(rules.filter((r) => r.days.includes(weekday)).flatMap((r) => r.times))
}

/** Open, closed or unknown at instant `now`, by the published regular hours. */
export function openStateAt(hours: OpeningHours, now: Date, cal: HolidayCalendar = bundledHolidays): OpenState {
  const { date, time } = tokyoDateTime(now)
  try {
    const periods = periodsOn(hours, date, cal)
    if (periods === null) return { state: 'unknown' }
    const current = periods.find((p) => time >= p.open && time < p.close)
    // A period named without dates (年末年始): outside the hours it is closed either way; inside, nobody can say.
    if (hours.closed.some((rule) => rule.type === 'uncertain' && inSpan(date, rule.from, rule.to))) return current ? { state: 'unknown' } : { state: 'closed' }
    if (current) return { state: 'open', until: current.close }
    const later = periods.find((p) => p.open > time) // periods are sorted
    return later ? { state: 'closed', opensAt: later.open } : { state: 'closed' }
  } catch (error) {
    if (error instanceof Unknown) return { state: 'unknown' }
    throw error
  }
}

/** A spot's state now, or null when its hours are not structured (the screens then say nothing about open or closed). */
export function spotOpenState(spot: Pick<Spot, 'openingHours'> | undefined, now: Date): OpenState | null {
  return spot?.openingHours ? openStateAt(spot.openingHours, now) : null
}

/**
 * The opening periods on a Japan date, for planning (a trip's day): sorted periods (empty = closed all
 * day), or 'unknown' when the published hours cannot say (no rule for that month, a holiday outside
 * the bundled calendar, or a period named without dates such as 年末年始).
 */
export function openingOn(hours: OpeningHours, date: IsoDate, cal: HolidayCalendar = bundledHolidays): Period[] | 'unknown' {
  try {
    const periods = periodsOn(hours, date, cal)
    if (periods === null) return 'unknown'
    if (hours.closed.some((rule) => rule.type === 'uncertain' && inSpan(date, rule.from, rule.to))) return 'unknown'
    return periods
  } catch (error) {
    if (error instanceof Unknown) return 'unknown'
    throw error
  }
}
