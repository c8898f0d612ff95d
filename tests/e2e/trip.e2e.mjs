// A shared trip link in a fresh profile: after the first visit, with the server stopped, the link alone
// (its state is in the URL) opens the trip, with its times and checks, and it can be kept. Then the kept
// trip printed: on A4 and on a phone, the page is the trip (no app chrome, no buttons), no wider than the paper.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp, STORED_PLACE } from './harness.mjs'

const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
const [a, b] = snapshot.spots.filter((s) => s.point && s.highlight)
const stops = [a, b].map((s) => ({ key: `spot:${s.id}`, name: { ja: s.name.ja }, point: s.point, stay: 60 }))
const shared = {
  title: '友だちの一日',
  updatedAt: '2026-12-02T00:00:00.000Z',
  days: [
    { date: '2026-12-12', start: '10:00', mode: 'car', stops },
    { date: '2026-12-13', start: '09:00', mode: 'walk', stops: [stops[1]] },
  ],
}
const link = `/trips/shared#t=${Buffer.from(JSON.stringify(shared)).toString('base64url')}`

describe('a shared trip link, in a fresh profile, offline', () => {
  let app
  before(async () => {
    app = await openApp()
    await app.page.goto(app.url('/'))
    await app.page.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
    await app.waitForServiceWorker()
    await app.stopServer()
  })
  after(async () => app?.close())

  it('opens the day from the link alone and keeps it as my trip', async () => {
    const { page } = app
    await page.goto(app.url(link))
    await page.getByTestId('trip-stop').nth(1).waitFor({ timeout: 15_000 })
    assert.deepEqual(await page.getByTestId('trip-stop').evaluateAll((els) => els.map((e) => e.dataset.key)), [...stops, stops[1]].map((s) => s.key))
    assert.match(await page.getByTestId('trip-stop-time').first().textContent(), /^10:00–11:00$/)
    await page.getByTestId('trip-keep').click()
    await page.waitForURL(/\/trips\/trip-/)
    assert.equal(await page.getByTestId('trip-title').inputValue(), '友だちの一日')
    await page.reload()
    await page.getByTestId('trip-stop').nth(1).waitFor()
    await page.goto(app.url('/trips'))
    assert.match(await page.getByTestId('trip-list').textContent(), /友だちの一日/)
    assert.deepEqual(app.errors, [])
  })

  it('prints the kept trip on A4 and on a phone: only the trip, every stop, nothing wider than the page', async () => {
    const { page } = app
    await page.getByTestId('trip-list').getByRole('link').first().click()
    await page.getByTestId('trip-stop').nth(2).waitFor()
    await page.emulateMedia({ media: 'print' })
    for (const width of [794, 390]) {
      // 794 CSS px is A4's 210 mm at 96 dpi.
      await page.setViewportSize({ width, height: 1123 })
      const seen = await page.evaluate(() => {
        const shown = (el) => !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0
        return {
          wide: document.documentElement.scrollWidth,
          header: shown(document.querySelector('.app-header')),
          nav: shown(document.querySelector('.bottom-nav')),
          buttons: [...document.querySelectorAll('.trip-plan button')].filter(shown).length,
          stops: [...document.querySelectorAll('[data-testid="trip-stop"]')].filter(shown).length,
          times: [...document.querySelectorAll('[data-testid="trip-stop-time"]')].filter(shown).length,
        }
      })
      assert.deepEqual({ ...seen, wide: seen.wide <= width }, { wide: true, header: false, nav: false, buttons: 0, stops: 3, times: 3 }, `print at ${width} px: ${JSON.stringify(seen)}`)
    }
    await page.setViewportSize({ width: 794, height: 1123 })
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
    assert.ok(pages >= 1 && pages <= 2, `a 3-stop trip prints on 1–2 A4 pages (printed ${pages})`)
    await page.screenshot({ path: 'test-results/engines/chromium-trip-print-a4.png', fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 390, height: 844 })
  })
})
