/**
 * The region's town outlines as a small SVG drawing (Web Mercator, as the map): the map route's first
 * screen shows it before Leaflet has loaded (built into `map-towns.svg` at build time, vite.config.ts).
 * Points closer than `minStep` drawing units to the last kept one are dropped; coordinates are rounded
 * to one decimal. No Vue, no Leaflet.
 */
import type { Municipality } from './snapshot-schema'
import type { Bbox } from './tiles'

/** The built file (at the site's root, precached) that MapView shows until the map has its towns. */
export const TOWN_OUTLINE_FILE = 'map-towns.svg'

type Outline = Pick<Municipality, 'code' | 'boundary'>

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))

export interface OutlineOptions {
  /** Width of the drawing in its own units; the height follows the region's shape. */
  width?: number
  /** Smallest step kept along a ring, in drawing units. */
  minStep?: number
}

export function townOutlineSvg(towns: readonly Outline[], bbox: Bbox, options: OutlineOptions = {}): string {
  const width = options.width ?? 800
  const minStep = options.minStep ?? 3
  const x0 = (bbox.west * Math.PI) / 180
  const scale = width / (((bbox.east - bbox.west) * Math.PI) / 180)
  const yTop = mercatorY(bbox.north)
  const height = ((yTop - mercatorY(bbox.south)) * scale).toFixed(1)
  const project = ([lng, lat]: [number, number]): [number, number] => [((lng * Math.PI) / 180 - x0) * scale, (yTop - mercatorY(lat)) * scale]
  const ringPath = (ring: readonly (readonly number[])[]) => {
    const kept: [number, number][] = []
    for (const position of ring) {
      const p = project([position[0]!, position[1]!])
      const last = kept[kept.length - 1]
      if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= minStep) kept.push(p)
    }
    if (kept.length < 3) return ''
    return `M${kept.map(([x, y]) => `${x.toFixed(1)} ${y.toFixed(1)}`).join('L')}Z`
  }
  const paths = towns.map((t) => {
    const polygons = t.boundary.type === 'Polygon' ? [t.boundary.coordinates] : t.boundary.coordinates
    const d = polygons.flatMap((rings) => rings.map(ringPath)).join('')
    return `<path data-town="${t.code}" d="${d}"/>`
  })
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<g fill="#9ab8b4" fill-opacity="0.15" stroke="#3d4f4d" stroke-width="1.5" stroke-dasharray="6 4" stroke-linejoin="round">${paths.join('')}</g></svg>`
  )
}
