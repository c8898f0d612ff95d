import { describe, expect, it } from 'vitest'
import { townOutlineSvg } from '@/domain/town-outline'

const square = (code: string, west: number, south: number, size: number) => ({
  code: code as never,
  boundary: { type: 'Polygon' as const, coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]] as [number, number][]] },
})
const bbox = { south: 34, north: 35, west: 131, east: 132 }

describe('town outlines as SVG (the map’s first screen)', () => {
  it('draws one path per town, placed where the town is in the region (north up)', () => {
    const svg = townOutlineSvg([square('35201', 131, 34, 0.5), square('35204', 131.5, 34.5, 0.5)], bbox, { width: 100 })
    const paths = [...svg.matchAll(/<path data-town="(\d+)" d="([^"]+)"/g)].map((m) => ({ code: m[1], d: m[2] }))
    expect(paths.map((p) => p.code)).toEqual(['35201', '35204'])
    // The south-west square starts at the bottom-left corner; the north-east one reaches the top-right.
    const height = Number(/viewBox="0 0 100 ([\d.]+)"/.exec(svg)?.[1])
    expect(height).toBeGreaterThan(100) // Mercator: a degree of latitude is taller than one of longitude here
    expect(paths[0]!.d!.startsWith(`M0.0 ${height.toFixed(1)}`)).toBe(true)
    expect(paths[1]!.d).toContain('L100.0 0.0')
  })

  it('drops points closer than the step, and a ring that shrinks below a triangle', () => {
    const dense = { code: '35202' as never, boundary: { type: 'Polygon' as const, coordinates: [[...Array.from({ length: 101 }, (_, i): [number, number] => [131 + i * 0.005, 34]), [131.5, 34.5] as [number, number], [131, 34] as [number, number]]] } }
    const tiny = square('35203', 131.9, 34.9, 0.0001)
    const svg = townOutlineSvg([dense, tiny], bbox, { width: 100, minStep: 5 })
    const d = /data-town="35202" d="([^"]+)"/.exec(svg)![1]!
    expect(d.split('L').length).toBeLessThan(20)
    expect(svg).toContain('<path data-town="35203" d=""/>')
  })

  it('draws every polygon of a town made of several (islands)', () => {
    const islands = { code: '35204' as never, boundary: { type: 'MultiPolygon' as const, coordinates: [square('', 131, 34, 0.3).boundary.coordinates, square('', 131.6, 34.6, 0.3).boundary.coordinates] } }
    const d = /d="([^"]+)"/.exec(townOutlineSvg([islands], bbox))![1]!
    expect(d.match(/M/g)).toHaveLength(2)
  })
})
