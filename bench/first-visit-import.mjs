/**
 * The first visit's snapshot import: in the Web Worker (the app's path) against the old main-thread path,
 * in the same run, on the production build in Chromium with the CPU slowed 4× (a cheap phone).
 * The main-thread path is the same build with `Worker` taken away before any script runs (the app then
 * imports on the page, as it does where workers are missing).
 *
 *   toData    navigation start → the first spot card of the imported data is on screen (a prerendered first
 *             screen's places, in a list marked aria-busy until then, do not count)
 *   blocking  the page's total blocking time over that span (long tasks' time beyond 50 ms each)
 *   longest   the page's longest task over that span
 *
 * And on a slow network (DevTools emulation: 1.6 Mbit/s down, 150 ms latency, as Lighthouse's mobile preset
 * simulates), the same first visit with the prerendered page's early download (the app's path) against the same
 * build without it: the "snapshot stored" mark set before any script, so the boot script leaves the download
 * to the import, as before issue 18's third step.
 *
 * Standalone: node bench/first-visit-import.mjs [--runs 5]  (needs dist/: npm run build)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from '../scripts/serve.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINAL_PLACE } from '../tests/e2e/harness.mjs'
import { tsImport } from 'tsx/esm/api'
import { median, ratio, round } from './lib/stats.mjs'

/** Before any script: every long task of the page, and the time the first spot card appears. */
function probe(storedPlace) {
  window.__tasks = []
  new PerformanceObserver((list) => window.__tasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true })
  const observer = new MutationObserver(() => {
    if (window.__data !== undefined || !document.querySelector(storedPlace)) return
    window.__data = null
    observer.disconnect()
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__data = performance.now())))
  })
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] })
}

function noWorker() {
  Object.defineProperty(window, 'Worker', { value: undefined, configurable: true })
}

const { SNAPSHOT_STORED_KEY } = await tsImport('../src/domain/storage-keys.ts', import.meta.url)

/** Lighthouse's mobile network, emulated for real (not simulated). */
const SLOW_NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 }

/** `path`: 'worker' | 'main' (where the import runs); `late`: no early download; `slow`: the slow network. */
async function oneVisit(base, path, { late = false, slow = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'yume-bench-import-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })
  try {
    await context.addInitScript(probe, FINAL_PLACE)
    if (path === 'main') await context.addInitScript(noWorker)
    if (late) await context.addInitScript((key) => localStorage.setItem(key, '1'), SNAPSHOT_STORED_KEY)
    const page = context.pages()[0] ?? (await context.newPage())
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    if (slow) {
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK)
    }
    await page.goto(`${base}/`)
    const toData = await page.waitForFunction(() => window.__data, null, { timeout: 120_000 }).then((h) => h.jsonValue())
    await page.waitForTimeout(100) // the observer's last entries
    const tasks = (await page.evaluate(() => window.__tasks)).filter((t) => t.start < toData)
    const ranIn = await page.evaluate(() => (typeof Worker === 'undefined' ? 'main' : 'worker'))
    if (ranIn !== path) throw new Error(`expected the ${path} path, the page has ${ranIn}`)
    return { toData: round(toData), blocking: round(tasks.reduce((n, t) => n + Math.max(0, t.duration - 50), 0)), longest: round(Math.max(0, ...tasks.map((t) => t.duration))) }
  } finally {
    await context.close().catch(() => undefined)
    rmSync(profile, { recursive: true, force: true })
  }
}

export async function runFirstVisitImportBench({ runs = 5 } = {}) {
  const server = await startServer({ port: 0 })
  const base = `http://127.0.0.1:${server.port}`
  const out = { cpuSlowdown: 4, worker: [], main: [], slowEarly: [], slowLate: [] }
  try {
    for (let run = 0; run < runs; run++) {
      // Alternate the order so neither path always runs on a warmer machine.
      for (const path of run % 2 ? ['main', 'worker'] : ['worker', 'main']) out[path].push(await oneVisit(base, path))
      for (const late of run % 2 ? [true, false] : [false, true]) out[late ? 'slowLate' : 'slowEarly'].push(await oneVisit(base, 'worker', { late, slow: true }))
    }
  } finally {
    await server.close()
  }
  const m = (path, k) => round(median(out[path].map((s) => s[k])))
  const summary = (path) => ({ toData: m(path, 'toData'), blocking: m(path, 'blocking'), longest: m(path, 'longest') })
  const worker = summary('worker')
  const main = summary('main')
  const slowEarly = summary('slowEarly')
  const slowLate = summary('slowLate')
  return { ...out, workerMedian: worker, mainMedian: main, blockingRatio: ratio(worker.blocking, main.blocking), toDataRatio: ratio(worker.toData, main.toData), slowEarlyMedian: slowEarly, slowLateMedian: slowLate, earlyRatio: ratio(slowEarly.toData, slowLate.toData) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--runs')
  console.log(JSON.stringify(await runFirstVisitImportBench({ runs: i > 0 ? Number(process.argv[i + 1]) : 5 }), null, 2))
}
