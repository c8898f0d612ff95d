/**
 * What the map shows as markers, as plain data (no Leaflet, no Vue): spots with
 * a trusted point, upcoming events with a point, and rally checkpoints. Also
 * the filters and the "nearby" ordering the map and its list share.
 */
import { distanceM } from './geo'
import { nextEventDate, todayInTokyo } from './event-dates'
import type { Localized, Municipality, MunicipalityCode, Point, Rally, RegionEvent, Route, Spot } from './snapshot-schema'
import { townRank } from './town-order'
import { compareCodeUnits, compareJapanese } from './text-order'
import type { Trip } from './trip-file'

export const MARKER_KINDS = ['spot', 'event', 'checkpoint'] as const
export type MarkerKind = (typeof MARKER_KINDS)[number]

export interface MapMarker {
  /** Unique across kinds: `spot:<id>`, `event:<id>`, `checkpoint:<rallyId>/<id>`. */
  key: string
  kind: MarkerKind
  id: string
  name: Localized
  /** Spot or event category; `rally` for checkpoints. */
  category: string
  municipality: MunicipalityCode
  point: Point
  /** In-app detail page. */
  href: string
  /** Short summary line (event date, rally name) when there is one. */
  summary?: Localized
  /** ISO date of the next (or current) day of an upcoming event. */
  nextDate?: string
}

export { nextEventDate, todayInTokyo }

export function isUpcoming(event: RegionEvent, today: string): boolean {
  return nextEventDate(event, today) !== undefined
}

export interface MarkerSources {
  spots: readonly Spot[]
  events: readonly RegionEvent[]
  rallies: readonly Rally[]
}

export function buildMarkers({ spots, events, rallies }: MarkerSources, today: string): MapMarker[] {
  const markers: MapMarker[] = []
  for (const s of spots) {
    if (!s.point) continue
    markers.push({ key: `spot:${s.id}`, kind: 'spot', id: s.id, name: s.name, category: s.category, municipality: s.municipality, point: s.point, href: `/spots/${encodeURIComponent(s.id)}` })
  }
  for (const e of events) {
    if (!e.point) continue
    const nextDate = nextEventDate(e, today)
    if (!nextDate) continue
    markers.push({ key: `event:${e.id}`, kind: 'event', id: e.id, name: e.name, category: e.category, municipality: e.municipality, point: e.point, href: `/events/${encodeURIComponent(e.id)}`, nextDate, summary: e.venue })
  }
  for (const r of rallies) {
    for (const c of r.checkpoints) {
      markers.push({ key: `checkpoint:${r.id}/${c.id}`, kind: 'checkpoint', id: c.id, name: c.name, category: 'rally', municipality: c.municipality, point: c.point, href: `/rally/${encodeURIComponent(r.id)}`, summary: r.name })
    }
  }
  return markers
}

export interface MarkerFilter {
  kinds: readonly MarkerKind[]
  /** null = every category. */
  category: string | null
  /** null = the whole region. */
  town: MunicipalityCode | null
}

export const ALL_MARKERS: MarkerFilter = { kinds: MARKER_KINDS, category: null, town: null }

export function filterMarkers(markers: readonly MapMarker[], filter: MarkerFilter): MapMarker[] {
  return markers.filter((m) => filter.kinds.includes(m.kind) && (filter.category === null || m.category === filter.category) && (filter.town === null || m.municipality === filter.town))
}

/** Categories present among the markers, in a stable order. */
export function markerCategories(markers: readonly MapMarker[]): string[] {
  return [...new Set(markers.map((m) => m.category))].sort()
}

export interface MarkerWithDistance extends MapMarker {
  distanceM?: number
}

/** Nearest first when a position is known; otherwise by town then name (Japanese order). */
export function sortMarkers(markers: readonly MapMarker[], position: Point | null): MarkerWithDistance[] {
  if (position) {
    return markers.map((m) => ({ ...m, distanceM: distanceM(position, m.point) })).sort((a, b) => a.distanceM - b.distanceM || compareCodeUnits(a.key, b.key))
  }
  return [...markers].sort((a, b) => townRank(a.municipality) - townRank(b.municipality) || compareJapanese(a.name.ja, b.name.ja) || compareCodeUnits(a.key, b.key))
}

/** `?town=` value if it names one of the municipalities. */
export function parseTown(value: unknown, municipalities: readonly Pick<Municipality, 'code'>[]): MunicipalityCode | null {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && municipalities.some((m) => m.code === v) ? (v as MunicipalityCode) : null
}

