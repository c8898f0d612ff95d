import { describe, expect, it } from 'vitest'
import { CLUSTER_MAX_ZOOM, createClusterIndex, separateCircles, type ClusterItem } from '@/domain/map-clusters'
import type { MarkerKind } from '@/domain/map-markers'

const REGION = { south: 33.8, west: 130.8, north: 34.8, east: 132.1 }

/** `n` markers of one kind in a 0.01° square (≈ 1 km) around a centre. */
function heap(kind: MarkerKind, n: number, lat: number, lng: number) {
  return Array.from({ length: n }, (_, i) => ({ key: `${kind}:${lat}-${i}`, kind, point: { lat: lat + (i % 5) * 0.002, lng: lng + Math.floor(i / 5) * 0.002 } }))
}

const clusters = (items: ReturnType<ReturnType<typeof createClusterIndex>['itemsIn']>) => items.filter((i): i is ClusterItem => i.type === 'cluster')

describe('marker clusters', () => {
  const markers = [...heap('spot', 20, 34.18, 131.47), ...heap('event', 6, 34.18, 131.47), ...heap('spot', 3, 34.41, 131.39)]
  const index = createClusterIndex(markers)

  it('at region zoom groups nearby markers of one kind into counted clusters and never mixes kinds', () => {
    const items = index.itemsIn(REGION, 9)
    const byKind = clusters(items).map((c) => `${c.kind}:${c.count}`).sort()
    expect(byKind).toEqual(['event:6', 'spot:20', 'spot:3'])
    expect(items.filter((i) => i.type === 'marker')).toHaveLength(0)
  })

  it('counts every marker exactly once at every zoom', () => {
    for (let z = 7; z <= 18; z++) {
      const items = index.itemsIn(REGION, z)
      const total = items.reduce((n, i) => n + (i.type === 'cluster' ? i.count : 1), 0)
      expect(total, `zoom ${z}`).toBe(markers.length)
    }
  })

  it('splits as the person zooms in, and shows every marker alone from the focus zoom on', () => {
    const at = (z: number) => index.itemsIn(REGION, z).length
    expect(at(13)).toBeGreaterThan(at(9))
    const street = index.itemsIn(REGION, CLUSTER_MAX_ZOOM + 1)
    expect(clusters(street)).toHaveLength(0)
    expect(street).toHaveLength(markers.length)
  })

  it('a tap on a cluster zooms to where it splits', () => {
    const c = clusters(index.itemsIn(REGION, 9)).find((x) => x.kind === 'spot' && x.count === 20)!
    const z = index.expansionZoom(c.key)!
    expect(z).toBeGreaterThan(9)
    const after = index.itemsIn(REGION, z).filter((i) => i.type === 'marker' ? i.marker.kind === 'spot' && i.marker.point.lat < 34.3 : i.kind === 'spot' && i.point.lat < 34.3)
    expect(after.length).toBeGreaterThan(1)
    expect(index.expansionZoom('cluster:spot:999999')).toBeNull()
    expect(index.expansionZoom('spot:x')).toBeNull()
  })

  it('only returns what is in view', () => {
    const hagi = { south: 34.35, west: 131.3, north: 34.5, east: 131.5 }
    const items = index.itemsIn(hagi, 12)
    expect(items.reduce((n, i) => n + (i.type === 'cluster' ? i.count : 1), 0)).toBe(3)
  })
})

describe('cluster buttons never cover each other', () => {
  const overlaps = (c: Array<{ x: number; y: number; r: number }>, gap: number) => {
    for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) if (Math.hypot(c[i]!.x - c[j]!.x, c[i]!.y - c[j]!.y) < c[i]!.r + c[j]!.r + gap - 0.001) return true
    return false
  }
  it('moves apart circles that overlap (even on the very same spot) and leaves the others where they are', () => {
    const circles = [
      { x: 100, y: 100, r: 20 },
      { x: 110, y: 100, r: 17 },
      { x: 110, y: 100, r: 23 },
      { x: 300, y: 300, r: 20 },
    ]
    expect(overlaps(circles, 4)).toBe(true)
    const moved = separateCircles(circles)
    expect(overlaps(moved.map((p, i) => ({ ...p, r: circles[i]!.r })), 4)).toBe(false)
    expect(moved[3]).toEqual({ x: 300, y: 300 })
    // They stay near where they were: a few diameters at most.
    for (const [i, p] of moved.entries()) expect(Math.hypot(p.x - circles[i]!.x, p.y - circles[i]!.y)).toBeLessThan(60)
  })
})
