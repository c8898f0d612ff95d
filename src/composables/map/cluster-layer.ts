/**
 * The map's markers with clustering: at low zoom, markers of one kind group into
 * counted clusters (real buttons with an accessible name; a tap zooms in until the
 * cluster splits); markers standing alone are canvas circle markers as before.
 * Only what is in view (plus a margin) is on the map; it is redrawn after each
 * move or zoom. Also used by bench/map-markers.mjs.
 */
import L from './leaflet'
import { createClusterIndex, separateCircles, type ClusterItem } from '@/domain/map-clusters'
import type { MapMarker, MarkerKind } from '@/domain/map-markers'
import { markerStyle } from './map-style'

type LayerMarker = Pick<MapMarker, 'key' | 'kind' | 'category' | 'point'>

export interface ClusterLayerOptions {
  renderer: L.Canvas
  /** Pane for the cluster buttons (DOM); default Leaflet's marker pane. */
  pane?: string
  onSelect: (key: string) => void
  /** Accessible name of a cluster, e.g. 「観光スポット 12件（タップで拡大）」. */
  clusterLabel: (kind: MarkerKind, count: number) => string
  /** After each redraw: how many clusters and single markers are shown. */
  onRender?: (shown: { clusters: number; markers: number }) => void
}

export interface ClusterLayer {
  addTo(map: L.Map): ClusterLayer
  remove(): void
}

const clusterSize = (count: number) => (count < 10 ? 34 : count < 100 ? 40 : 46)

function clusterIcon(item: ClusterItem, label: string): L.DivIcon {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'map-cluster__button'
  button.setAttribute('aria-label', label)
  button.dataset.count = String(item.count)
  button.textContent = String(item.count)
  const size = clusterSize(item.count)
  return L.divIcon({ html: button, className: `map-cluster map-cluster--${item.kind}`, iconSize: [size, size] })
}

export function createClusterLayer(markers: readonly LayerMarker[], options: ClusterLayerOptions): ClusterLayer {
  const index = createClusterIndex(markers)
  const styles = new Map<string, L.CircleMarkerOptions>()
  const circles = new Map<string, L.CircleMarker>()
  let shown = new Map<string, L.Layer>()
  let map: L.Map | null = null

  function circleOf(m: LayerMarker): L.CircleMarker {
    let c = circles.get(m.key)
    if (c) return c
    const styleKey = `${m.kind}|${m.category}`
    let style = styles.get(styleKey)
    if (!style) styles.set(styleKey, (style = { ...markerStyle(m.kind, m.category), renderer: options.renderer, bubblingMouseEvents: false }))
    c = L.circleMarker([m.point.lat, m.point.lng], style)
    c.on('click', () => options.onSelect(m.key))
    circles.set(m.key, c)
    return c
  }

  function clusterOf(item: ClusterItem): L.Marker {
    const marker = L.marker([item.point.lat, item.point.lng], { icon: clusterIcon(item, options.clusterLabel(item.kind, item.count)), keyboard: false, pane: options.pane ?? 'markerPane', bubblingMouseEvents: false })
    marker.on('click', () => {
      const z = index.expansionZoom(item.key)
      if (map && z !== null) map.setView([item.point.lat, item.point.lng], Math.max(z, map.getZoom() + 1))
    })
    return marker
  }

  function render() {
    const m = map
    if (!m) return
    const b = m.getBounds().pad(0.25)
    const items = index.itemsIn({ south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() }, m.getZoom())
    const next = new Map<string, L.Layer>()
    let clusters = 0
    for (const item of items) {
      const key = item.type === 'cluster' ? item.key : item.marker.key
      const layer = shown.get(key) ?? (item.type === 'cluster' ? clusterOf(item) : circleOf(item.marker))
      next.set(key, layer)
      if (item.type === 'cluster') clusters++
    }
    // Clusters of different kinds (or close ones of one kind) may land on each other: move them
    // apart on screen so every button stays a whole tap target.
    const clusterItems = items.filter((i): i is ClusterItem => i.type === 'cluster')
    const at = clusterItems.map((c) => m.latLngToLayerPoint([c.point.lat, c.point.lng]))
    const spread = separateCircles(at.map((p, i) => ({ x: p.x, y: p.y, r: clusterSize(clusterItems[i]!.count) / 2 })))
    clusterItems.forEach((c, i) => (next.get(c.key) as L.Marker).setLatLng(m.layerPointToLatLng(L.point(spread[i]!.x, spread[i]!.y))))
    for (const [key, layer] of shown) if (!next.has(key)) layer.remove()
    for (const [key, layer] of next) if (!shown.has(key)) layer.addTo(m)
    shown = next
    options.onRender?.({ clusters, markers: items.length - clusters })
  }

  const layer: ClusterLayer = {
    addTo(target) {
      layer.remove()
      map = target
      target.on('moveend', render)
      render()
      return layer
    },
    remove() {
      map?.off('moveend', render)
      for (const l of shown.values()) l.remove()
      shown = new Map()
      map = null
    },
  }
  return layer
}
