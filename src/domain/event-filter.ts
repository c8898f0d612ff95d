/**
 * The events list as the person asked for it: a time window (upcoming, today,
 * this weekend, this month, past) and optional municipality and category.
 * Filters round-trip through the URL query so a shared link opens the same view.
 * Pure: no Vue.
 */
import { EVENT_CATEGORIES, MUNICIPALITY_CODES } from './snapshot-constants'
import type { RegionEvent } from './snapshot-schema'
import { addDays, monthRange, occurrences, occurrencesIn, overlaps, quickRange, type DateRange, type EventStatus, type IsoDate, type Occurrence } from './event-dates'

export const EVENT_WINDOWS = ['upcoming', 'today', 'weekend', 'month', 'past'] as const
export type EventWindow = (typeof EVENT_WINDOWS)[number]

export interface EventQuery {
  when: EventWindow
  view: 'list' | 'calendar'
  municipality: string | null
  category: string | null
  /** Calendar month `YYYY-MM`. */
  month: string | null
  /** Selected calendar day `YYYY-MM-DD`. */
  day: string | null
}

export interface TimedEvent {
  event: RegionEvent
  status: EventStatus
  occurrence: Occurrence | null
}

type QueryValue = string | null | undefined | (string | null)[]
const one = (value: QueryValue): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null))

export function parseEventQuery(query: Record<string, QueryValue>): EventQuery {
  const when = one(query.when)
  const municipality = one(query.m)
  const category = one(query.cat)
  const month = one(query.month)
  const day = one(query.day)
  return {
    when: (EVENT_WINDOWS as readonly string[]).includes(when ?? '') ? (when as EventWindow) : 'upcoming',
    view: one(query.view) === 'calendar' ? 'calendar' : 'list',
    municipality: (MUNICIPALITY_CODES as readonly string[]).includes(municipality ?? '') ? municipality : null,
    category: (EVENT_CATEGORIES as readonly string[]).includes(category ?? '') ? category : null,
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null,
    day: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null,
  }
}

/** The URL query for a view; defaults are left out so links stay short. */
export function eventQueryToUrl(q: EventQuery): Record<string, string> {
  const out: Record<string, string> = {}
  if (q.view === 'calendar') out.view = 'calendar'
  if (q.when !== 'upcoming' && q.view === 'list') out.when = q.when
  if (q.municipality) out.m = q.municipality
  if (q.category) out.cat = q.category
  if (q.view === 'calendar' && q.month) out.month = q.month
  if (q.view === 'calendar' && q.day) out.day = q.day
  return out
}

export interface EventListResult {
  items: TimedEvent[]
  /** When nothing matches an upcoming window: the most recent ended events under the same filters. */
  recent: TimedEvent[]
  /** Events under the filters whose date is not published as a date (only a note). */
  undated: TimedEvent[]
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
/** By start date, then end date, then id (stable across devices). */
const byStart = (a: TimedEvent, b: TimedEvent) => cmp(a.occurrence!.start, b.occurrence!.start) || cmp(a.occurrence!.end, b.occurrence!.end) || cmp(a.event.id, b.event.id)

/** Events with an occurrence in the range that has not ended yet, by start date (the occurrence shown is that one). */
export function eventsInRange(all: readonly TimedEvent[], range: DateRange, today: IsoDate): TimedEvent[] {
  const items: TimedEvent[] = []
  for (const t of all) {
    const occ = occurrences(t.event, today).find((o) => o.end >= today && overlaps(o, range))
    if (occ) items.push({ event: t.event, status: occ.start <= today ? 'ongoing' : 'upcoming', occurrence: occ })
  }
  return items.sort(byStart)
}

export function filterEvents(all: readonly TimedEvent[], q: Pick<EventQuery, 'when' | 'municipality' | 'category'>, today: IsoDate, recentCount = 5): EventListResult {
  const scoped = all.filter((t) => (!q.municipality || t.event.municipality === q.municipality) && (!q.category || t.event.category === q.category))
  const ended = scoped.filter((t) => t.status === 'ended').sort((a, b) => -byStart(a, b))
  const undated = scoped.filter((t) => t.status === 'undated')
  let items: TimedEvent[]
  if (q.when === 'past') items = ended
  else if (q.when === 'upcoming') items = scoped.filter((t) => t.status === 'upcoming' || t.status === 'ongoing').sort(byStart)
  else {
    items = eventsInRange(scoped, quickRange(q.when, today), today)
  }
  return { items, recent: q.when !== 'past' && !items.length ? ended.slice(0, recentCount) : [], undated: q.when === 'upcoming' ? undated : [] }
}

export interface CalendarMonth {
  /** Number of events on each date of the month. */
  counts: Map<IsoDate, number>
  /** Events with an occurrence in the month (or on `day`), by date; past ones are marked ended. */
  items: TimedEvent[]
}

export function calendarMonth(all: readonly TimedEvent[], q: Pick<EventQuery, 'municipality' | 'category'>, month: string, day: IsoDate | null, today: IsoDate): CalendarMonth {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const range = monthRange(y, m)
  const counts = new Map<IsoDate, number>()
  const items: TimedEvent[] = []
  for (const t of all) {
    if ((q.municipality && t.event.municipality !== q.municipality) || (q.category && t.event.category !== q.category)) continue
    const inMonth = occurrencesIn(t.event, range, today)
    for (const occ of inMonth) {
      for (let d = occ.start < range.start ? range.start : occ.start; d <= occ.end && d <= range.end; d = addDays(d, 1)) counts.set(d, (counts.get(d) ?? 0) + 1)
    }
    const shown = day ? inMonth.find((o) => o.start <= day && o.end >= day) : inMonth[0]
    if (shown) items.push({ event: t.event, status: shown.end < today ? 'ended' : shown.start <= today ? 'ongoing' : 'upcoming', occurrence: shown })
  }
  return { counts, items: items.sort(byStart) }
}
