/**
 * Issue 10, item 7 — many tabs, real Chromium, two pages of one profile:
 *  - tab A (the app) holds the database; tab B opens a newer version: A closes
 *    its connection and shows the reload banner within a second; B's open succeeds.
 *  - a tab that cannot close (plain indexedDB.open without a versionchange
 *    handler, like an old app version): the app in tab B says "close other tabs"
 *    instead of hanging, and carries on once that tab lets go.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openApp, STORED_PLACE } from './harness.mjs'

const DB = 'yume-kairo'
const currentVersion = (page) =>
  page.evaluate((name) => new Promise((resolve) => {
    const r = indexedDB.open(name)
    r.onsuccess = () => {
      const v = r.result.version
      r.result.close()
      resolve(v)
    }
  }), DB)

describe('reliability: many tabs', () => {
  let app
  before(async () => {
    app = await openApp()
  })
  after(async () => app?.close())

  it('a newer version opened in tab B: tab A lets go and shows the reload banner within a second; B proceeds', async () => {
    const a = app.page
    await a.goto(app.url('/'))
    await a.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
    const version = await currentVersion(a)
    const b = await app.context.newPage()
    await b.goto(app.url('/data/snapshot-meta.json'))
    const opened = b.evaluate(
      ({ name, v }) =>
        new Promise((resolve, reject) => {
          const r = indexedDB.open(name, v)
          r.onblocked = () => (window.__wasBlocked = true)
          r.onsuccess = () => {
            window.__newer = r.result
            resolve(r.result.version)
          }
          r.onerror = () => reject(r.error)
        }),
      { name: DB, v: version + 1 },
    )
    const banner = a.getByTestId('db-tab-banner')
    await banner.waitFor({ timeout: 1000 })
    assert.equal(await banner.getAttribute('data-state'), 'versionchange')
    assert.match(await banner.textContent(), /別のタブで新しい版が開かれました|newer version was opened/)
    assert.equal(await opened, version + 1)
    // Tab A is still readable (records are in memory) and offers a reload.
    assert.ok((await a.getByTestId('spot-card').count()) > 0)
    assert.equal(await banner.getByRole('button').count(), 1)
    // Clean up for the next test: B lets go, the newer database is removed.
    await b.evaluate((name) => new Promise((resolve) => {
      window.__newer.close()
      const d = indexedDB.deleteDatabase(name)
      d.onsuccess = d.onerror = d.onblocked = () => resolve()
    }), DB)
    await b.close()
    assert.deepEqual(app.errors, [])
  })

  it('a tab that does not let go: the app says "close other tabs" instead of hanging, then carries on', async () => {
    const holder = app.page
    await holder.goto(app.url('/data/snapshot-meta.json'))
    // An old tab: version 1, no versionchange handler, never closes.
    await holder.evaluate(
      (name) =>
        new Promise((resolve, reject) => {
          const r = indexedDB.open(name, 1)
          r.onupgradeneeded = () => {
            for (const [store, keyPath] of [['meta', 'key'], ['sources', 'id'], ['municipalities', 'code'], ['spots', 'id'], ['routes', 'id'], ['events', 'id'], ['schemes', 'id'], ['rallies', 'id'], ['stamps', 'key'], ['favorites', 'key'], ['settings', 'key']]) r.result.createObjectStore(store, { keyPath })
          }
          r.onsuccess = () => {
            window.__held = r.result
            resolve()
          }
          r.onerror = () => reject(r.error)
        }),
      DB,
    )
    const b = await app.context.newPage()
    await b.goto(app.url('/'))
    const banner = b.getByTestId('db-tab-banner')
    await banner.waitFor({ timeout: 10_000 })
    assert.equal(await banner.getAttribute('data-state'), 'blocked')
    assert.match(await banner.textContent(), /他のタブを閉じてください|close the other tabs/)
    // The app is there (header, navigation), not a blank page.
    assert.ok(await b.locator('header').isVisible())
    await b.screenshot({ path: 'test-results/reliability-tabs-blocked.png' }).catch(() => undefined)
    // The old tab closes: the app upgrades, the banner goes away and the data arrives.
    await holder.evaluate(() => window.__held.close())
    await b.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
    assert.equal(await b.getByTestId('db-tab-banner').count(), 0)
    assert.deepEqual(app.errors, [])
  })
})
