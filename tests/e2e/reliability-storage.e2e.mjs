/**
 * Issue 10, items 8 and 9 in real Chromium:
 *  8 durable user writes — a change confirmed on screen survives closing the page right after it;
 *  9 storage trouble — quota exceeded (DevTools protocol): every storage promise settles, the person
 *    is told in plain words, existing data remains; IndexedDB unavailable or hanging → read-only
 *    mode from memory, said on screen; a terminated connection is reopened.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp } from './harness.mjs'
import { dumpIdb } from './reliability-routes.mjs'

const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']
function rehash(s) {
  const body = {}
  for (const k of BODY_KEYS) body[k] = s[k]
  s.hash = createHash('sha256').update(JSON.stringify(body)).digest('hex')
  return s
}
const spotNames = snapshot.spots.map((s) => s.name.ja).sort()
async function listedSpots(page) {
  await page.getByTestId('spot-card').first().waitFor({ timeout: 15_000 })
  // The list fills in a slice at a time: read it once it is all there.
  await page.locator('[data-testid="spot-list"]:not([aria-busy="true"])').waitFor({ timeout: 15_000 })
  return (await page.getByTestId('spot-card').locator('.card__title').allTextContents()).sort()
}
const languageButton = (page) => page.getByRole('button', { name: /Language|言語/ })

const spot = snapshot.spots[0]
/** A real checkpoint of a rally in the committed snapshot, and a position ~40 m from it (inside its radius). */
const rally = snapshot.rallies.find((r) => r.id === 'rally-hagi-okan')
const checkpoint = rally.checkpoints[0]
const heart = (page) => page.getByTestId('spot-detail').getByTestId('favorite-button').first()
const checkpointRow = (page) => page.locator(`[data-checkpoint="${checkpoint.id}"]`)

/**
 * Writes a person confirms on screen. Each: `start` is where it happens; `act` does it and waits
 * for the on-screen confirmation; `check` verifies it on a freshly opened page; `undo` puts the
 * data back for the checks that follow.
 */
const DURABLE_ACTIONS = [
  {
    name: 'language switch (remembered setting)',
    start: '/',
    act: async (page) => {
      await languageButton(page).click()
      await page.locator('html[lang="en"]').waitFor()
      await page.getByRole('heading', { name: 'Welcome to Yume Kairo' }).waitFor()
    },
    check: async (page) => {
      await page.getByRole('heading', { name: 'Welcome to Yume Kairo' }).waitFor({ timeout: 15_000 })
      assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    },
    undo: async (page) => {
      await languageButton(page).click()
      await page.locator('html[lang="ja"]').waitFor()
      await page.waitForFunction(() => new Promise((resolve) => {
        const r = indexedDB.open('yume-kairo')
        r.onsuccess = () => {
          const g = r.result.transaction('settings').objectStore('settings').get('locale')
          g.onsuccess = () => (r.result.close(), resolve(g.result?.value === 'ja'))
        }
      }))
    },
  },
  {
    name: 'favorite (the heart on a spot page)',
    start: `/spots/${spot.id}`,
    act: async (page) => {
      await heart(page).waitFor({ timeout: 15_000 })
      assert.equal(await heart(page).getAttribute('aria-pressed'), 'false')
      await heart(page).click()
      await page.getByTestId('spot-detail').locator('[data-testid="favorite-button"][aria-pressed="true"]').first().waitFor()
    },
    check: async (page) => {
      await page.getByTestId('spot-detail').locator('[data-testid="favorite-button"][aria-pressed="true"]').first().waitFor({ timeout: 15_000 })
      await page.goto(page.url().replace(/\/spots\/.*$/, '/saved'))
      await page.getByTestId('saved-item').filter({ hasText: spot.name.ja }).waitFor({ timeout: 15_000 })
      await page.goBack()
    },
    undo: async (page) => {
      await heart(page).click()
      await page.getByTestId('spot-detail').locator('[data-testid="favorite-button"][aria-pressed="false"]').first().waitFor()
    },
  },
  {
    name: 'stamp (a GPS check-in at a real checkpoint)',
    start: `/rally/${rally.id}`,
    act: async (page, app) => {
      await app.context.grantPermissions(['geolocation'], { origin: app.base })
      await app.context.setGeolocation({ latitude: checkpoint.point.lat + 0.0003, longitude: checkpoint.point.lng, accuracy: 10 })
      await checkpointRow(page).getByTestId('checkin-gps').click()
      await page.getByTestId('checkin-ok').waitFor({ timeout: 15_000 })
    },
    check: async (page) => {
      await checkpointRow(page).getByTestId('checkpoint-state').filter({ hasText: 'スタンプ済み' }).waitFor({ timeout: 15_000 })
      assert.equal(await checkpointRow(page).getByTestId('checkin-gps').count(), 0)
    },
    undo: async (page, app) => {
      await app.context.clearPermissions()
      await page.evaluate((key) => new Promise((resolve) => {
        const r = indexedDB.open('yume-kairo')
        r.onsuccess = () => {
          const tx = r.result.transaction('stamps', 'readwrite')
          tx.objectStore('stamps').delete(key)
          tx.oncomplete = () => (r.result.close(), resolve())
        }
      }), `${rally.id}/${checkpoint.id}`)
    },
  },
]

