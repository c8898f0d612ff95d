/**
 * My trip at its largest: render and reorder times of the biggest trip the app keeps (14 days × 30
 * stops = 420 stops, the schema's limits), against a two-stop trip in the same run and page, on the
 * production build in Chromium with the CPU slowed 4× (a cheap phone).
 *
 *   render   navigation start → the frame after every stop of the trip is in the DOM
 *   reorder  a click on the first stop's "move down" button → the frame after the new order is shown
 *            (the same path as a drag: both end in one change of the day's stops)
 *
 * Standalone: node bench/trip.mjs [--runs 5]  (needs dist/: npm run build)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from '../scripts/serve.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/harness.mjs'
import { median, ratio, round } from './lib/stats.mjs'

const DAYS = 14
const STOPS_PER_DAY = 30

function trips(snapshot) {
  const spots = snapshot.spots.filter((s) => s.point)
  const stop = (s) => ({ key: `spot:${s.id}`, name: s.name.en ? { ja: s.name.ja, en: s.name.en } : { ja: s.name.ja }, point: s.point, stay: 45 })
  const day = (d, n) => ({ date: `2027-01-${String(4 + d).padStart(2, '0')}`, start: '08:00', mode: 'car', stops: Array.from({ length: n }, (_, i) => stop(spots[(d * n + i) % spots.length])) })
  const updatedAt = '2026-12-02T00:00:00.000Z'
  return [
    { id: 'trip-bench-large', title: 'bench large', updatedAt, days: Array.from({ length: DAYS }, (_, d) => day(d, STOPS_PER_DAY)) },
    { id: 'trip-bench-small', title: 'bench small', updatedAt, days: [day(0, 2)] },
  ]
}

/** Before any script: the time of the frame after `count` trip stops are in the DOM. */
function renderProbe() {
  const want = Number(new URLSearchParams(location.search).get('bench-stops'))
  const observer = new MutationObserver(() => {
    if (window.__rendered !== undefined || document.querySelectorAll('[data-testid="trip-stop"]').length < want) return
    window.__rendered = null
    observer.disconnect()
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__rendered = performance.now())))
  })
  observer.observe(document, { childList: true, subtree: true })
}

/** In the page: click the first stop's "move down" and wait for the frame after the new order. */
function reorder() {
  const first = () => document.querySelector('[data-testid="trip-stop"]')?.dataset.key
  const before = first()
  const button = document.querySelectorAll('[data-testid="trip-stop"]')[0].querySelectorAll('.trip-day__actions button')[1]
  return new Promise((resolve) => {
    const t0 = performance.now()
    const check = () => (first() !== before ? requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0))) : requestAnimationFrame(check))
    button.click()
    requestAnimationFrame(check)
  })
}

export async function runTripBench({ runs = 5 } = {}) {
  const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
  const [large, small] = trips(snapshot)
  const server = await startServer({ port: 0 })
  const base = `http://127.0.0.1:${server.port}`
  const profile = mkdtempSync(join(tmpdir(), 'yume-bench-trip-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 390, height: 844 } })
  try {
    await context.addInitScript(renderProbe)
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${base}/`)
    // The first visit's data is stored (a prerendered page shows place cards before that, while the app may still be
    // creating its database: a write then could wait on it past Playwright's patience).
    await page.getByTestId('data-as-of').waitFor({ timeout: 60_000 })
    await page.evaluate(
      (value) =>
        new Promise((resolve, reject) => {
          const r = indexedDB.open('yume-kairo')
          r.onsuccess = () => {
            const tx = r.result.transaction('settings', 'readwrite')
            tx.objectStore('settings').put({ key: 'trips', value })
            tx.oncomplete = () => (r.result.close(), resolve())
            tx.onerror = () => reject(tx.error)
          }
        }),
      JSON.stringify([large, small]),
    )
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    const out = { stops: DAYS * STOPS_PER_DAY, cpuSlowdown: 4, render: [], renderSmall: [], reorder: [], reorderSmall: [] }
    for (let run = 0; run < runs; run++) {
      for (const [trip, renderKey, reorderKey] of run % 2 ? [[small, 'renderSmall', 'reorderSmall'], [large, 'render', 'reorder']] : [[large, 'render', 'reorder'], [small, 'renderSmall', 'reorderSmall']]) {
        const count = trip.days.reduce((n, d) => n + d.stops.length, 0)
        await page.goto(`${base}/trips/${trip.id}?bench-stops=${count}`)
        out[renderKey].push(round(await page.waitForFunction(() => window.__rendered, null, { timeout: 120_000 }).then((h) => h.jsonValue())))
        out[reorderKey].push(round(await page.evaluate(reorder)))
      }
    }
    const m = (k) => round(median(out[k]))
    return { ...out, renderMedian: m('render'), renderSmallMedian: m('renderSmall'), renderRatio: ratio(median(out.render), median(out.renderSmall)), reorderMedian: m('reorder'), reorderSmallMedian: m('reorderSmall'), reorderRatio: ratio(median(out.reorder), median(out.reorderSmall)) }
  } finally {
    await context.close().catch(() => undefined)
    rmSync(profile, { recursive: true, force: true })
    await server.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--runs')
  console.log(JSON.stringify(await runTripBench({ runs: i > 0 ? Number(process.argv[i + 1]) : 5 }), null, 2))
}
