/**
 * Pure helpers for town profiles and events for movers: population change,
 * today's date in Japan and whether an event is still to come (Asia/Tokyo).
 */
import { eventTiming, type Occurrence } from './event-dates'
import { numberFormat } from './format'
import type { Municipality, RegionEvent } from './snapshot-schema'
import { compareCodeUnits } from './text-order'

/** Census 2010 → 2020 change as a fraction (-0.0128 = −1.28 %), or undefined when a figure is missing. */
export function populationChange(m: Pick<Municipality, 'population'>): number | undefined {
  const { census2010, census2020 } = m.population
  if (census2010 === undefined || census2020 === undefined || census2010 === 0) return undefined
  return (census2020 - census2010) / census2010
}

/** "−1.3%" / "+0.4%" in the UI language. */
export function formatPercentChange(fraction: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(fraction)
}

/**
 * Events for movers (category "migration") still to come, soonest first; then those whose date
 * is only published as a note (e.g. 「毎月第2土曜日」), with `date` undefined.
 */
export function upcomingMigrationEvents<E extends RegionEvent>(events: readonly E[], today: string, town?: string): MoverEvent<E>[] {
  const forMovers = events.filter((e) => e.category === 'migration' && (town === undefined || e.municipality === town))
  const dated: Array<MoverEvent<E> & { date: string; occurrence: Occurrence }> = []
  for (const event of forMovers) {
    const { status, occurrence } = eventTiming(event, today)
    if ((status === 'ongoing' || status === 'upcoming') && occurrence) dated.push({ event, occurrence, date: status === 'ongoing' ? today : occurrence.start })
  }
  dated.sort((a, b) => compareCodeUnits(a.date, b.date))
  const undated = forMovers.filter((e) => !e.dates.length && !e.recurrence && e.dateNote).map((event) => ({ event }))
  return [...dated, ...undated]
}

export interface MoverEvent<E> {
  event: E
  /** The date shown: today while it is on, else its next start. */
  date?: string
  /** The current or next occurrence (for times and the calendar file). */
  occurrence?: Occurrence
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
  events: MoverEvent<E>[]
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
