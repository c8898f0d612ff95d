// The first visit paints before the framework: each main route's HTML carries its first screen
// (prerendered at build time from the same components). With JavaScript off, /events still shows it;
// with JavaScript on, the app hydrates that HTML without a mismatch, online and offline (where the
// service worker serves the route's own prerendered file), and then shows the data.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH, openApp, STORED_PLACE } from './harness.mjs'
import { startServer } from '../../scripts/serve.mjs'

const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
const TOWN_ORDER = ['35203', '35202', '35204', '35206', '35213', '35216', '32501']
/** Home's first places in the bundled data: the must-see picks in the towns' order (src/domain/highlights.ts). */
const homePicks = snapshot.spots
  .filter((s) => s.highlight)
  .sort((a, b) => TOWN_ORDER.indexOf(a.municipality) - TOWN_ORDER.indexOf(b.municipality) || (a.id < b.id ? -1 : 1))
  .slice(0, 6)
const cardTitles = (page) => page.getByTestId('spot-card').locator('.card__title').allTextContents()
/** The places' names in a served page's HTML (a first screen, domain/first-screen), in order, when its list is marked busy. */
function titlesIn(html) {
  const list = html.match(/<ul class="card-list" data-testid="spot-list"[^>]* aria-busy="true"[^>]*>(.*?)<\/ul>/s)?.[1] ?? ''
  return [...list.matchAll(/class="card__title"[^>]*>(?:<[^>]+>)*([^<]+)</g)].map((m) => m[1].trim())
}

const ROUTES = { '/': '山口ゆめ回廊へようこそ', '/events': 'イベント', '/map': '地図', '/rally': 'スタンプラリー', '/living': 'くらし・移住', '/spots': '観光スポット', '/about': 'データの出典とライセンス' }

