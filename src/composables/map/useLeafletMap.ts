/**
 * The one owner of the Leaflet map and its layers. Everything Leaflet lives in
 * shallowRef/markRaw (never deep-reactive), is created in onMounted and removed
 * on unmount. Boundaries come from the snapshot and need no network; the GSI
 * base tiles are an optional layer underneath, requested with CORS.
 */
import L from './leaflet'
import 'leaflet/dist/leaflet.css'
import { markRaw, onBeforeUnmount, onMounted, shallowRef, type Ref } from 'vue'
import { containsPoint } from '@/domain/geo'
import { boundsOfTowns, type MapMarker, type MarkerKind } from '@/domain/map-markers'
import type { MapLine } from '@/domain/map-markers'
import type { Municipality, MunicipalityCode } from '@/domain/snapshot-schema'
import { GSI_ATTRIBUTION_URL, REGION_BBOX, GSI_TILE_URL, TILE_MAX_ZOOM, TILE_MIN_ZOOM, type Bbox } from '@/domain/tiles'
import { createClusterLayer, type ClusterLayer } from './cluster-layer'
import { markerCanvas } from './marker-canvas'
import { useNextTask } from './useNextTask'

export interface LeafletMapOptions {
  onSelectMarker: (key: string) => void
  onSelectTown: (code: MunicipalityCode) => void
  zoomInTitle: () => string
  zoomOutTitle: () => string
  /** Accessible name of a cluster of `count` markers of one kind. */
  clusterLabel: (kind: MarkerKind, count: number) => string
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export const GSI_ATTRIBUTION = `<a href="${GSI_ATTRIBUTION_URL}" target="_blank" rel="noopener">地理院タイル</a>`

/** Neighbours whose centres are close: their labels sit on opposite sides so they do not cover each other. */
const LABEL_SIDE: Partial<Record<MunicipalityCode, 'right'>> = { '35202': 'right' }

const toBounds = (b: Bbox) => L.latLngBounds([b.south, b.west], [b.north, b.east])

/**
 * Leaflet 1.9.4 ends every animated zoom in a 250 ms timer that it does not cancel on remove(), and that timer then
 * reads the removed map pane (Leaflet/Leaflet#9575): leaving the map mid-zoom threw "reading '_leaflet_pos'".
 * After remove(), the map is told no zoom is running, so the timer finds nothing to finish.
 */
function forgetZoomAnimation(m: L.Map) {
  ;(m as unknown as { _animatingZoom?: boolean })._animatingZoom = false
}

/** How close a "show on map" link zooms in: streets and buildings readable. */
export const FOCUS_ZOOM = 16

export function useLeafletMap(container: Ref<HTMLElement | null>, options: LeafletMapOptions) {
  const map = shallowRef<L.Map | null>(null)
  /** The map from its creation, before it has a view and is the page's. */
  let created: L.Map | null = null
  const ready = shallowRef(false)
  let canvas: L.Canvas | null = null
  let towns: L.FeatureGroup | null = null
  let labels: L.LayerGroup | null = null
  let markers: ClusterLayer | null = null
  let route: L.LayerGroup | null = null
  let here: L.LayerGroup | null = null
  let zoom: L.Control.Zoom | null = null
  let boundaryAttribution = ''
  let townList: readonly Municipality[] = []
  /** Set while one tap's events are dispatched, so a tap on a marker never also picks the town under it. */
  let markerTapped = false

  function syncViewData() {
    const m = map.value
    const el = container.value
    if (!m || !el) return
    const c = m.getCenter()
    el.dataset.zoom = String(m.getZoom())
    el.dataset.centerLat = String(c.lat)
    el.dataset.centerLng = String(c.lng)
  }

  // Leaflet starts in a task of its own, after the one that mounted (or hydrated) the page: both in one were the
  // map route's longest task on a first visit (issue 18). The map, its view and controls, its base tiles, the
  // markers' canvas, and what the page draws on it once it is ready, go in five tasks.
  const step = useNextTask()
  const townsDraw = useNextTask()
  const markersDraw = useNextTask()
  onMounted(() => step.run(start))

  function start() {
    const el = container.value
    if (!el) return
    const m = markRaw(
      L.map(el, {
        zoomControl: false,
        keyboard: true,
        minZoom: 7,
        maxZoom: TILE_MAX_ZOOM,
        maxBounds: L.latLngBounds([REGION_BBOX.south - 1, REGION_BBOX.west - 1.5], [REGION_BBOX.north + 1, REGION_BBOX.east + 1.5]),
        attributionControl: false,
      }),
    )
    m.createPane('towns').style.zIndex = '350'
    m.createPane('townLabels').style.zIndex = '400' // under the markers: a label never hides a marker
    m.createPane('markers').style.zIndex = '450'
    m.createPane('clusters').style.zIndex = '460'
    // The markers' canvas reaches a little beyond the view (Leaflet's default margin): its pixels are allocated at
    // its first drawing, and at 0.3 of the view on each side that was a 100 ms task at 4× CPU slowdown (issue 18).
    canvas = markRaw(markerCanvas({ pane: 'markers', padding: 0.1 }))
    m.on('moveend zoomend', syncViewData)
    // Town polygons sit under the marker canvas, so a tap on the map (not on a marker) picks the town by point-in-polygon.
    m.on('click', (e: L.LeafletMouseEvent) => {
      if (markerTapped) return
      const hit = townList.find((t) => containsPoint(t.boundary, { lat: e.latlng.lat, lng: e.latlng.lng }))
      if (hit) options.onSelectTown(hit.code)
    })
    created = m
    step.runEach([
      // The view and the controls: the view measures the map (a layout), as creating it read its style. The map is the
      // page's (map.value) once it has a view.
      () => {
        L.control.attribution({ prefix: false, position: 'bottomright' }).addTo(m)
        zoom = L.control.zoom({ position: 'topright', zoomInTitle: options.zoomInTitle(), zoomOutTitle: options.zoomOutTitle() }).addTo(m)
        m.fitBounds(toBounds(REGION_BBOX))
        map.value = m
        syncViewData()
      },
      // Base tiles under the boundaries. Never OpenStreetMap: GSI only, CORS (crossOrigin) so the SW can cache real responses.
      () => L.tileLayer(GSI_TILE_URL, { attribution: GSI_ATTRIBUTION, crossOrigin: 'anonymous', minZoom: TILE_MIN_ZOOM, maxZoom: TILE_MAX_ZOOM, maxNativeZoom: TILE_MAX_ZOOM }).addTo(m),
      // The markers' canvas, empty: allocating its pixels is most of the markers' first drawing.
      () => canvas?.addTo(m),
      () => (ready.value = true),
    ])
  }

  onBeforeUnmount(() => {
    const m = map.value ?? created
    created = null
    m?.off()
    m?.remove()
    if (m) forgetZoomAnimation(m)
    map.value = null
    ready.value = false
    canvas = towns = labels = markers = route = here = zoom = null
  })

  function setZoomTitles() {
    const m = map.value
    if (!m || !zoom) return
    zoom.remove()
    zoom = L.control.zoom({ position: 'topright', zoomInTitle: options.zoomInTitle(), zoomOutTitle: options.zoomOutTitle() }).addTo(m)
  }

  /**
   * Town polygons (SVG paths, one per municipality) with labels in the current language. Built in one task and put
   * on the map in the next: together, building and drawing the outlines was a 90–150 ms task at 4× CPU slowdown on a
   * first visit (issue 18). The outlines they replace stay until the new ones are drawn, so nothing flickers.
   */
  function setTowns(list: readonly Municipality[], labelOf: (m: Municipality) => { text: string; lang: string }, selected: MunicipalityCode | null) {
    const m = map.value
    if (!m) return
    const outlines = markRaw(L.featureGroup())
    const names = markRaw(L.layerGroup())
    for (const t of list) {
      const isSelected = selected === t.code
      const rings = t.boundary.type === 'Polygon' ? [t.boundary.coordinates] : t.boundary.coordinates
      const latlngs = rings.map((poly) => poly.map((ring) => ring.map(([lng, lat]) => [lat, lng] as [number, number])))
      const polygon = L.polygon(latlngs, {
        pane: 'towns',
        className: `map-town map-town--${t.code}${isSelected ? ' map-town--selected' : ''}`,
        color: isSelected ? '#0b5d59' : '#3d4f4d',
        weight: isSelected ? 4 : 1.5,
        dashArray: isSelected ? undefined : '6 4',
        fillColor: isSelected ? '#0b5d59' : '#9ab8b4',
        fillOpacity: selected && !isSelected ? 0.05 : 0.15,
        interactive: false,
      })
      outlines.addLayer(polygon)
      const label = document.createElement('span')
      const { text, lang } = labelOf(t)
      label.textContent = text
      label.lang = lang
      label.className = `map-town-label map-town-label--${LABEL_SIDE[t.code] ?? 'center'}${isSelected ? ' map-town-label--selected' : ''}`
      // A marker whose icon has no size: the label centres itself with CSS. (A Leaflet tooltip measures itself
      // to be placed, a layout of the whole page for each town, while the page is still settling; issue 18.)
      names.addLayer(L.marker([t.centre.lat, t.centre.lng], { pane: 'townLabels', interactive: false, keyboard: false, icon: L.divIcon({ html: label, className: 'map-town-label__anchor', iconSize: null as unknown as L.PointExpression }) }))
    }
    townsDraw.run(() => {
      towns?.remove()
      labels?.remove()
      towns = outlines.addTo(m)
      labels = names.addTo(m)
      townList = list
    })
  }

  function setBoundaryAttribution(text: string) {
    const control = map.value?.attributionControl
    if (!control) return
    if (boundaryAttribution) control.removeAttribution(boundaryAttribution)
    boundaryAttribution = escapeHtml(text)
    control.addAttribution(boundaryAttribution)
  }

  /**
   * The markers, clustered: the clusters' index is built in one task and drawn in the next (together, up to 100 ms
   * at 4× CPU slowdown on a first visit; issue 18). The markers they replace stay until then, so nothing flickers.
   */
  function setMarkers(list: readonly MapMarker[]) {
    const m = map.value
    if (!m || !canvas) return
    const next = markRaw(
      createClusterLayer(list, {
        renderer: canvas,
        pane: 'clusters',
        clusterLabel: options.clusterLabel,
        onSelect: (key) => {
          markerTapped = true
          setTimeout(() => (markerTapped = false), 0)
          options.onSelectMarker(key)
        },
        // What is drawn, for people's tools and the journeys (a canvas has no DOM to count).
        onRender: ({ clusters, markers: single }) => {
          const el = container.value
          if (!el) return
          el.dataset.clusters = String(clusters)
          el.dataset.markers = String(single)
        },
      }),
    )
    markersDraw.run(() => {
      markers?.remove()
      markers = next.addTo(m)
    })
  }

  /** The line with a numbered circle at each stop (the numbers are the page's, so they match the list). */
  function setRoute(r: MapLine | null) {
    const m = map.value
    if (!m) return
    route?.remove()
    route = null
    if (!r) return
    const line = L.polyline(r.stops.map((s) => [s.point.lat, s.point.lng] as [number, number]), { pane: 'markers', className: 'map-route', color: '#b3261e', weight: 5, opacity: 0.85, dashArray: '10 6', interactive: false })
    const stops = r.stops.map((s) =>
      L.marker([s.point.lat, s.point.lng], { pane: 'markers', interactive: false, keyboard: false, icon: L.divIcon({ className: 'map-route-stop', html: String(s.n), iconSize: [26, 26] }) }),
    )
    route = markRaw(L.layerGroup([line, ...stops]))
    route.addTo(m)
  }

  /** Fitting a hidden map (list view) would compute a zoom for a 0×0 box: wait until it is shown again. */
  let pendingFit: (() => void) | null = null
  function whenVisible(fit: () => void) {
    const el = container.value
    if (el && el.clientWidth > 0 && el.clientHeight > 0) {
      pendingFit = null
      fit()
    } else pendingFit = fit
  }

  /** `animate: false` when the towns have just arrived: an animated zoom's end redrew every layer in one long task. */
  function fitTowns(list: readonly Municipality[], animate = true) {
    const b = boundsOfTowns(list)
    if (b) whenVisible(() => map.value?.fitBounds(toBounds(b), { padding: [8, 8], animate }))
  }

  function fitRoute(r: MapLine) {
    if (!r.stops.length) return
    whenVisible(() => map.value?.fitBounds(L.latLngBounds(r.stops.map((s) => [s.point.lat, s.point.lng] as [number, number])), { padding: [32, 32], maxZoom: 15 }))
  }

  /** The person's position with its accuracy circle; centres the map on it. */
  function showPosition(p: { lat: number; lng: number; accuracy: number } | null, centre = true) {
    const m = map.value
    if (!m) return
    here?.remove()
    here = null
    if (!p) return
    here = markRaw(
      L.layerGroup([
        L.circle([p.lat, p.lng], { radius: p.accuracy, className: 'map-accuracy', color: '#1a73e8', weight: 1, fillOpacity: 0.12, interactive: false }),
        L.circleMarker([p.lat, p.lng], { radius: 8, className: 'map-here', color: '#fff', weight: 3, fillColor: '#1a73e8', fillOpacity: 1, interactive: false }),
      ]),
    )
    here.addTo(m)
    if (centre) whenVisible(() => m.setView([p.lat, p.lng], Math.max(m.getZoom(), 13)))
  }

  /** Centres and zooms in on one record (a "show on map" link). */
  function focusOn(point: { lat: number; lng: number }, zoomLevel = FOCUS_ZOOM) {
    whenVisible(() => map.value?.setView([point.lat, point.lng], zoomLevel))
  }

  function panTo(point: { lat: number; lng: number }) {
    map.value?.panTo([point.lat, point.lng])
  }

  function view(): { bbox: Bbox; zoom: number } | null {
    const m = map.value
    if (!m) return null
    const b = m.getBounds()
    return { bbox: { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() }, zoom: m.getZoom() }
  }

  function invalidateSize() {
    map.value?.invalidateSize()
    const fit = pendingFit
    pendingFit = null
    fit?.()
  }

  return { map, ready, setTowns, setBoundaryAttribution, setMarkers, setRoute, fitTowns, fitRoute, showPosition, focusOn, panTo, view, invalidateSize, setZoomTitles }
}