/**
 * Make the origin's storage full. First through the DevTools protocol
 * (Storage.overrideQuotaForOrigin); Chromium 156 accepts that override but does
 * not enforce it for IndexedDB (navigator.storage.estimate() still reports the
 * full disk), so when it has no effect every IndexedDB put/add fails the way a
 * full disk makes it fail: a DOMException named QuotaExceededError.
 */
async function fillQuota(app, page) {
  const cdp = await app.context.newCDPSession(page)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: app.base, quotaSize: 1 })
  const enforced = await page.evaluate(async () => (await navigator.storage.estimate()).quota <= 1)
  const inject = () => {
    if (window.__quotaPatched) return
    window.__quotaPatched = true
    // This patch reaches the page only, not a worker: the snapshot import runs on the page's thread (the
    // app's path where a browser has no module workers). The worker's own quota answer is unit tested
    // (tests/unit/snapshot-worker.test.ts).
    Object.defineProperty(window, 'Worker', { value: undefined, configurable: true })
    for (const method of ['put', 'add']) {
      const original = IDBObjectStore.prototype[method]
      IDBObjectStore.prototype[method] = function (...args) {
        if (localStorage.getItem('e2e-quota-full') === '1') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        return original.apply(this, args)
      }
    }
  }
  if (!enforced) {
    await page.evaluate(() => localStorage.setItem('e2e-quota-full', '1'))
    await app.context.addInitScript(inject)
    await page.evaluate(inject)
  }
  return {
    enforced,
    async release() {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: app.base })
      await page.evaluate(() => localStorage.removeItem('e2e-quota-full'))
    },
  }
}

