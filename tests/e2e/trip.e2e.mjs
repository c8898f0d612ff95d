// A shared trip link in a fresh profile: after the first visit, with the server stopped, the link alone
// (its state is in the URL) opens the day, with its times and checks, and it can be kept.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp } from './harness.mjs'

const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
const [a, b] = snapshot.spots.filter((s) => s.point && s.highlight)
const shared = {
  title: '友だちの一日',
  date: '2026-12-12',
  start: '10:00',
  mode: 'car',
  updatedAt: '2026-12-02T00:00:00.000Z',
  stops: [a, b].map((s) => ({ key: `spot:${s.id}`, name: { ja: s.name.ja }, point: s.point, stay: 60 })),
}
const link = `/trips/shared#t=${Buffer.from(JSON.stringify(shared)).toString('base64url')}`

describe('a shared trip link, in a fresh profile, offline', () => {
  let app
  before(async () => {
    app = await openApp()
    await app.page.goto(app.url('/'))
    await app.page.getByTestId('spot-card').first().waitFor({ timeout: 15_000 })
    await app.waitForServiceWorker()
    await app.stopServer()
  })
  after(async () => app?.close())

  it('opens the day from the link alone and keeps it as my trip', async () => {
    const { page } = app
    await page.goto(app.url(link))
    await page.getByTestId('trip-stop').nth(1).waitFor({ timeout: 15_000 })
    assert.deepEqual(await page.getByTestId('trip-stop').evaluateAll((els) => els.map((e) => e.dataset.key)), shared.stops.map((s) => s.key))
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
})
