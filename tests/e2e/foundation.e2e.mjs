import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp } from './harness.mjs'

const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
const spotNames = snapshot.spots.map((s) => s.name.ja).sort()

async function listedSpots(page) {
  await page.getByTestId('spot-card').first().waitFor({ timeout: 15_000 })
  // The list fills in a slice at a time: read it once it is all there.
  await page.locator('[data-testid="spot-list"]:not([aria-busy="true"])').waitFor({ timeout: 15_000 })
  return (await page.getByTestId('spot-card').locator('.card__title').allTextContents()).sort()
}

describe('foundation: first visit online, then offline from IndexedDB', () => {
  let app
  before(async () => {
    app = await openApp()
  })
  after(async () => app?.close())

  it('first visit imports the snapshot and lists real records from IndexedDB', async () => {
    await app.page.goto(app.url('/spots'))
    assert.deepEqual(await listedSpots(app.page), spotNames)
    await app.page.getByTestId('data-as-of').waitFor()
    const stored = await app.page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open('yume-kairo')
          request.onsuccess = () => {
            const tx = request.result.transaction(['spots', 'municipalities'])
            const spots = tx.objectStore('spots').count()
            const towns = tx.objectStore('municipalities').count()
            tx.oncomplete = () => resolve({ spots: spots.result, towns: towns.result })
          }
          request.onerror = () => reject(request.error)
        }),
    )
    assert.deepEqual(stored, { spots: snapshot.spots.length, towns: 7 })
    await app.waitForServiceWorker()
  })

  it('with the server stopped, reloading / shows the same data', async () => {
    await app.stopServer()
    await app.page.reload()
    assert.deepEqual(await listedSpots(app.page), spotNames)
    assert.equal(await app.page.locator('html').getAttribute('lang'), 'ja')
  })

  it('with the server stopped, a deep link to a spot opens from IndexedDB', async () => {
    const spot = snapshot.spots[0]
    await app.page.goto(app.url(`/spots/${spot.id}`))
    await app.page.getByTestId('spot-detail').waitFor({ timeout: 15_000 })
    assert.equal(await app.page.locator('h1').textContent(), spot.name.ja)
  })

  it('a deep link to another section works offline too', async () => {
    await app.page.goto(app.url('/map'))
    // The list renders before the records arrive from IndexedDB: wait for the towns themselves.
    await app.page.getByTestId('municipality-list').locator('li').nth(6).waitFor({ timeout: 15_000 })
    assert.equal(await app.page.getByTestId('municipality-list').locator('li').count(), 7)
  })

  it('a broken snapshot on the server leaves the previous data and says so in plain words', async () => {
    await app.startServer({ overrides: { '/data/snapshot-meta.json': '{"hash":"0000"}', '/data/snapshot.json': '{"schemaVersion":"1.0.0","spots":[{"id":' } })
    await app.page.goto(app.url('/spots'))
    const banner = app.page.getByTestId('data-status')
    await banner.waitFor({ timeout: 15_000 })
    assert.match(await banner.textContent(), /新しいデータに問題があったため、更新しませんでした/)
    assert.deepEqual(await listedSpots(app.page), spotNames)
  })

  it('a snapshot with wrong types is refused the same way', async () => {
    const wrong = { ...snapshot, spots: [{ ...snapshot.spots[0], name: 42 }] }
    await app.startServer({ overrides: { '/data/snapshot-meta.json': '{"hash":"1111"}', '/data/snapshot.json': JSON.stringify(wrong) } })
    await app.page.goto(app.url('/spots'))
    const banner = app.page.getByTestId('data-status')
    await banner.waitFor({ timeout: 15_000 })
    assert.match(await banner.textContent(), /spots\.0\.name/)
    assert.deepEqual(await listedSpots(app.page), spotNames)
    assert.deepEqual(app.errors, [])
  })
})
