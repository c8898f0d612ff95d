/**
 * Pure Web-Mercator tile math for the base map (地理院タイル, XYZ scheme):
 * which tiles cover a bounding box over a zoom range, how many, how large,
 * and the hard limits on saving an area for offline use.
 */

export interface Bbox {
  south: number
  west: number
  north: number
  east: number
}

export interface TileCoord {
  z: number
  x: number
  y: number
}

/** The seven municipalities with a margin (same as the schema's REGION_BOUNDS; kept here so the map chunk does not pull in the schema). */
export const REGION_BBOX: Bbox = { south: 33.85, north: 34.85, west: 130.85, east: 132.05 }

/** GSI 淡色地図 (pale). Attribution 「地理院タイル」 is required wherever it is shown. */
export const GSI_TILE_URL = 'https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png'
export const GSI_TILE_ORIGIN = 'https://cyberjapandata.gsi.go.jp'
export const GSI_ATTRIBUTION_URL = 'https://maps.gsi.go.jp/development/ichiran.html'
/** The Cache Storage cache the service worker fills while browsing; saved areas go into it too. */
export const TILE_CACHE_NAME = 'gsi-tiles-v1'
/** Entry limit of that cache (workbox ExpirationPlugin maxEntries). */
export const TILE_CACHE_MAX_ENTRIES = 3000
/** GSI pale tiles exist from zoom 2 to 18. */
export const TILE_MIN_ZOOM = 5
export const TILE_MAX_ZOOM = 18

/** Hard upper bounds for "save this area": respect the tile server, no bulk region download. */
export const SAVE_MAX_TILES = 500
export const SAVE_MAX_ZOOM = 16
/** How many zoom levels above the current one a saved area includes (if the tile budget allows). */
export const SAVE_EXTRA_ZOOMS = 2
/** Average size of one pale PNG tile, used for the estimate shown before saving. */
export const AVERAGE_TILE_BYTES = 18_000

const MAX_LAT = 85.0511287798

function clampLat(lat: number): number {
  return Math.max(-MAX_LAT, Math.min(MAX_LAT, lat))
}

export function lngToTileX(lng: number, z: number): number {
  const n = 2 ** z
  return Math.min(n - 1, Math.max(0, Math.floor(((lng + 180) / 360) * n)))
}

export function latToTileY(lat: number, z: number): number {
  const n = 2 ** z
  const rad = (clampLat(lat) * Math.PI) / 180
  return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)))
}

/** Inclusive tile index ranges covering a bbox at one zoom. */
export function tileRange(bbox: Bbox, z: number): { x0: number; x1: number; y0: number; y1: number } {
  const west = Math.min(bbox.west, bbox.east)
  const east = Math.max(bbox.west, bbox.east)
  const north = Math.max(bbox.north, bbox.south)
  const south = Math.min(bbox.north, bbox.south)
  return { x0: lngToTileX(west, z), x1: lngToTileX(east, z), y0: latToTileY(north, z), y1: latToTileY(south, z) }
}

export function tileCountAtZoom(bbox: Bbox, z: number): number {
  const r = tileRange(bbox, z)
  return (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1)
}

export function tileCount(bbox: Bbox, minZoom: number, maxZoom: number): number {
  let count = 0
  for (let z = minZoom; z <= maxZoom; z++) count += tileCountAtZoom(bbox, z)
  return count
}

/** Every tile covering the bbox from minZoom to maxZoom, lowest zoom first. */
export function* tilesFor(bbox: Bbox, minZoom: number, maxZoom: number): Generator<TileCoord> {
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = tileRange(bbox, z)
    for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) yield { z, x, y }
  }
}

export function tileUrl(template: string, t: TileCoord): string {
  return template.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y))
}

export function estimateBytes(count: number): number {
  return count * AVERAGE_TILE_BYTES
}

export type SavePlan =
  | { ok: true; bbox: Bbox; minZoom: number; maxZoom: number; count: number; bytes: number }
  | { ok: false; reason: 'too-large' | 'zoom-too-high'; count: number }

/**
 * What "save this area" would download for the visible bbox at the current zoom:
 * the current zoom plus up to SAVE_EXTRA_ZOOMS more, never above SAVE_MAX_ZOOM,
 * never more than SAVE_MAX_TILES tiles. Refused when even the current zoom is too many.
 */
export function planSave(bbox: Bbox, currentZoom: number, limits = { maxTiles: SAVE_MAX_TILES, maxZoom: SAVE_MAX_ZOOM }): SavePlan {
  const minZoom = Math.max(TILE_MIN_ZOOM, Math.floor(currentZoom))
  if (minZoom > limits.maxZoom) return { ok: false, reason: 'zoom-too-high', count: 0 }
  const first = tileCountAtZoom(bbox, minZoom)
  if (first > limits.maxTiles) return { ok: false, reason: 'too-large', count: first }
  let maxZoom = minZoom
  let count = first
  while (maxZoom < Math.min(limits.maxZoom, minZoom + SAVE_EXTRA_ZOOMS)) {
    const next = tileCountAtZoom(bbox, maxZoom + 1)
    if (count + next > limits.maxTiles) break
    count += next
    maxZoom++
  }
  return { ok: true, bbox, minZoom, maxZoom, count, bytes: estimateBytes(count) }
}
