/**
 * Issue 10, item 3 — update flow, real Chromium: v1 is loaded; v2 (a second
 * build, different sw.js) is then served on the same origin; an update check
 * shows the banner and nothing reloads by itself; pressing "update" reloads
 * exactly once into v2; stamps, favorites and settings are byte-identical.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp, STORED_PLACE } from './harness.mjs'
import { dumpIdb } from './reliability-routes.mjs'

const V2_DIR = 'dist-v2-e2e'
const V2_ID = `v2-${process.pid}`

function buildV2() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', V2_DIR, '--emptyOutDir', '--logLevel', 'error'], { env: { ...process.env, VITE_BUILD_ID: V2_ID }, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`v2 build failed: ${err}`))))
  })
}

const buildId = (page) => page.evaluate(() => document.querySelector('meta[name="yume-build"]')?.getAttribute('content'))

describe('reliability: service worker update flow', () => {
  let app
  let v2Built
  let loads = 0
  before(async () => {
    v2Built = buildV2()
    v2Built.catch(() => undefined)
    app = await openApp({ locale: 'en-US' })
    app.page.on('load', () => loads++)
  })
  after(async () => {
    await app?.close()
    rmSync(V2_DIR, { recursive: true, force: true })
  })

  it('v2 is a different build (its sw.js differs)', async () => {
    await v2Built
    assert.notEqual(readFileSync(`${V2_DIR}/sw.js`, 'utf8'), readFileSync('dist/sw.js', 'utf8'))
    assert.match(readFileSync(`${V2_DIR}/index.html`, 'utf8'), new RegExp(`content="${V2_ID}"`))
  })

  it('banner on update, no reload by itself; accepting reloads exactly once into v2; user data byte-identical', async () => {
    const { page } = app
    await page.goto(app.url('/'))
    await page.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
    await app.waitForServiceWorker()
    await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    const v1 = await buildId(page)
    assert.notEqual(v1, V2_ID)
    // Personal data: a remembered setting through the UI, a favorite and a stamp as the features store them.
    await page.getByRole('button', { name: /Language|言語/ }).click()
    await page.locator('html[lang="ja"]').waitFor()
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const r = indexedDB.open('yume-kairo')
          r.onsuccess = () => {
            const tx = r.result.transaction(['favorites', 'stamps'], 'readwrite')
            tx.objectStore('favorites').put({ key: 'spot:x', kind: 'spot', id: 'x', name: { ja: '瑠璃光寺', en: 'Rurikoji' }, addedAt: '2026-11-23T01:00:00.000Z' })
            tx.objectStore('stamps').put({ key: 'r/c', rallyId: 'r', checkpointId: 'c', at: '2026-11-23T02:00:00.000Z', method: 'qr' })
            tx.oncomplete = () => (r.result.close(), resolve())
            tx.onerror = () => reject(tx.error)
          }
        }),
    )
    const before = JSON.stringify(await dumpIdb(page, ['stamps', 'favorites', 'settings']))
    assert.match(before, /"locale","value":"ja"/)

    await v2Built
    await app.startServer({ dir: V2_DIR })
    const loadsBefore = loads
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
    const banner = page.getByTestId('update-banner')
    await banner.waitFor({ timeout: 20_000 })
    await page.waitForTimeout(1500)
    await page.screenshot({ path: 'test-results/reliability-update-banner.png', fullPage: false }).catch(() => undefined)
    assert.equal(loads, loadsBefore, 'nothing reloads by itself')
    assert.equal(await buildId(page), v1)

    await banner.getByRole('button', { name: '更新する' }).click()
    await page.waitForFunction((id) => document.querySelector('meta[name="yume-build"]')?.getAttribute('content') === id, V2_ID, { timeout: 20_000 })
    await page.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
    await page.waitForTimeout(1500)
    assert.equal(loads, loadsBefore + 1, 'exactly one reload')
    assert.equal(await page.getByTestId('update-banner').count(), 0)
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja')
    assert.equal(JSON.stringify(await dumpIdb(page, ['stamps', 'favorites', 'settings'])), before)
    assert.deepEqual(app.errors, [])
  })
})
