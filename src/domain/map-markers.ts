/**
 * What the map shows as markers, as plain data (no Leaflet, no Vue): spots with
 * a trusted point, upcoming events with a point, and rally checkpoints. Also
 * the filters and the "nearby" ordering the map and its list share.
 */
import { distanceM } from './geo'
import { nextEventDate, todayInTokyo } from './event-dates'
import type { Localized, Municipality, MunicipalityCode, Point, Rally, RegionEvent, Route, RouteStop, Spot } from './snapshot-schema'
import { townRank } from './town-order'

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
    return markers.map((m) => ({ ...m, distanceM: distanceM(position, m.point) })).sort((a, b) => a.distanceM - b.distanceM || a.key.localeCompare(b.key))
  }
  return [...markers].sort((a, b) => townRank(a.municipality) - townRank(b.municipality) || a.name.ja.localeCompare(b.name.ja, 'ja') || a.key.localeCompare(b.key))
}

/** `?town=` value if it names one of the municipalities. */
export function parseTown(value: unknown, municipalities: readonly Municipality[]): MunicipalityCode | null {
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

export interface FocusedStop {
  route: Route
  /** 0-based position in the route. */
  index: number
  stop: RouteStop
}

/** A model route's stop to zoom in on: `?route=<id>&stop=<n>`, n counted from 1 as the stops are numbered. */
export function parseRouteStop(query: Record<string, unknown>, routes: readonly Route[]): FocusedStop | null {
  const one = (v: unknown) => (Array.isArray(v) ? v[0] : v)
  const id = one(query.route)
  const n = one(query.stop)
  if (typeof id !== 'string' || typeof n !== 'string' || !/^[1-9]\d{0,2}$/.test(n)) return null
  const route = routes.find((r) => r.id === id)
  const stop = route?.stops[Number(n) - 1]
  return route && stop ? { route, index: Number(n) - 1, stop } : null
}

/** The ordered stops of a route as [lat, lng] pairs for a polyline. */
export function routeLine(route: Route): Array<[number, number]> {
  return route.stops.map((s) => [s.point.lat, s.point.lng])
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
