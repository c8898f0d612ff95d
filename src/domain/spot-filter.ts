/** The spots list as filtered and sorted by the person. Pure: no Vue. */
import { distanceM } from './geo'
import { SPOT_CATEGORIES, MUNICIPALITY_CODES } from './snapshot-constants'
import type { Point, Spot } from './snapshot-schema'
import { katakanaToHiragana } from './search-normalize'
import { spotOpenState, type OpenState } from './opening-hours'
import { compareJapanese } from './text-order'

export interface SpotQuery {
  municipality: string | null
  category: string | null
  barrierFree: boolean
  /** Only spots whose published regular hours say they are open now. */
  openNow: boolean
  sort: 'name' | 'distance'
}

type QueryValue = string | null | undefined | (string | null)[]
const one = (value: QueryValue): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null))

export function parseSpotQuery(query: Record<string, QueryValue>): SpotQuery {
  const m = one(query.m)
  const cat = one(query.cat)
  return {
    municipality: (MUNICIPALITY_CODES as readonly string[]).includes(m ?? '') ? m : null,
    category: (SPOT_CATEGORIES as readonly string[]).includes(cat ?? '') ? cat : null,
    barrierFree: one(query.bf) === '1',
    openNow: one(query.open) === '1',
    sort: one(query.sort) === 'distance' ? 'distance' : 'name',
  }
}

export function spotQueryToUrl(q: SpotQuery): Record<string, string> {
  const out: Record<string, string> = {}
  if (q.municipality) out.m = q.municipality
  if (q.category) out.cat = q.category
  if (q.barrierFree) out.bf = '1'
  if (q.openNow) out.open = '1'
  if (q.sort === 'distance') out.sort = 'distance'
  return out
}

export interface ListedSpot {
  spot: Spot
  distanceM: number | null
  /** Open / closed / unknown now by the published regular hours; null when the hours are not structured. */
  open: OpenState | null
}

/**
 * A place's key in the name order (its reading in hiragana), worked out once per place: a sort asks for it twice per
 * comparison, about 2 log₂ n times per place. Built anew each time, the keys were most of the time the list's sort
 * took: sorting 469 places was ≈ 40 ms of the 4×-slowed task that shows /spots' data (BENCHMARKS.md, issue 18).
 */
const sortKeys = new WeakMap<Spot, string>()
function sortKey(spot: Spot): string {
  let key = sortKeys.get(spot)
  if (key === undefined) sortKeys.set(spot, (key = katakanaToHiragana(spot.kana ?? spot.name.ja)))
  return key
}

export function listSpots(spots: readonly Spot[], q: SpotQuery, from: Point | null, now: Date = new Date()): ListedSpot[] {
  const list = spots
    .filter((s) => (!q.municipality || s.municipality === q.municipality) && (!q.category || s.category === q.category) && (!q.barrierFree || !!s.barrierFree))
    .map((spot) => ({ spot, distanceM: from && spot.point ? distanceM(from, spot.point) : null, open: spotOpenState(spot, now) }))
    .filter((item) => !q.openNow || item.open?.state === 'open')
  if (q.sort === 'distance' && from) {
    return list.sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) || compareJapanese(sortKey(a.spot), sortKey(b.spot)))
  }
  return list.sort((a, b) => compareJapanese(sortKey(a.spot), sortKey(b.spot)))
}

/** A link that opens the phone's maps app with directions to a point (https only). */
export function directionsUrl(point: Point): string {
  return `https://www.google.com/maps/dir/?api=1&destination=${point.lat},${point.lng}`
}
