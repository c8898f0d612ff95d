/**
 * axe-core on every main route, in Japanese and English, offline (server
 * stopped after the first visit). Zero violations allowed.
 */
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp, STORED_PLACE } from './harness.mjs'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))

const firstWith = (list, test = () => true) => list.find(test)
export const MAIN_ROUTES = [
  '/',
  '/map',
  '/events',
  `/events/${firstWith(snapshot.events).id}`,
  '/rally',
  `/rally/${firstWith(snapshot.rallies).id}`,
  '/living',
  '/living/match',
  '/living/towns',
  '/living/towns/35203',
  '/living/compare?towns=35203,35204',
  '/spots',
  `/spots/${firstWith(snapshot.spots, (s) => s.point && s.description).id}`,
  '/routes',
  `/routes/${firstWith(snapshot.routes).id}`,
  '/search?q=%E7%A7%8B%E8%8A%B3',
  '/saved',
  '/about',
]

async function axe(page) {
  // Evaluated through DevTools, so the page's strict CSP stays on while axe runs.
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  })
}

/** The page's heading is on screen and the app has mounted (a prerendered page shows its heading before that; in English the app then renders it anew). */
async function shown(page) {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => !!document.getElementById('app')?.__vue_app__, null, { timeout: 20_000 })
}

for (const locale of ['ja', 'en']) {
  describe(`accessibility (${locale}, offline)`, () => {
    let app
    before(async () => {
      app = await openApp({ locale: locale === 'ja' ? 'ja-JP' : 'en-GB' })
      await app.page.goto(app.url('/'))
      await app.page.locator(STORED_PLACE).first().waitFor({ timeout: 20_000 })
      await app.waitForServiceWorker()
      await app.stopServer()
    })
    after(async () => app?.close())

    it('the check itself catches a violation (an unlabeled button)', async () => {
      await app.page.goto(app.url('/'))
      await shown(app.page)
      await app.page.evaluate(() => document.querySelector('main')?.append(document.createElement('button')))
      const violations = await axe(app.page)
      assert.ok(violations.some((v) => v.startsWith('button-name')), violations.join('\n'))
    })

    for (const route of MAIN_ROUTES) {
      it(`${route} has no axe violations`, async () => {
        await app.page.goto(app.url(route))
        await shown(app.page)
        assert.equal(await app.page.locator('html').getAttribute('lang'), locale)
        assert.deepEqual(await axe(app.page), [])
      })
    }

    it("on a 320 px screen the header's title stays clear of its tools", async () => {
      const { page } = app
      await page.setViewportSize({ width: 320, height: 640 })
      try {
        await page.goto(app.url('/about'))
        await shown(page)
        const box = (selector) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().toJSON())
        const [title, tools] = [await box('.app-header__title'), await box('.app-header__tools')]
        assert.ok(title.right <= tools.left, `the title (to ${title.right} px) ends before the tools (from ${tools.left} px)`)
      } finally {
        await page.setViewportSize({ width: 390, height: 844 })
      }
    })

    it('my trip (two days, editable), the trip list and the "add to my trip" picker have no axe violations', async () => {
      const { page } = app
      const spots = snapshot.spots.filter((s) => s.point).slice(0, 3)
      const stop = (s) => ({ key: `spot:${s.id}`, name: { ja: s.name.ja }, point: s.point, stay: 60 })
      const trip = { id: 'trip-axe', title: '', updatedAt: '2026-12-01T00:00:00.000Z', days: [{ date: '2026-12-05', start: '09:00', mode: 'walk', stops: spots.map(stop) }, { date: '2026-12-06', start: '09:00', mode: 'car', stops: [stop(spots[0])] }] }
      await page.goto(app.url('/trips'))
      await page.locator('main h1').first().waitFor({ timeout: 20_000 })
      await page.evaluate((value) => new Promise((resolve) => { const r = indexedDB.open('yume-kairo'); r.onsuccess = () => { const tx = r.result.transaction('settings', 'readwrite'); tx.objectStore('settings').put({ key: 'trips', value }); tx.oncomplete = () => (r.result.close(), resolve()) } }), JSON.stringify([trip]))
      await page.goto(app.url('/trips/trip-axe'))
      await page.getByTestId('trip-stop').nth(3).waitFor({ timeout: 20_000 })
      assert.deepEqual(await axe(page), [])
      await page.goto(app.url('/trips'))
      await page.getByTestId('trip-list').waitFor()
      assert.deepEqual(await axe(page), [])
      await page.goto(app.url(`/spots/${spots[1].id}`))
      await page.getByTestId('add-to-trip').click()
      await page.getByTestId('add-to-trip-confirm').waitFor()
      assert.deepEqual(await axe(page), [])
    })
  })
}

/** Press Tab (or Shift+Tab) until the focused element matches, as a keyboard user would. */
async function tabTo(page, selector, { back = false, max = 250 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return
  }
  throw new Error(`keyboard focus never reached ${selector}`)
}

describe('keyboard only (offline): search → spot → favorite → map list → language', () => {
  let app
  before(async () => {
    app = await openApp()
    await app.page.goto(app.url('/'))
    await app.page.locator(STORED_PLACE).first().waitFor({ timeout: 20_000 })
    await app.waitForServiceWorker()
    await app.stopServer()
    await app.page.reload()
    await app.page.locator(STORED_PLACE).first().waitFor({ timeout: 20_000 })
  })
  after(async () => app?.close())

  it('completes the journey without a mouse, with a visible focus at every step', async () => {
    const { page } = app
    const focusVisible = () => page.evaluate(() => {
      const el = document.activeElement
      if (!el || el === document.body) return false
      const style = getComputedStyle(el)
      return el.matches(':focus-visible') && (style.outlineStyle !== 'none' || style.boxShadow !== 'none')
    })
    await tabTo(page, 'a[href="/search"]')
    assert.ok(await focusVisible(), 'the search link shows its focus')
    await page.keyboard.press('Enter')
    await page.getByTestId('search-input').waitFor()
    await tabTo(page, '[data-testid="search-input"]')
    await page.keyboard.type('あきよしどう')
    await page.getByTestId('search-hit').first().waitFor({ timeout: 10_000 })
    await tabTo(page, '[data-testid="search-hit"]')
    const hitText = await page.evaluate(() => document.activeElement?.textContent ?? '')
    assert.match(hitText, /秋芳洞/)
    await page.keyboard.press('Enter')
    await page.getByTestId('spot-detail').waitFor({ timeout: 10_000 })
    await tabTo(page, '[data-testid="favorite-button"]')
    assert.ok(await focusVisible(), 'the heart shows its focus')
    await page.keyboard.press('Space')
    await page.waitForFunction(() => document.querySelector('[data-testid="favorite-button"]')?.getAttribute('aria-pressed') === 'true')
    await tabTo(page, 'nav a[href="/map"]')
    await page.keyboard.press('Enter')
    await page.getByTestId('view-list').waitFor({ timeout: 15_000 })
    await tabTo(page, '[data-testid="view-list"]')
    await page.keyboard.press('Enter')
    await page.getByTestId('map-list-item').first().waitFor({ timeout: 10_000 })
    await tabTo(page, '.lang-switch', { back: true })
    assert.ok(await focusVisible(), 'the language switch shows its focus')
    await page.keyboard.press('Enter')
    await page.locator('html[lang="en"]').waitFor()
    assert.equal(await page.getByTestId('view-list').textContent().then((t) => /[A-Za-z]/.test(t)), true)
  })
})
