import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { latToTileY, lngToTileX, planSave, REGION_BBOX, SAVE_MAX_TILES, SAVE_MAX_ZOOM, tileCount, tilesFor, tileUrl, GSI_TILE_URL, estimateBytes, AVERAGE_TILE_BYTES } from '@/domain/tiles'
import { REGION_BOUNDS } from '@/domain/snapshot-schema'

describe('tile math', () => {
  it('finds the XYZ tile of a point (山口市 centre at zoom 8 and 16; y checked with the asinh form)', () => {
    expect([lngToTileX(131.4714, 8), latToTileY(34.1785, 8)]).toEqual([221, 102])
    expect([lngToTileX(131.4714, 16), latToTileY(34.1785, 16)]).toEqual([56701, 26140])
  })

  it('builds GSI tile URLs (never OpenStreetMap)', () => {
    expect(tileUrl(GSI_TILE_URL, { z: 8, x: 221, y: 101 })).toBe('https://cyberjapandata.gsi.go.jp/xyz/pale/8/221/101.png')
  })

  it('counts exactly the tiles it lists, for any bbox in the region', () => {
    const bbox = fc.record({ a: fc.double({ min: 33.9, max: 34.8, noNaN: true }), b: fc.double({ min: 33.9, max: 34.8, noNaN: true }), c: fc.double({ min: 130.9, max: 132, noNaN: true }), d: fc.double({ min: 130.9, max: 132, noNaN: true }) })
    fc.assert(
      fc.property(bbox, fc.integer({ min: 5, max: 11 }), ({ a, b, c, d }, z) => {
        const box = { south: Math.min(a, b), north: Math.max(a, b), west: Math.min(c, d), east: Math.max(c, d) }
        const listed = [...tilesFor(box, z, z + 1)]
        expect(listed.length).toBe(tileCount(box, z, z + 1))
        expect(new Set(listed.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(listed.length)
      }),
    )
  })

  it('estimates size from the count', () => {
    expect(estimateBytes(10)).toBe(10 * AVERAGE_TILE_BYTES)
  })

  it('the schema region and the map region agree', () => {
    expect(REGION_BBOX).toEqual({ ...REGION_BOUNDS })
  })
})

describe('planSave: the hard upper bound', () => {
  const town = { south: 34.17, north: 34.19, west: 131.46, east: 131.49 }

  it('plans the current zoom plus up to two more, with count and size', () => {
    const plan = planSave(town, 14)
    expect(plan).toMatchObject({ ok: true, minZoom: 14, maxZoom: 16 })
    if (!plan.ok) throw new Error('refused')
    expect(plan.count).toBe(tileCount(town, 14, 16))
    expect(plan.bytes).toBe(estimateBytes(plan.count))
  })

  it('refuses the whole region at a street-level zoom (no bulk download)', () => {
    const plan = planSave(REGION_BBOX, 13)
    expect(plan.ok).toBe(false)
    expect(plan).toMatchObject({ reason: 'too-large' })
    expect(plan.count).toBeGreaterThan(SAVE_MAX_TILES)
  })

  it(`refuses above zoom ${SAVE_MAX_ZOOM}`, () => {
    expect(planSave(town, 17)).toEqual({ ok: false, reason: 'zoom-too-high', count: 0 })
  })

  it(`never plans more than ${SAVE_MAX_TILES} tiles or above zoom ${SAVE_MAX_ZOOM}, whatever the view`, () => {
    fc.assert(
      fc.property(fc.double({ min: 33.9, max: 34.7, noNaN: true }), fc.double({ min: 130.9, max: 131.9, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.integer({ min: 5, max: 18 }), (south, west, span, zoom) => {
        const plan = planSave({ south, west, north: south + span, east: west + span }, zoom)
        if (plan.ok) {
          expect(plan.count).toBeLessThanOrEqual(SAVE_MAX_TILES)
          expect(plan.maxZoom).toBeLessThanOrEqual(SAVE_MAX_ZOOM)
          expect(plan.count).toBe(tileCount(plan.bbox, plan.minZoom, plan.maxZoom))
        }
      }),
    )
  })
})
