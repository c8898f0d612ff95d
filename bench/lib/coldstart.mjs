/**
 * Offline cold start: a browser profile visits the page once online (service
 * worker installed, data in IndexedDB), then the server is stopped and the
 * browser is started again from that profile for every run. The figure is the
 * time from navigation start to the frame after the one in which the first list item
 * ([data-testid=spot-card]) of the stored data entered the DOM (a prerendered first screen's places, in a list
 * marked aria-busy until the stored ones replace them, do not count), measured the same way for the app
 * and for a bare static page with the same list, kept offline by a minimal
 * cache-first service worker of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from '../../scripts/serve.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH, STORED_PLACE } from '../../tests/e2e/harness.mjs'

/** Runs in the page before any of its scripts: when does the first list item get painted? */
function firstListProbe(storedPlace) {
  const found = () => {
    if (window.__firstList !== undefined || !document.querySelector(storedPlace)) return false
    window.__firstList = null
    // The callback of the frame after next runs once the frame holding the list has been presented.
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__firstList = performance.now())))
    return true
  }
  const observer = new MutationObserver(() => found() && observer.disconnect())
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

/** ms from navigation start to the first list painted, for `runs` offline cold starts of `path`. */
async function measure({ path, overrides, runs, prepare }) {
  const profile = mkdtempSync(join(tmpdir(), 'yume-bench-cold-'))
  let server = await startServer({ port: 0, overrides })
  const url = `http://127.0.0.1:${server.port}${path}`
  const times = []
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
        await page.addInitScript(firstListProbe, STORED_PLACE)
        await page.goto(url)
        await page.waitForFunction(() => typeof window.__firstList === 'number', null, { timeout: 30_000 })
        times.push(await page.evaluate(() => window.__firstList))
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
    firstList: r(window.__firstList),
  }
}

export async function coldStart({ snapshot, runs }) {
  const { times: app, breakdowns: appSteps } = await measure({
    path: '/',
    runs,
    // The data is in IndexedDB once the snapshot's as-of date is shown.
    prepare: (page) => page.getByTestId('data-as-of').waitFor({ timeout: 30_000 }),
  })
  const { times: bare, breakdowns: bareSteps } = await measure({ path: '/static.html', overrides: staticSite(snapshot), runs })
  return { app, bare, appSteps, bareSteps }
}
