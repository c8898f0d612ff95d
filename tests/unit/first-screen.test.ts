import { describe, expect, it } from 'vitest'
import { firstScreenJson } from '@/domain/first-screen'
import { firstScreenOf } from '@/domain/first-screen-pick'
import type { Municipality, Scheme, Source, Spot } from '@/domain/snapshot-schema'

const town = (code: string, ja: string) => ({ code, name: { ja }, boundary: { type: 'Polygon', coordinates: [] } }) as unknown as Municipality
const spot = (id: string, municipality: string, reason?: string) =>
  ({ id, municipality, name: { ja: id }, category: 'history', ...(reason ? { highlight: { reason: { ja: reason }, source: 'curated-editorial' } } : {}) }) as unknown as Spot

describe('first screen', () => {
  const snapshot = {
    municipalities: [town('35203', '山口市'), town('35202', '宇部市'), town('35204', '萩市')],
    spots: [spot('ube-a', '35202', '宇部の理由'), spot('yamaguchi-b', '35203'), spot('yamaguchi-a', '35203', '山口の理由')],
  }

  it("is Home's places in Home's order, with only those places' town names (no boundaries)", () => {
    const screen = firstScreenOf('/', snapshot)!
    // The picks first, in the towns' order (Yamaguchi before Ube), then the rest as listed.
    expect(screen.spots.map((s) => s.id)).toEqual(['yamaguchi-a', 'ube-a', 'yamaguchi-b'])
    expect(screen.towns).toEqual([
      { code: '35203', name: { ja: '山口市' } },
      { code: '35202', name: { ja: '宇部市' } },
    ])
  })

  it("is the map's town buttons: all seven towns' names in the towns' order, no places", () => {
    expect(firstScreenOf('/map', snapshot)).toEqual({
      path: '/map',
      spots: [],
      towns: [
        { code: '35203', name: { ja: '山口市' } },
        { code: '35202', name: { ja: '宇部市' } },
        { code: '35204', name: { ja: '萩市' } },
      ],
    })
  })

  it("is /about's list of sources: every source in the stored order (by id), with what its card shows", () => {
    const source = (id: string) => ({ id, title: { ja: `${id}の題` }, publisher: { ja: '発行元' }, credit: { ja: 'クレジット' }, licence: 'CC BY 4.0', url: 'https://example.jp/', asOf: '2026-11-01' }) as Source
    const screen = firstScreenOf('/about', { ...snapshot, sources: [source('opendata-b'), source('curated-a'), source('opendata-a')] })!
    expect(screen.spots).toEqual([])
    expect(screen.sources).toEqual([
      { id: 'curated-a', title: { ja: 'curated-aの題' }, publisher: { ja: '発行元' }, credit: { ja: 'クレジット' }, licence: 'CC BY 4.0' },
      { id: 'opendata-a', title: { ja: 'opendata-aの題' }, publisher: { ja: '発行元' }, credit: { ja: 'クレジット' }, licence: 'CC BY 4.0' },
      { id: 'opendata-b', title: { ja: 'opendata-bの題' }, publisher: { ja: '発行元' }, credit: { ja: 'クレジット' }, licence: 'CC BY 4.0' },
    ])
    expect(firstScreenOf('/', { ...snapshot, sources: [source('curated-a')] })!.sources).toBeUndefined()
  })

  it("is /living's filters and first schemes: all towns, the first schemes in the browser's order, the count, only their sources", () => {
    const source = (id: string) => ({ id, title: { ja: `${id}の題` }, publisher: { ja: '発行元' }, credit: { ja: 'クレジット' }, licence: 'CC BY 4.0', url: 'https://example.jp/', asOf: '2026-11-01' }) as Source
    const scheme = (id: string, category: string, municipality: string, src: string) => ({ id, category, municipality, source: src, name: { ja: id } }) as unknown as Scheme
    const schemes = [scheme('s-child-hagi', 'childcare', '35204', 'src-c'), scheme('s-house-yamaguchi', 'housing', '35203', 'src-b'), scheme('s-house-region', 'housing', 'region', 'src-a')]
    const screen = firstScreenOf('/living', { ...snapshot, schemes, sources: [source('src-a'), source('src-b'), source('src-c')] })!
    // Housing before childcare; region-wide before a town.
    expect(screen.schemes).toEqual([schemes[2], schemes[1]])
    expect(screen.schemeCount).toBe(3)
    expect(screen.towns.map((t) => t.code)).toEqual(['35203', '35202', '35204'])
    expect(screen.sources!.map((s) => s.id)).toEqual(['src-a', 'src-b'])
    expect(screen.spots).toEqual([])
  })

  it('is nothing for a route whose first screen shows no records', () => {
    expect(firstScreenOf('/events', snapshot)).toBeNull()
  })

  it('travels in a script element it cannot close, and reads back the same', () => {
    const screen = firstScreenOf('/', { ...snapshot, spots: [spot('x', '35203', '</script><img src=x onerror=alert(1)>')] })!
    const json = firstScreenJson(screen)
    expect(json).not.toContain('</script')
    expect(json).not.toContain('<')
    expect(JSON.parse(json)).toEqual(screen)
  })
})
