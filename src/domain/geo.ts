/** Small, dependency-free geometry on WGS84 points. */
import type { Municipality, Point } from './snapshot-schema'

type Boundary = Municipality['boundary']
type Ring = Array<[number, number]>

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Point, b: Point): number {
  const toRad = Math.PI / 180
  const dLat = (b.lat - a.lat) * toRad
  const dLng = (b.lng - a.lng) * toRad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

function polygons(boundary: Boundary): Ring[][] {
  return (boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates) as Ring[][]
}

function ringAreaAndCentroid(ring: Ring): { area: number; x: number; y: number } {
  let area = 0
  let x = 0
  let y = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!
    const [x1, y1] = ring[i]!
    const cross = x0 * y1 - x1 * y0
    area += cross
    x += (x0 + x1) * cross
    y += (y0 + y1) * cross
  }
  area /= 2
  return { area, x: area ? x / (6 * area) : ring[0]![0], y: area ? y / (6 * area) : ring[0]![1] }
}

/** Area centroid of the largest outer ring, rounded to 5 decimals (about 1 m). */
export function polygonCentroid(boundary: Boundary): Point {
  let best = { area: 0, x: 0, y: 0 }
  for (const polygon of polygons(boundary)) {
    const c = ringAreaAndCentroid(polygon[0]!)
    if (Math.abs(c.area) > Math.abs(best.area)) best = c
  }
  return { lat: Math.round(best.y * 1e5) / 1e5, lng: Math.round(best.x * 1e5) / 1e5 }
}

function inRing(point: Point, ring: Ring): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Point-in-polygon (even-odd; holes respected). */
export function containsPoint(boundary: Boundary, point: Point): boolean {
  return polygons(boundary).some((polygon) => inRing(point, polygon[0]!) && !polygon.slice(1).some((hole) => inRing(point, hole)))
}
