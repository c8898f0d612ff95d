/**
 * Offline cold start: a browser profile visits the page once online (service
 * worker installed, data in IndexedDB), then the server is stopped and the
 * browser is started again from that profile for every run. The figure is the
 * time from navigation start to the paint of the first list item ([data-testid=spot-card]) of the stored data:
 * the frame after the one in which it entered the DOM, and never before the page's first contentful paint (a frame's
 * callbacks run before the frame is presented). A prerendered first screen's places count only when the page
 * knows them to be the stored ones (it was built from the snapshot the device holds, domain/first-screen); until
 * then its list is marked aria-busy and they do not. Measured the same way for the app and for a bare static page
 * with the same list, kept offline by a minimal cache-first service worker of its own.
 *
 * Beside it, for the app: when it is ready (its stored data read and shown, the page hydrated: the data's as-of
 * date is there), and the first list on a device that holds a newer snapshot than the one its pages were built from
 * (an update downloaded since the build), where the stored places replace the built ones.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from '../../scripts/serve.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINAL_PLACE } from '../../tests/e2e/harness.mjs'

/**
 * Runs in the page before any of its scripts: when is each probe's element painted? `window.__painted[name]`, ms
 * from navigation start.
 */
function paintProbe(probes) {
  window.__painted = {}
  let fcp = null
  const waiting = []
  new PerformanceObserver((list, observer) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0]
    if (!entry) return
    observer.disconnect()
    fcp = entry.startTime
    for (const settle of waiting.splice(0)) settle()
  }).observe({ type: 'paint', buffered: true })
  const pending = new Map(Object.entries(probes))
  const look = () => {
    for (const [name, selector] of pending) {
      if (!document.querySelector(selector)) continue
      pending.delete(name)
      // The callback of the frame after next runs once the frame holding it has been produced; and nothing is painted
      // before the page's first contentful paint (its presentation time, which may come later).
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const framed = performance.now()
          const settle = () => (window.__painted[name] = Math.max(framed, fcp))
          if (fcp === null) waiting.push(settle)
          else settle()
        }),
      )
    }
    return pending.size === 0
  }
  const observer = new MutationObserver(() => look() && observer.disconnect())
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] })
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
}

/** The bare page: the same heading and list of spot names + towns the app's Home shows. */
export function staticSite(snapshot) {
  const towns = new Map(snapshot.municipalities.map((m) => [m.code, m.name.ja]))
  const items = snapshot.spots
    .map((s) => `<li><a data-testid="spot-card" href="/spots/${escapeHtml(s.id)}"><span>${escapeHtml(s.name.ja)}</span> <span>${escapeHtml(towns.get(s.municipality) ?? '')}</span></a></li>`)
    .join('')
  const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>静的ページ</title><script src="/static-register.js" defer></script></head><body><main><h1>山口ゆめ回廊ガイド</h1><h2>観光スポット</h2><ul data-testid="spot-list">${items}</ul></main></body></html>`
  const register = "if ('serviceWorker' in navigator) navigator.serviceWorker.register('/static-sw.js')"
  const sw = `const FILES = ['/static.html', '/static-register.js']
self.addEventListener('install', (e) => { self.skipWaiting(); e.waitUntil(caches.open('static').then((c) => c.addAll(FILES))) })
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()))
self.addEventListener('fetch', (e) => { const u = new URL(e.request.url); if (FILES.includes(u.pathname)) e.respondWith(caches.match(u.pathname).then((r) => r || fetch(e.request))) })`
  return { '/static.html': html, '/static-register.js': register, '/static-sw.js': sw }
}

async function launch(profile) {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })
  const page = context.pages()[0] ?? (await context.newPage())
  return { context, page }
}

/** ms from navigation start to each probe's paint, for `runs` offline cold starts of `path`. */
async function measure({ path, dir, overrides, runs, prepare, probes, initScript }) {
  const profile = mkdtempSync(join(tmpdir(), 'yume-bench-cold-'))
  let server = await startServer({ port: 0, dir, overrides })
  const url = `http://127.0.0.1:${server.port}${path}`
  const times = Object.fromEntries(Object.keys(probes).map((name) => [name, []]))
  const breakdowns = []
  try {
    {
      const { context, page } = await launch(profile)
      await page.goto(url)
      await page.locator('[data-testid="spot-card"]').first().waitFor({ timeout: 30_000 })
      await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)
      await prepare?.(page)
      await context.close()
    }
    await server.close()
    server = null
    for (let run = 0; run < runs; run++) {
      const { context, page } = await launch(profile)
      try {
        if (initScript) await page.addInitScript(initScript)
        await page.addInitScript(paintProbe, probes)
        await page.goto(url)
        await page.waitForFunction((names) => names.every((name) => typeof window.__painted?.[name] === 'number'), Object.keys(probes), { timeout: 30_000 })
        const painted = await page.evaluate(() => window.__painted)
        for (const name of Object.keys(probes)) times[name].push(painted[name])
        breakdowns.push(await page.evaluate(breakdown))
      } finally {
        await context.close()
      }
    }
  } finally {
    await server?.close()
    rmSync(profile, { recursive: true, force: true })
  }
  return { times, breakdowns }
}

/** Where the time to the first list went, from the page's own Navigation/Resource/Paint timing (ms from navigation start). */
function breakdown() {
  const r = (v) => Math.round(v)
  const nav = performance.getEntriesByType('navigation')[0]
  const resources = performance.getEntriesByType('resource')
  const scripts = resources.filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'))
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]
  return {
    serviceWorkerStart: nav?.workerStart ? r(nav.workerStart) : null,
    htmlResponseEnd: r(nav?.responseEnd ?? 0),
    scriptsLoaded: scripts.length ? r(Math.max(...scripts.map((e) => e.responseEnd))) : null,
    scripts: scripts.length,
    domContentLoaded: r(nav?.domContentLoadedEventEnd ?? 0),
    firstContentfulPaint: fcp ? r(fcp.startTime) : null,
    firstList: r(window.__painted.list),
  }
}

/** src/domain/storage-keys.ts: the hash of the snapshot stored on the device, which a page's boot script reads. */
const SNAPSHOT_STORED_KEY = 'yume-kairo.snapshot.stored'
/** Makes the device's mark of its stored snapshot another one's, before the page's scripts read it. */
function markNewerSnapshot(key) {
  localStorage.setItem(key, 'f'.repeat(64))
}

export async function coldStart({ snapshot, runs, dir = 'dist' }) {
  // The data is in IndexedDB once the snapshot's as-of date is shown.
  const stored = (page) => page.getByTestId('data-as-of').waitFor({ timeout: 30_000 })
  const probes = { list: FINAL_PLACE, ready: '[data-testid="data-as-of"]' }
  const { times: app, breakdowns: appSteps } = await measure({ path: '/', dir, runs, prepare: stored, probes })
  const { times: newer } = await measure({
    path: '/',
    dir,
    runs,
    prepare: stored,
    probes: { list: FINAL_PLACE },
    initScript: { content: `(${markNewerSnapshot})(${JSON.stringify(SNAPSHOT_STORED_KEY)})` },
  })
  const { times: bare, breakdowns: bareSteps } = await measure({ path: '/static.html', overrides: staticSite(snapshot), runs, probes: { list: FINAL_PLACE } })
  return { app: app.list, ready: app.ready, newer: newer.list, bare: bare.list, appSteps, bareSteps }
}
