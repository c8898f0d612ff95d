/**
 * My trip (旅のしおり), as plain data and arithmetic: a day's timeline from a start time, a stay per stop
 * and travel between stops estimated from the straight-line distance (a stated detour factor and speed,
 * an estimate, never a timetable); the checks for that date with the data the app has; and a
 * suggested order (nearest neighbour, then 2-opt). Pure: no Vue, no IndexedDB. Times are minutes
 * after midnight, Japan time.
 */
import { distanceM } from './geo'
import { occurrencesIn, type IsoDate } from './event-dates'
import { openingOn, type HolidayCalendar, bundledHolidays } from './opening-hours'
import type { Point, Rally, RegionEvent, Spot } from './snapshot-schema'

export type TravelMode = 'walk' | 'car'
/** Straight line × detour at a steady speed: the stated assumptions of every travel time shown. */
export const TRAVEL: Record<TravelMode, { kmh: number; detour: number }> = {
  walk: { kmh: 4, detour: 1.3 },
  car: { kmh: 30, detour: 1.4 },
}

/** A default stay per kind of stop (minutes); the person can change each. */
export const DEFAULT_STAY: Record<string, number> = { spot: 60, event: 90, checkpoint: 15, history: 45, nature: 60, onsen: 90, food: 60, shopping: 45, culture: 60, experience: 90, facility: 30, other: 45 }

export interface TripStopInput {
  /** `spot:<id>` | `event:<id>` | `checkpoint:<rallyId>/<id>` | `place:<n>` */
  key: string
  point?: Point
  /** Minutes at the stop. */
  stay: number
}

export interface TimelineRow {
  index: number
  /** Minutes after midnight. */
  arrive: number
  leave: number
  /** From the previous stop: straight-line metres and the estimated minutes; null for the first or without points. */
  legM: number | null
  legMin: number | null
}

export const travelMinutes = (metres: number, mode: TravelMode) => Math.ceil(((metres / 1000) * TRAVEL[mode].detour * 60) / TRAVEL[mode].kmh)