describe('reliability: durable writes and storage trouble', () => {
  let app
  before(async () => {
    app = await openApp()
  })
  after(async () => app?.close())

  for (const action of DURABLE_ACTIONS) {
    it(`durable: ${action.name} survives closing the page right after the confirmation`, async () => {
      let page = await app.context.newPage()
      await page.goto(app.url('/'))
      await listedSpots(page)
      await page.goto(app.url(action.start))
      await action.act(page, app)
      await page.close({ runBeforeUnload: false })
      page = await app.context.newPage()
      await page.goto(app.url(action.start))
      await action.check(page, app)
      await action.undo(page, app)
      await page.close()
    })
  }

  it('quota exceeded: every storage promise settles, the person is told in plain words, existing data remains', async () => {
    const { page } = app
    await page.goto(app.url('/spots'))
    assert.deepEqual(await listedSpots(page), spotNames)
    await page.evaluate(() => new Promise((resolve) => {
      const r = indexedDB.open('yume-kairo')
      r.onsuccess = () => {
        const tx = r.result.transaction('stamps', 'readwrite')
        tx.objectStore('stamps').put({ key: 'r/c', rallyId: 'r', checkpointId: 'c', at: '2026-11-23T01:00:00.000Z', method: 'qr' })
        tx.oncomplete = () => (r.result.close(), resolve())
      }
    }))
    const before = await dumpIdb(page)
    const quota = await fillQuota(app, page)
    try {
      // A new snapshot is published: its import must fail cleanly.
      const next = rehash({ ...structuredClone(snapshot), spots: snapshot.spots.map((s) => ({ ...s, description: { ja: 'あ'.repeat(15_000) } })) })
      await app.startServer({ overrides: { '/data/snapshot-meta.json': JSON.stringify({ hash: next.hash }), '/data/snapshot.json': JSON.stringify(next) } })
      await page.reload()
      const banner = page.getByTestId('data-status')
      await banner.waitFor({ timeout: 15_000 })
      assert.match(await banner.textContent(), /端末の保存容量がいっぱいのため、保存できませんでした/)
      assert.deepEqual(await listedSpots(page), spotNames)
      // A personal write under the full quota: refused, said so; nothing hangs.
      await languageButton(page).click()
      await page.getByText('The storage on this device is full, so this was not saved.').waitFor({ timeout: 10_000 })
      const settled = await page.evaluate(async () => {
        const limit = (p) => Promise.race([p.then(() => 'resolved', (e) => `rejected ${e?.name ?? e}`), new Promise((r) => setTimeout(() => r('HUNG'), 8000))])
        const write = new Promise((resolve, reject) => {
          const r = indexedDB.open('yume-kairo')
          r.onerror = () => reject(r.error)
          r.onsuccess = () => {
            const tx = r.result.transaction('favorites', 'readwrite')
            tx.oncomplete = () => (r.result.close(), resolve())
            tx.onabort = tx.onerror = () => (r.result.close(), reject(tx.error))
            try {
              tx.objectStore('favorites').put({ key: 'spot:big', kind: 'spot', id: 'big', name: { ja: 'x'.repeat(100_000) }, addedAt: '2026-11-23T00:00:00Z' })
            } catch (error) {
              tx.abort()
              reject(error)
            }
          }
        })
        const cache = caches.open('quota-probe').then((c) => c.put('/quota-probe', new Response('y'.repeat(100_000))))
        return { idb: await limit(write), cache: await limit(cache), estimate: await limit(navigator.storage.estimate()), persist: await limit(navigator.storage.persist()) }
      })
      for (const [what, outcome] of Object.entries(settled)) assert.notEqual(outcome, 'HUNG', what)
      assert.match(settled.idb, /rejected QuotaExceededError/)
      const after = await dumpIdb(page)
      assert.deepEqual(after, before, 'existing snapshot, stamps, favorites and settings unchanged')
      assert.deepEqual(app.errors, [])
    } finally {
      app.errors.splice(0)
      await quota.release()
      await app.startServer()
    }
  })

  it('a connection the browser terminates is reopened: the next write works', async () => {
    const { page } = app
    await page.goto(app.url('/spots'))
    await listedSpots(page)
    const cdp = await app.context.newCDPSession(page)
    // Clearing the origin's IndexedDB from DevTools force-closes the app's connection.
    await cdp.send('Storage.clearDataForOrigin', { origin: app.base, storageTypes: 'indexeddb' })
    await languageButton(page).click()
    await page.locator('html[lang="en"]').waitFor()
    await page.waitForFunction(() => new Promise((resolve) => {
      const r = indexedDB.open('yume-kairo')
      r.onsuccess = () => {
        const names = [...r.result.objectStoreNames]
        if (!names.includes('settings')) return r.result.close(), resolve(false)
        const g = r.result.transaction('settings').objectStore('settings').get('locale')
        g.onsuccess = () => (r.result.close(), resolve(g.result?.value === 'en'))
      }
    }), null, { timeout: 10_000 })
    await page.reload()
    await page.locator('html[lang="en"]').waitFor()
    // The cleared snapshot is imported again; no error is shown.
    await listedSpots(page)
    await page.waitForFunction(() => !document.querySelector('[data-testid="data-status"].banner--error'))
    assert.deepEqual(app.errors, [])
  })

  for (const [name, script] of [
    ['IndexedDB hangs at open', () => {
      IDBFactory.prototype.open = function () {
        const request = Object.create(IDBOpenDBRequest.prototype)
        Object.defineProperty(request, 'addEventListener', { value: () => undefined })
        Object.defineProperty(request, 'removeEventListener', { value: () => undefined })
        return request
      }
    }],
    ['IndexedDB is unavailable', () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true })
    }],
  ]) {
    it(`${name}: the app runs read-only from memory and says so`, async () => {
      const page = await app.context.newPage()
      const errors = []
      page.on('pageerror', (e) => errors.push(String(e)))
      await page.addInitScript(script)
      await page.goto(app.url('/spots'))
      const banner = page.getByTestId('data-status')
      await page.getByText('この端末ではデータを保存できません。表示のみのモードで動いています。').waitFor({ timeout: 20_000 })
      assert.deepEqual(await listedSpots(page), spotNames)
      // Saving something says it was not saved (instead of pretending).
      await languageButton(page).click()
      await page.getByText('変更は保存されませんでした', { exact: false }).or(page.getByText('the change was not saved', { exact: false })).waitFor({ timeout: 10_000 })
      assert.ok(await banner.isVisible())
      // Deep links work from memory too.
      await page.getByTestId('spot-card').first().click()
      await page.getByTestId('spot-detail').waitFor({ timeout: 10_000 })
      assert.deepEqual(errors, [])
      await page.close()
    })
  }
})