describe('prerendered first screens', () => {
  it('with JavaScript disabled, /events shows its first screen: header, heading, filters, navigation; Home and /spots their first places', async () => {
    const server = await startServer({ port: 0 })
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'ja-JP' })
      const page = await context.newPage()
      await page.goto(`http://127.0.0.1:${server.port}/events`)
      assert.equal(await page.locator('main h1').textContent(), 'イベント')
      assert.equal(await page.locator('.app-header__title').textContent(), '山口ゆめ回廊ガイド')
      assert.equal(await page.locator('.bottom-nav [aria-current="page"]').textContent(), '▦イベント')
      assert.ok(await page.getByRole('combobox', { name: '市町' }).isVisible(), 'the town filter is on screen')
      // Styled without a stylesheet request: the header has its colour.
      assert.notEqual(await page.locator('.app-header').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgba(0, 0, 0, 0)')
      await page.screenshot({ path: 'test-results/engines/chromium-prerender-nojs-events.png' })
      // Home: its first places are in the page itself (domain/first-screen), each with its town and reason.
      await page.goto(`http://127.0.0.1:${server.port}/`)
      assert.ok(homePicks.length >= 2, 'the bundled data has picks')
      assert.deepEqual((await cardTitles(page)).map((t) => t.trim()), homePicks.map((s) => s.name.ja))
      const cards = await page.getByTestId('spot-card').allTextContents()
      for (const [i, pick] of homePicks.entries()) assert.ok(cards[i].includes(pick.highlight.reason.ja.slice(0, 20)), `card ${i + 1} gives its reason: ${cards[i]}`)
      assert.equal(await page.getByTestId('spot-list').getAttribute('aria-busy'), 'true', 'marked as about to be replaced by the stored places')
      await page.screenshot({ path: 'test-results/engines/chromium-prerender-nojs-home.png' })
      // /spots: the first places of its list, in its order (by reading), with the count's line kept for later.
      await page.goto(`http://127.0.0.1:${server.port}/spots`)
      const spotTitles = (await cardTitles(page)).map((t) => t.trim())
      assert.equal(spotTitles.length, 10, spotTitles.join(', '))
      assert.ok(spotTitles.every((title) => snapshot.spots.some((s) => s.name.ja === title)), 'each is a place of the bundled data')
      assert.equal(await page.getByTestId('spot-list').getAttribute('aria-busy'), 'true')
      // /map: the seven towns' outlines are drawn before Leaflet (or any script) is there.
      await page.goto(`http://127.0.0.1:${server.port}/map`)
      const outline = page.getByTestId('map-outline')
      // (polled from the test: with JavaScript off, the page runs no polling function of its own)
      for (let i = 0; i < 50 && !(await outline.evaluate((img) => img.complete && img.naturalWidth > 0)); i++) await new Promise((r) => setTimeout(r, 100))
      assert.ok(await outline.evaluate((img) => img.naturalWidth > 0), 'the outline picture loaded')
      const box = await outline.boundingBox()
      assert.ok(box && box.width > 300 && box.height > 250, `the outline fills the map's frame: ${JSON.stringify(box)}`)
      const svg = await (await page.request.get(`http://127.0.0.1:${server.port}${await outline.getAttribute('src')}`)).text()
      assert.deepEqual([...svg.matchAll(/data-town="(\d+)" d="M/g)].map((m) => m[1]).sort(), ['32501', '35202', '35203', '35204', '35206', '35213', '35216'])
      await page.screenshot({ path: 'test-results/engines/chromium-prerender-nojs-map.png' })
      await context.close()
    } finally {
      await browser.close()
      await server.close()
    }
  })

  it("a first visit's largest paint is the page's own first screen, never the notice that the data is being saved", async () => {
    // The notice comes with the data's download: when it was the largest text (two lines, on /spots), the page's
    // largest paint waited for the network, seconds on a phone's slow connection.
    const server = await startServer({ port: 0 })
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    try {
      for (const [locale, width] of [['ja-JP', 412], ['ja-JP', 360], ['ja-JP', 320], ['en-US', 320]]) {
        for (const route of Object.keys(ROUTES)) {
          const context = await browser.newContext({ viewport: { width, height: 823 }, deviceScaleFactor: 1.75, locale, timezoneId: 'Asia/Tokyo' })
          const page = await context.newPage()
          await page.addInitScript(() => {
            window.__paints = []
            window.__noticeSeen = false
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) window.__paints.push({ inNotice: e.element ? !!e.element.closest('[data-testid="data-status"]') : 'element gone', what: `${e.element?.tagName}.${e.element?.className}`, size: e.size })
            }).observe({ type: 'largest-contentful-paint', buffered: true })
            new MutationObserver(() => (window.__noticeSeen ||= !!document.querySelector('[data-testid="data-status"]'))).observe(document, { childList: true, subtree: true })
          })
          await page.goto(`http://127.0.0.1:${server.port}${route}`)
          await page.waitForFunction(() => window.__noticeSeen, null, { timeout: 20_000 })
          await page.getByTestId('data-status').waitFor({ state: 'detached', timeout: 20_000 })
          // Two frames after the notice went: every paint it had is reported.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
          const paints = await page.evaluate(() => window.__paints)
          assert.ok(paints.length > 0, `${route} at ${width} px (${locale}): a largest paint`)
          assert.deepEqual(paints.filter((p) => p.inNotice !== false), [], `${route} at ${width} px (${locale}): ${JSON.stringify(paints)}`)
          await context.close()
        }
      }
    } finally {
      await browser.close()
      await server.close()
    }
  })

  describe('with JavaScript, online then offline', () => {
    let app
    const messages = []
    const workers = []
    before(async () => {
      app = await openApp()
      app.page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`))
      app.page.on('worker', (w) => workers.push(w.url()))
    })
    after(async () => app?.close())
    const downloads = () => app.requests.filter((u) => /\/data\/snapshot\.json/.test(u))

    for (const online of [true, false]) {
      it(`${online ? 'online' : 'offline'}: every main route hydrates its prerendered HTML without a mismatch, then shows the data`, async () => {
        const { page } = app
        if (online) {
          const first = await page.goto(app.url('/'))
          // Before any data is stored, Home's page itself holds the places it was built with, marked busy…
          assert.deepEqual(titlesIn(await first.text()), homePicks.map((s) => s.name.ja))
          // …and then the app shows the same places from the data just imported.
          await page.locator(STORED_PLACE).first().waitFor({ timeout: 20_000 })
          assert.deepEqual((await cardTitles(page)).map((t) => t.trim()), homePicks.map((s) => s.name.ja))
          // The first visit's import ran in a Web Worker, not on the page's thread.
          assert.ok(workers.some((u) => /snapshot-update\.worker/.test(u)), `the import's worker: ${workers.join(', ')}`)
          // The data's download started with the page (the boot script), before the app's own code was asked for,
          // and it was the only one: the worker read those bytes.
          assert.equal(downloads().length, 1, downloads().join('\n'))
          const entryAt = app.requests.findIndex((u) => /\/assets\/index-[^/]+\.js$/.test(u))
          assert.ok(app.requests.indexOf(downloads()[0]) < entryAt, `the download before the entry script: ${app.requests.slice(0, 12).join('\n')}`)
          // The device keeps which snapshot it holds: the boot script compares it with the one a page was built from.
          assert.equal(await page.evaluate(() => localStorage.getItem('yume-kairo.snapshot.stored')), snapshot.hash)
          await app.waitForServiceWorker()
          // From here on the person has data on this device: the first place is a favourite. Its button on Home is
          // hydrated after the page, in turns; the favourite must not show before that (the HTML has none).
          const storedList = '[data-testid="spot-list"]:not([aria-busy="true"])'
          await page.locator(`${storedList} [data-testid="favorite-button"]`).first().click()
          await page.locator(`${storedList} [data-testid="favorite-button"][aria-pressed="true"]`).first().waitFor()
        } else await app.stopServer()
        for (const [route, heading] of Object.entries(ROUTES)) {
          messages.splice(0)
          const response = await page.goto(app.url(route))
          const html = await response.text()
          assert.ok(html.includes(`data-prerendered="${route}"`) && html.includes(`>${heading}</h1>`), `${route}: the served HTML is its prerendered page`)
          // Hydrated (Vue's app instance is on the root) and reactive: the data arrives.
          await page.waitForFunction(() => !!document.getElementById('app').__vue_app__, null, { timeout: 15_000 })
          if (route === '/' || route === '/spots') {
            await page.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
            // The places the page was built with are the first of the stored list, in its order: they stay where they are.
            const built = titlesIn(html)
            assert.ok(built.length >= 6, `${route}: ${built.length} places in the page`)
            assert.deepEqual((await cardTitles(page)).slice(0, built.length).map((t) => t.trim()), built, route)
          }
          if (route === '/') await page.locator('[data-testid="favorite-button"][aria-pressed="true"]').first().waitFor({ timeout: 15_000 })
          if (route === '/about') {
            // The page lists the bundled data's sources before any script runs, in the order they are stored (by id);
            // the stored ones replace them card for card.
            const built = [...(html.match(/data-testid="source-list"[^>]* aria-busy="true">(.*?)<\/ul>/s)?.[1] ?? '').matchAll(/<h2[^>]*>([^<]+)</g)].map((m) => m[1])
            assert.deepEqual(built, snapshot.sources.map((x) => x.id).sort().map((id) => snapshot.sources.find((x) => x.id === id).title.ja))
            await page.locator('[data-testid="source-list"]:not([aria-busy])').waitFor({ timeout: 15_000 })
            assert.deepEqual(await page.locator('[data-testid="source-list"] h2').allTextContents(), built)
          }
          if (route === '/living') {
            // The page carries its first schemes, in the browser's order; the stored list replaces them card for card.
            const built = [...html.matchAll(/data-scheme-id="([^"]+)"/g)].map((m) => m[1])
            assert.ok(built.length >= 1, `${route}: ${built.length} schemes in the page`)
            await page.locator('[data-testid="scheme-list"]:not([aria-busy="true"])').waitFor({ timeout: 15_000 })
            const stored = await page.getByTestId('scheme-card').evaluateAll((cards) => cards.map((c) => c.dataset.schemeId))
            assert.deepEqual(stored.slice(0, built.length), built)
            assert.equal(stored.length, snapshot.schemes.length)
          }
          if (route === '/events') await page.waitForFunction(() => /\d+件/.test(document.querySelector('[data-testid="events-count"]')?.textContent ?? ''), null, { timeout: 15_000 })
          assert.equal(await page.locator('main h1').first().textContent(), heading)
          const problems = messages.filter((m) => /hydration|mismatch/i.test(m) || (m.startsWith('error:') && !/Failed to load resource/.test(m)))
          assert.deepEqual(problems, [], `${route} (${online ? 'online' : 'offline'})`)
        }
        // Every later visit found the data stored: nothing downloaded it again.
        assert.equal(downloads().length, 1, downloads().join('\n'))
        assert.deepEqual(app.errors, [])
      })
    }

    it("offline, a page built from the snapshot the device holds shows its places as final before the app runs; from another, busy until the stored ones replace them", async () => {
      const { page } = app
      await app.stopServer()
      // The page's list that waited only for its first screen ([data-first-screen]): whether it was busy once the page's
      // scripts had been parsed, before the app's code ran (it starts after the first paint), and whether anything
      // (the hydration, the stored data) marked it busy after that.
      await page.addInitScript(() =>
        document.addEventListener('DOMContentLoaded', () => {
          const root = document.getElementById('app')
          const list = document.querySelector('[data-first-screen]')
          window.__atLoaded = { busy: list?.getAttribute('aria-busy') ?? null, mark: root?.dataset.firstScreen ?? null, app: !!root?.__vue_app__, busyLater: false }
          const busy = (node) => node.nodeType === 1 && (node.matches('[data-first-screen][aria-busy="true"]') || !!node.querySelector('[data-first-screen][aria-busy="true"]'))
          new MutationObserver((records) => {
            // (The hydration sets the attribute to what the page already has: that is no change.)
            for (const r of records) if (r.type === 'attributes' ? r.oldValue !== 'true' && busy(r.target) : [...r.addedNodes].some(busy)) window.__atLoaded.busyLater = true
          }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'], attributeOldValue: true })
        }),
      )
      const visit = async (route = '/') => {
        messages.splice(0)
        await page.goto(app.url(route))
        await page.waitForFunction(() => !!document.getElementById('app').__vue_app__, null, { timeout: 15_000 })
        if (!route.startsWith('/about')) {
          await page.getByTestId('data-as-of').waitFor({ timeout: 15_000 })
          assert.deepEqual((await cardTitles(page)).map((t) => t.trim()), homePicks.map((s) => s.name.ja))
        } else await page.locator('[data-testid="source-list"] h2').first().waitFor({ timeout: 15_000 })
        // The stored data has been read and shown (the records store no longer holds a first screen).
        await page.waitForFunction(() => !document.querySelector('[data-first-screen][aria-busy="true"]'), null, { timeout: 15_000 })
        assert.deepEqual(messages.filter((m) => /hydration|mismatch/i.test(m) || (m.startsWith('error:') && !/Failed to load resource/.test(m))), [])
        return page.evaluate(() => window.__atLoaded)
      }
      // This device holds the snapshot Home and /about were built from: their lists are the stored ones from the
      // start, and nothing marks them busy afterwards (a hydration that disagreed would).
      assert.deepEqual(await visit('/'), { busy: null, mark: 'stored', app: false, busyLater: false })
      assert.deepEqual(await visit('/about'), { busy: null, mark: 'stored', app: false, busyLater: false })
      // Not with a query: that page is rendered anew, not hydrated, so its list waits for the stored data as before.
      assert.deepEqual(await visit('/?utm_source=qr'), { busy: 'true', mark: null, app: false, busyLater: false }, 'with a query')
      // A device holding a newer snapshot than the page's (an update was downloaded since): busy until they are read.
      await page.evaluate(() => localStorage.setItem('yume-kairo.snapshot.stored', 'f'.repeat(64)))
      assert.deepEqual(await visit('/'), { busy: 'true', mark: null, app: false, busyLater: false }, 'a newer snapshot stored')
      await page.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
      // That mark was wrong here: the app put it right from the database, and the next start is final again.
      assert.equal(await page.evaluate(() => localStorage.getItem('yume-kairo.snapshot.stored')), snapshot.hash)
      assert.deepEqual(await visit('/'), { busy: null, mark: 'stored', app: false, busyLater: false })
    })

    it('the parts hydrated after the page answer: the bottom navigation changes the page without loading a new one', async () => {
      const { page } = app
      await page.goto(app.url('/'))
      await page.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
      await page.evaluate(() => (window.__samePage = true))
      await page.locator('.bottom-nav a[href="/events"]').click()
      await page.locator('main h1', { hasText: ROUTES['/events'] }).waitFor()
      assert.equal(await page.evaluate(() => window.__samePage), true, 'the link was followed by the router, not by a page load')
    })

    it('a language copy the database disagrees with: the page hydrates in Japanese, then turns to the remembered English, without a mismatch', async () => {
      const { page } = app
      const putLocale = (value) =>
        page.evaluate((v) => new Promise((resolve) => { const r = indexedDB.open('yume-kairo'); r.onsuccess = () => { const tx = r.result.transaction('settings', 'readwrite'); tx.objectStore('settings').put({ key: 'locale', value: v }); tx.oncomplete = () => (r.result.close(), resolve()) } }), value)
      await page.goto(app.url('/about'))
      await page.waitForFunction(() => !!document.getElementById('app').__vue_app__, null, { timeout: 15_000 })
      await putLocale('en')
      try {
        // The copy is out of date (a backup added the setting, or the page closed before the copy was written).
        for (let i = 0; i < 6; i++) {
          await page.evaluate(() => localStorage.setItem('yume-kairo.locale', 'ja'))
          messages.splice(0)
          await page.goto(app.url('/about'))
          await page.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('.app-header__title')?.textContent === 'Yume Kairo Guide', null, { timeout: 15_000 })
          assert.deepEqual(messages.filter((m) => /hydration|mismatch/i.test(m)), [], `reload ${i + 1}`)
          assert.equal(await page.evaluate(() => localStorage.getItem('yume-kairo.locale')), 'en', 'the copy follows the database')
        }
      } finally {
        await putLocale('ja')
        await page.evaluate(() => localStorage.setItem('yume-kairo.locale', 'ja'))
      }
    })

    it('offline, a route that is not prerendered opens from the empty page (no other page’s content)', async () => {
      const { page } = app
      const response = await page.goto(app.url('/routes'))
      assert.ok(!(await response.text()).includes('data-prerendered'), 'the empty page')
      await page.locator('main h1').first().waitFor({ timeout: 15_000 })
      assert.notEqual(await page.locator('main h1').first().textContent(), ROUTES['/'])
    })
  })
})
