/**
 * Markers as canvas circle markers on one shared L.canvas renderer (smooth at
 * 10,000 markers; DOM icons are not). Kinds differ by outline pattern and size,
 * not only colour; categories by fill colour. Also used by bench/map-markers.mjs.
 */
import L from './leaflet'
import type { MapMarker, MarkerKind } from '@/domain/map-markers'
import { CATEGORY_FILL, KIND_STYLE } from './map-style'

export function markerStyle(kind: MarkerKind, category: string): L.CircleMarkerOptions {
  const k = KIND_STYLE[kind]
  return { radius: k.radius, weight: k.weight, dashArray: k.dashArray, color: k.color, opacity: 1, fillColor: CATEGORY_FILL[category] ?? CATEGORY_FILL.other, fillOpacity: 0.9 }
}

/**
 * One feature group of canvas circle markers. `onSelect` receives the marker key.
 * The group is created outside Vue's reactivity (markRaw by the caller).
 */
export function createMarkerLayer(markers: readonly Pick<MapMarker, 'key' | 'kind' | 'category' | 'point'>[], renderer: L.Canvas, onSelect: (key: string) => void): L.FeatureGroup {
  // One options object per kind × category, shared by every marker of that style.
  const styles = new Map<string, L.CircleMarkerOptions>()
  const keys = new WeakMap<L.Layer, string>()
  const layers: L.Layer[] = new Array(markers.length)
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i]!
    const styleKey = `${m.kind}|${m.category}`
    let options = styles.get(styleKey)
    if (!options) styles.set(styleKey, (options = { ...markerStyle(m.kind, m.category), renderer, bubblingMouseEvents: false }))
    const layer = L.circleMarker([m.point.lat, m.point.lng], options)
    keys.set(layer, m.key)
    layers[i] = layer
  }
  const group = L.featureGroup(layers)
  group.on('click', (e: L.LeafletEvent) => {
    const key = keys.get((e as L.LeafletEvent & { propagatedFrom: L.Layer }).propagatedFrom)
    if (key) onSelect(key)
  })
  return group
}