/** The day's arrival and leave time at each stop. A stop without a point adds no travel (said by legMin null). */
export function timeline(stops: readonly TripStopInput[], startMin: number, mode: TravelMode): TimelineRow[] {
  const rows: TimelineRow[] = []
  let clock = startMin
  for (let i = 0; i < stops.length; i++) {
    const s = stops[i]!
    const prev = i > 0 ? stops[i - 1]! : null
    const legM = prev?.point && s.point ? Math.round(distanceM(prev.point, s.point)) : null
    const legMin = legM === null ? null : travelMinutes(legM, mode)
    const arrive = clock + (legMin ?? 0)
    const leave = arrive + Math.max(0, s.stay)
    rows.push({ index: i, arrive, leave, legM, legMin })
    clock = leave
  }
  return rows
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
export const toHhmm = (min: number) => `${String(Math.floor(min / 60) % 24).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`

export type StopCheck =
  | { kind: 'past-midnight' }
  | { kind: 'closed-all-day' }
  | { kind: 'closed-on-arrival'; opensAt?: string }
  | { kind: 'closes-before-leaving'; closes: string }
  | { kind: 'hours-unknown' }
  | { kind: 'event-not-that-day' }
  | { kind: 'event-nearby'; eventId: string; distanceM: number }
  | { kind: 'checkpoint-on-the-way'; rallyId: string; checkpointId: string; distanceM: number }
  | { kind: 'checkpoint-here'; rallyId: string; checkpointId: string }

/** A rally checkpoint a day can pass: of a rally that runs on that date. */
export interface WayCheckpoint {
  rallyId: string
  checkpointId: string
  point: Point
}

/** Metres from `p` to the straight segment a–b (a local flat projection: right for the few km of a leg). */
export function distanceToSegmentM(p: Point, a: Point, b: Point): number {
  const kx = 111_320 * Math.cos((a.lat * Math.PI) / 180)
  const ky = 110_574
  const [bx, by, px, py] = [(b.lng - a.lng) * kx, (b.lat - a.lat) * ky, (p.lng - a.lng) * kx, (p.lat - a.lat) * ky]
  const len2 = bx * bx + by * by
  const t = len2 ? Math.max(0, Math.min(1, (px * bx + py * by) / len2)) : 0
  return Math.hypot(px - t * bx, py - t * by)
}

/** The checkpoints of the rallies that run on `date` (periods are Japan dates; an open end runs on). */
export function checkpointsOn(rallies: readonly (Pick<Rally, 'id' | 'period'> & { checkpoints: readonly Pick<Rally['checkpoints'][number], 'id' | 'point'>[] })[], date: IsoDate): WayCheckpoint[] {
  return rallies
    .filter((r) => r.period.start <= date && (!r.period.end || date <= r.period.end))
    .flatMap((r) => r.checkpoints.map((c) => ({ rallyId: r.id, checkpointId: c.id, point: c.point })))
}

/**
 * What the app can say about a stop on that date: by the published regular hours (never "open" when
 * unknown), whether an event stop takes place that day, and events that day near the stop.
 */
export function checkStop(
  stop: { kind: string; spot?: Pick<Spot, 'openingHours'>; event?: Pick<RegionEvent, 'dates' | 'recurrence'>; point?: Point },
  date: IsoDate,
  row: Pick<TimelineRow, 'arrive' | 'leave'>,
  context: {
    events: readonly Pick<RegionEvent, 'id' | 'point' | 'dates' | 'recurrence'>[]
    nearM?: number
    holidays?: HolidayCalendar
    /** Rally checkpoints running that day, and the previous stop's point (the leg into this stop). */
    checkpoints?: readonly WayCheckpoint[]
    from?: Point
    /** This stop's own key, so a checkpoint stop is not "on the way" to itself. */
    key?: string
  },
): StopCheck[] {
  const out: StopCheck[] = []
  // The day's plan runs past midnight (a long walk between towns): the date's hours no longer apply.
  if (row.arrive >= 24 * 60) return [{ kind: 'past-midnight' }]
  if (stop.kind === 'spot') {
    const hours = stop.spot?.openingHours
    const periods = hours ? openingOn(hours, date, context.holidays ?? bundledHolidays) : 'unknown'
    if (periods === 'unknown') out.push({ kind: 'hours-unknown' })
    else if (!periods.length) out.push({ kind: 'closed-all-day' })
    else {
      const arrive = toHhmm(row.arrive)
      const leave = toHhmm(Math.min(row.leave, 24 * 60 - 1))
      const open = periods.find((p) => arrive >= p.open && arrive < p.close)
      if (!open) out.push({ kind: 'closed-on-arrival', opensAt: periods.find((p) => p.open > arrive)?.open })
      else if (leave > open.close) out.push({ kind: 'closes-before-leaving', closes: open.close })
    }
  }
  if (stop.kind === 'event' && stop.event && !occurrencesIn(stop.event, { start: date, end: date }, date).length) out.push({ kind: 'event-not-that-day' })
  if (stop.point && stop.kind !== 'event') {
    for (const e of context.events) {
      if (!e.point) continue
      const d = distanceM(stop.point, e.point)
      if (d <= (context.nearM ?? 1000) && occurrencesIn(e, { start: date, end: date }, date).length) out.push({ kind: 'event-nearby', eventId: e.id, distanceM: Math.round(d) })
    }
  }
  // A rally checkpoint at this stop, or near the leg into it: worth a stamp on the way. One at the previous
  // stop belongs to that stop, so each checkpoint is named once.
  if (stop.point) {
    for (const c of context.checkpoints ?? []) {
      if (context.key === `checkpoint:${c.rallyId}/${c.checkpointId}`) continue
      if (distanceM(c.point, stop.point) <= HERE_M) {
        out.push({ kind: 'checkpoint-here', rallyId: c.rallyId, checkpointId: c.checkpointId })
        continue
      }
      if (!context.from || distanceM(c.point, context.from) <= HERE_M) continue
      const d = distanceToSegmentM(c.point, context.from, stop.point)
      if (d <= WAY_M) out.push({ kind: 'checkpoint-on-the-way', rallyId: c.rallyId, checkpointId: c.checkpointId, distanceM: Math.round(d) })
    }
  }
  return out
}

/**
 * The events with a place that take place on `date`: worked out once per day, so the checks of a day's
 * stops only measure distances (a day of 30 stops against every event's calendar would be 30× the work).
 */
export function placedEventsOn<E extends Pick<RegionEvent, 'point' | 'dates' | 'recurrence'>>(events: readonly E[], date: IsoDate): E[] {
  return events.filter((e) => e.point && occurrencesIn(e, { start: date, end: date }, date).length)
}

/** How near a leg a rally checkpoint counts as "on the way". */
export const WAY_M = 500
/** A checkpoint this near a stop is at that stop. */
export const HERE_M = 100

/** Total straight-line length of visiting `points` in `order`. */
export function pathLength(points: readonly Point[], order: readonly number[]): number {
  let total = 0
  for (let i = 1; i < order.length; i++) total += distanceM(points[order[i - 1]!]!, points[order[i]!]!)
  return total
}

/**
 * A shorter order for up to ~12 stops with points: nearest neighbour from the first stop, then 2-opt.
 * The first stop stays first when `keepFirst` (default). Returned only if shorter than the given
 * order: never worse.
 */
export function suggestOrder(points: readonly Point[], { keepFirst = true }: { keepFirst?: boolean } = {}): number[] {
  const n = points.length
  const given = Array.from({ length: n }, (_, i) => i)
  if (n < 3) return given
  const starts = keepFirst ? [0] : given
  let best = given
  let bestLen = pathLength(points, given)
  for (const start of starts) {
    const left = new Set(given.filter((i) => i !== start))
    const order = [start]
    while (left.size) {
      const last = points[order.at(-1)!]!
      let next = -1
      let nearest = Infinity
      for (const i of left) {
        const d = distanceM(last, points[i]!)
        if (d < nearest) [nearest, next] = [d, i]
      }
      order.push(next)
      left.delete(next)
    }
    // 2-opt: reverse a segment while that shortens the path (the first stop never moves).
    let improved = true
    while (improved) {
      improved = false
      for (let i = 1; i < n - 1; i++) {
        for (let j = i + 1; j < n; j++) {
          const candidate = [...order.slice(0, i), ...order.slice(i, j + 1).reverse(), ...order.slice(j + 1)]
          if (pathLength(points, candidate) + 1e-6 < pathLength(points, order)) {
            order.splice(0, n, ...candidate)
            improved = true
          }
        }
      }
    }
    const len = pathLength(points, order)
    if (len + 1e-6 < bestLen) [best, bestLen] = [order, len]
  }
  return best
}

/** A day's stops in the suggested order: those with a point reordered, those without kept at the end. */
export function suggestedStops<T extends { point?: Point }>(stops: readonly T[], options: { keepFirst?: boolean } = {}): T[] {
  const located = stops.filter((s) => s.point)
  const rest = stops.filter((s) => !s.point)
  return [...suggestOrder(located.map((s) => s.point!), options).map((i) => located[i]!), ...rest]
}
