/**
 * axe-core on every main route, in Japanese and English, offline (server
 * stopped after the first visit). Zero violations allowed.
 */
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp } from './harness.mjs'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))

export const MAIN_ROUTES = ['/', '/map', '/events', '/rally', '/living', '/about', `/spots/${snapshot.spots[0].id}`]

async function axe(page) {
  // Evaluated through DevTools, so the page's strict CSP stays on while axe runs.
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  })
}

for (const locale of ['ja', 'en']) {
  describe(`accessibility (${locale}, offline)`, () => {
    let app
    before(async () => {
      app = await openApp({ locale: locale === 'ja' ? 'ja-JP' : 'en-GB' })
      await app.page.goto(app.url('/'))
      await app.page.getByTestId('spot-card').first().waitFor({ timeout: 20_000 })
      await app.waitForServiceWorker()
      await app.stopServer()
    })
    after(async () => app?.close())

    it('the check itself catches a violation (an unlabeled button)', async () => {
      await app.page.goto(app.url('/'))
      await app.page.locator('main h1').first().waitFor({ timeout: 20_000 })
      await app.page.evaluate(() => document.querySelector('main')?.append(document.createElement('button')))
      const violations = await axe(app.page)
      assert.ok(violations.some((v) => v.startsWith('button-name')), violations.join('\n'))
    })

    for (const route of MAIN_ROUTES) {
      it(`${route} has no axe violations`, async () => {
        await app.page.goto(app.url(route))
        await app.page.locator('main h1').first().waitFor({ timeout: 20_000 })
        assert.equal(await app.page.locator('html').getAttribute('lang'), locale)
        assert.deepEqual(await axe(app.page), [])
      })
    }
  })
}
