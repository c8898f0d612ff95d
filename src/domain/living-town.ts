/**
 * Pure helpers for town profiles and events for movers: population change,
 * today's date in Japan and whether an event is still to come (Asia/Tokyo).
 */
import { TIME_ZONE } from './format'
import type { Municipality, RegionEvent } from './snapshot-schema'

/** Census 2010 → 2020 change as a fraction (-0.0128 = −1.28 %), or undefined when a figure is missing. */
export function populationChange(m: Pick<Municipality, 'population'>): number | undefined {
  const { census2010, census2020 } = m.population
  if (census2010 === undefined || census2020 === undefined || census2010 === 0) return undefined
  return (census2020 - census2010) / census2010
}

/** "−1.3%" / "+0.4%" in the UI language. */
export function formatPercentChange(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(fraction)
}

/** Today's calendar date in Japan as YYYY-MM-DD, whatever the device's zone. */
export function tokyoDate(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

const pad = (n: number) => String(n).padStart(2, '0')
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

/** The date of an annual rule in a given year, or undefined if that day does not exist. */
function ruleDate(rule: NonNullable<RegionEvent['recurrence']>, year: number): string | undefined {
  if (rule.type === 'annual-date') {
    const d = new Date(Date.UTC(year, rule.month - 1, rule.day))
    return d.getUTCMonth() === rule.month - 1 ? iso(year, rule.month, rule.day) : undefined
  }
  const daysInMonth = new Date(Date.UTC(year, rule.month, 0)).getUTCDate()
  const days: number[] = []
  for (let day = 1; day <= daysInMonth; day++) if (new Date(Date.UTC(year, rule.month - 1, day)).getUTCDay() === rule.weekday) days.push(day)
  const day = rule.nth === -1 ? days[days.length - 1] : days[rule.nth - 1]
  return day === undefined ? undefined : iso(year, rule.month, day)
}

/**
 * The next (or current) date of an event on or after `today` (YYYY-MM-DD, Japan):
 * the start of the first listed period that has not ended, else the next date of its annual rule.
 */
export function nextEventDate(event: Pick<RegionEvent, 'dates' | 'recurrence'>, today: string): string | undefined {
  const upcoming = event.dates.filter((d) => (d.end ?? d.start) >= today).map((d) => (d.start >= today ? d.start : today)).sort()
  if (upcoming.length) return upcoming[0]
  if (event.recurrence && !event.dates.length) {
    const year = Number(today.slice(0, 4))
    for (const y of [year, year + 1]) {
      const date = ruleDate(event.recurrence, y)
      if (date && date >= today) return date
    }
  }
  return undefined
}

/**
 * Events for movers (category "migration") still to come, soonest first; then those whose date
 * is only published as a note (e.g. 「毎月第2土曜日」), with `date` undefined.
 */
export function upcomingMigrationEvents<E extends RegionEvent>(events: readonly E[], today: string, town?: string): { event: E; date?: string }[] {
  const forMovers = events.filter((e) => e.category === 'migration' && (town === undefined || e.municipality === town))
  const dated = forMovers
    .map((event) => ({ event, date: nextEventDate(event, today) }))
    .filter((x): x is { event: E; date: string } => x.date !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date))
  const undated = forMovers.filter((e) => !e.dates.length && !e.recurrence && e.dateNote).map((event) => ({ event }))
  return [...dated, ...undated]
}

export interface TownFacts<S, E> {
  municipality: Municipality
  change: number | undefined
  /** Schemes of this town alone. */
  schemes: S[]
  /** Region-wide schemes (they apply in every town). */
  regionSchemes: S[]
  /** Consultation schemes (移住相談窓口 etc.) of this town or the region. */
  contacts: S[]
  events: { event: E; date?: string }[]
  spotsCount: number
}

/** Everything a town profile or the comparison shows, from the snapshot's records. */
export function townFacts<S extends { municipality: string; category: string }, E extends RegionEvent>(
  municipality: Municipality,
  records: { schemes: readonly S[]; events: readonly E[]; spots: readonly { municipality: string }[] },
  today: string,
): TownFacts<S, E> {
  const code = municipality.code
  return {
    municipality,
    change: populationChange(municipality),
    schemes: records.schemes.filter((s) => s.municipality === code),
    regionSchemes: records.schemes.filter((s) => s.municipality === 'region'),
    contacts: records.schemes.filter((s) => s.category === 'consultation' && (s.municipality === code || s.municipality === 'region')),
    events: upcomingMigrationEvents(records.events, today, code),
    spotsCount: records.spots.filter((s) => s.municipality === code).length,
  }
}
