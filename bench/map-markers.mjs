/**
 * Benchmark (not a test): add + paint time of 10,000 map markers in real Chromium.
 *
 *   app  = the app's marker layer (src/composables/map/cluster-layer.ts: one supercluster index per kind,
 *          counted cluster buttons at low zoom, canvas L.circleMarker for markers standing alone, only
 *          what is in view), at region zoom (9) and at town zoom (13)
 *   raw  = plain Leaflet: `L.circleMarker(latlng, { renderer }).addTo(map)` for each point, same renderer type
 *
 * Both run in the same page, alternating, after one warm-up each; the time is from the first
 * add until two animation frames later (Leaflet's canvas redraw happens in the next frame).
 * Reports medians of `runs` (>= 5) runs and ratio = app / raw.
 *
 * Standalone:   node bench/map-markers.mjs [--count 10000] [--runs 7]     (prints JSON)
 * From a suite: import { runMapBench } from './bench/map-markers.mjs'
 *               const result = await runMapBench({ page })   // any playwright-core Page; `base` is accepted and ignored
 * It bundles the marker layer with esbuild (installed with tsx) and loads it into about:blank,
 * so it needs no server, no network and is not affected by the app's CSP.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

async function bundle() {
  const { build } = await import('esbuild')
  const result = await build({
    stdin: {
      contents: "import L from './src/composables/map/leaflet'\nimport { createClusterLayer } from './src/composables/map/cluster-layer'\nwindow.L = L\nwindow.createClusterLayer = createClusterLayer\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    target: 'es2022',
    alias: { '@': resolve(root, 'src') },
    logLevel: 'silent',
  })
  return result.outputFiles[0].text
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** Runs in the page: one measurement of `kind` ('app' | 'raw') at `zoom`. */
function measureInPage({ kind, count, zoom }) {
  const L = window.L
  const el = document.getElementById('map')
  const map = L.map(el, { zoomControl: false, attributionControl: false }).setView([34.35, 131.45], zoom)
  const renderer = L.canvas({ padding: 0.1 }) // as the app's markers' canvas (useLeafletMap)
  // Deterministic points across the region (the same for both kinds).
  let seed = 42
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32
  const kinds = ['spot', 'event', 'checkpoint']
  const categories = ['nature', 'history', 'culture', 'food', 'festival', 'rally']
  const markers = Array.from({ length: count }, (_, i) => ({ key: `m${i}`, kind: kinds[i % 3], category: categories[i % 6], point: { lat: 33.9 + rnd() * 0.9, lng: 130.9 + rnd() * 1.1 } }))
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()))
  return frame().then(() => {
    const t0 = performance.now()
    if (kind === 'app') window.createClusterLayer(markers, { renderer, onSelect: () => undefined, clusterLabel: (k, n) => `${n} ${k}` }).addTo(map)
    else for (const m of markers) L.circleMarker([m.point.lat, m.point.lng], { renderer }).addTo(map)
    const added = performance.now() - t0
    return frame()
      .then(frame)
      .then(() => {
        const total = performance.now() - t0
        map.remove()
        return { added, total }
      })
  })
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function runMapBench({ page, base, count = 10_000, runs = 7 } = {}) {
  if (runs < 5) throw new Error('runs must be at least 5')
  const script = await bundle()
  const css = readFileSync(resolve(root, 'node_modules/leaflet/dist/leaflet.css'), 'utf8')
  await page.goto('about:blank')
  await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body style="margin:0"><div id="map" style="width:800px;height:600px"></div></body></html>`)
  await page.addScriptTag({ content: script })
  const summary = (rs) => ({ medianMs: Math.round(median(rs.map((r) => r.total)) * 10) / 10, medianAddMs: Math.round(median(rs.map((r) => r.added)) * 10) / 10, runsMs: rs.map((r) => Math.round(r.total)) })
  const atZoom = async (zoom) => {
    const results = { app: [], raw: [] }
    for (const kind of ['app', 'raw']) await page.evaluate(measureInPage, { kind, count, zoom }) // warm-up
    for (let i = 0; i < runs; i++) {
      for (const kind of i % 2 ? ['raw', 'app'] : ['app', 'raw']) {
        await page.waitForTimeout(200) // let the previous map's garbage settle
        results[kind].push(await page.evaluate(measureInPage, { kind, count, zoom }))
      }
    }
    const app = summary(results.app)
    const raw = summary(results.raw)
    return { zoom, app, raw, ratio: Math.round((app.medianMs / raw.medianMs) * 100) / 100 }
  }
  // Region zoom is the budgeted row (the map opens there); town zoom shows the cost once clusters split.
  const region = await atZoom(9)
  const town = await atZoom(13)
  return { name: 'map-markers', markers: count, runs, app: region.app, raw: region.raw, ratio: region.ratio, town }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? Number(process.argv[i + 1]) : fallback
  }
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } })
    console.log(JSON.stringify(await runMapBench({ page, count: arg('count', 10_000), runs: arg('runs', 7) }), null, 2))
  } finally {
    await browser.close()
  }
}