/**
 * The marker a "show on map" link asks for: `?focus=spot:<id>` / `event:<id>` /
 * `checkpoint:<rallyId>/<checkpointId>`, or the rally pages' `?rally=<id>&checkpoint=<id>`.
 * Returns a marker key (see buildMarkers), or null.
 */
export function parseFocus(query: Record<string, unknown>): string | null {
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v)
  const focus = one(query.focus)
  if (typeof focus === 'string' && /^(spot|event):[^/]+$|^checkpoint:[^/]+\/[^/]+$/.test(focus)) return focus
  const rally = one(query.rally)
  const checkpoint = one(query.checkpoint)
  if (typeof rally === 'string' && typeof checkpoint === 'string' && rally && checkpoint && !/\//.test(rally + checkpoint)) return `checkpoint:${rally}/${checkpoint}`
  return null
}

/** A numbered line drawn on the map: a model route (`?route=<id>`) or a day of my trip (`?trip=<id>&day=<n>`). */
export interface MapLine {
  kind: 'route' | 'trip'
  id: string
  name: Localized
  /** The query that selects this line (kept when a stop is focused). */
  query: Record<string, string>
  /** The stops with a point, each with its number in the route or day. */
  stops: Array<{ n: number; name: Localized; point: Point; spotId?: string }>
}

export function routeAsLine(route: Route): MapLine {
  return { kind: 'route', id: route.id, name: route.name, query: { route: route.id }, stops: route.stops.map((s, i) => ({ n: i + 1, name: s.name, point: s.point, ...(s.spotId ? { spotId: s.spotId } : {}) })) }
}

/** A day of a trip as a line: its stops with a point, numbered as the day numbers them (null when the day is not there). */
export function tripDayLine(trip: Pick<Trip, 'id' | 'title' | 'days'>, day: number): MapLine | null {
  const d = trip.days[day - 1]
  if (!d) return null
  const stops = d.stops.flatMap((s, i) => (s.point ? [{ n: i + 1, name: s.name, point: s.point, ...(s.key.startsWith('spot:') ? { spotId: s.key.slice(5) } : {}) }] : []))
  return { kind: 'trip', id: trip.id, name: { ja: trip.title }, query: { trip: trip.id, day: String(day) }, stops }
}

/** Which line a map link asks for. */
export function parseLineQuery(query: Record<string, unknown>): { kind: 'route'; id: string } | { kind: 'trip'; id: string; day: number } | null {
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v)
  const route = one(query.route)
  if (typeof route === 'string' && route) return { kind: 'route', id: route }
  const trip = one(query.trip)
  const day = one(query.day) ?? '1'
  if (typeof trip === 'string' && /^trip-[a-z0-9-]{1,40}$/.test(trip) && typeof day === 'string' && /^[1-9]\d?$/.test(day)) return { kind: 'trip', id: trip, day: Number(day) }
  return null
}

export interface FocusedStop {
  line: MapLine
  /** 0-based position in the line's stops. */
  index: number
  stop: MapLine['stops'][number]
}

/** A stop of the drawn line to zoom in on: `&stop=<n>`, n counted from 1 as the stops are numbered. */
export function parseRouteStop(query: Record<string, unknown>, line: MapLine | null): FocusedStop | null {
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v)
  const n = one(query.stop)
  if (!line || typeof n !== 'string' || !/^[1-9]\d{0,2}$/.test(n)) return null
  const index = line.stops.findIndex((s) => s.n === Number(n))
  return index >= 0 ? { line, index, stop: line.stops[index]! } : null
}

/** South-west / north-east corners covering every boundary of the given towns. */
export function boundsOfTowns(municipalities: readonly Municipality[]): { south: number; west: number; north: number; east: number } | null {
  let south = Infinity
  let west = Infinity
  let north = -Infinity
  let east = -Infinity
  for (const m of municipalities) {
    const polygons = m.boundary.type === 'Polygon' ? [m.boundary.coordinates] : m.boundary.coordinates
    for (const polygon of polygons)
      for (const [lng, lat] of polygon[0] ?? []) {
        if (lat < south) south = lat
        if (lat > north) north = lat
        if (lng < west) west = lng
        if (lng > east) east = lng
      }
  }
  return Number.isFinite(south) ? { south, west, north, east } : null
}
