/**
 * Marker clustering as plain data (no Leaflet, no Vue): one supercluster index per
 * marker kind, so a cluster always counts one kind (spots, events or checkpoints)
 * and reads as such. At `CLUSTER_MAX_ZOOM` and above every marker stands alone, so a
 * "show on map" focus (zoom 16) always shows the record itself.
 */
import Supercluster from 'supercluster'
import type { MapMarker, MarkerKind } from './map-markers'

type Clusterable = Pick<MapMarker, 'key' | 'kind' | 'point'>

/** Above this zoom nothing is grouped (streets readable, markers far enough apart). */
export const CLUSTER_MAX_ZOOM = 15
/** Radius in screen pixels within which markers of one kind are grouped. */
export const CLUSTER_RADIUS = 72

export interface ClusterItem {
  type: 'cluster'
  /** `cluster:<kind>:<supercluster id>`; stable for one index. */
  key: string
  kind: MarkerKind
  count: number
  point: { lat: number; lng: number }
}

export interface MarkerItem<M> {
  type: 'marker'
  marker: M
}

export type MapItem<M> = ClusterItem | MarkerItem<M>

export interface ViewBox {
  south: number
  west: number
  north: number
  east: number
}

export interface ClusterIndex<M> {
  /** What to draw in this view: clusters of two or more and markers standing alone. */
  itemsIn(view: ViewBox, zoom: number): MapItem<M>[]
  /** The zoom at which a cluster splits (for "tap to zoom in"); null for an unknown key. */
  expansionZoom(clusterKey: string): number | null
}

export function createClusterIndex<M extends Clusterable>(markers: readonly M[], options: { radius?: number; maxZoom?: number } = {}): ClusterIndex<M> {
  const indexes = new Map<MarkerKind, Supercluster<{ i: number }>>()
  const byKind = new Map<MarkerKind, Array<{ type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: { i: number } }>>()
  markers.forEach((m, i) => {
    let list = byKind.get(m.kind)
    if (!list) byKind.set(m.kind, (list = []))
    list.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [m.point.lng, m.point.lat] }, properties: { i } })
  })
  for (const [kind, features] of byKind) {
    indexes.set(kind, new Supercluster<{ i: number }>({ radius: options.radius ?? CLUSTER_RADIUS, maxZoom: options.maxZoom ?? CLUSTER_MAX_ZOOM, minPoints: 2 }).load(features))
  }

  return {
    itemsIn(view, zoom) {
      const z = Math.round(zoom)
      // supercluster wants west ≤ east within [-180, 180]; the region never crosses the antimeridian.
      const bbox: [number, number, number, number] = [Math.max(-180, view.west), Math.max(-85, view.south), Math.min(180, view.east), Math.min(85, view.north)]
      const items: MapItem<M>[] = []
      for (const [kind, index] of indexes) {
        for (const f of index.getClusters(bbox, z)) {
          const [lng, lat] = f.geometry.coordinates as [number, number]
          const p = f.properties
          if ('cluster' in p && p.cluster) items.push({ type: 'cluster', key: `cluster:${kind}:${p.cluster_id}`, kind, count: p.point_count, point: { lat, lng } })
          else items.push({ type: 'marker', marker: markers[(p as { i: number }).i]! })
        }
      }
      return items
    },
    expansionZoom(clusterKey) {
      const match = /^cluster:([a-z]+):(\d+)$/.exec(clusterKey)
      const index = match && indexes.get(match[1] as MarkerKind)
      if (!index) return null
      try {
        return index.getClusterExpansionZoom(Number(match[2]))
      } catch {
        return null
      }
    },
  }
}

export interface ScreenCircle {
  x: number
  y: number
  /** Radius in screen pixels. */
  r: number
}

/**
 * Moves overlapping circles (cluster buttons, in screen pixels) apart until none covers another, so
 * each stays a whole tap target: pairs are pushed apart along the line between them, a few rounds.
 * Circles that do not touch are left where they are. Returns the new centres, in the same order.
 */
export function separateCircles(circles: readonly ScreenCircle[], gap = 4, rounds = 40): Array<{ x: number; y: number }> {
  const p = circles.map((c) => ({ x: c.x, y: c.y }))
  for (let round = 0; round < rounds; round++) {
    let moved = false
    for (let i = 0; i < p.length; i++) {
      for (let j = i + 1; j < p.length; j++) {
        const a = p[i]!
        const b = p[j]!
        const need = circles[i]!.r + circles[j]!.r + gap
        let dx = b.x - a.x
        let dy = b.y - a.y
        let d = Math.hypot(dx, dy)
        if (d >= need) continue
        if (d < 1e-6) {
          // Same spot: split them sideways, deterministically.
          dx = 1
          dy = 0
          d = 1e-6
        }
        const push = (need - d) / 2 + 0.01
        a.x -= (dx / d) * push
        a.y -= (dy / d) * push
        b.x += (dx / d) * push
        b.y += (dy / d) * push
        moved = true
      }
    }
    if (!moved) break
  }
  return p
}
