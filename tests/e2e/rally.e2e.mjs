import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { webcrypto } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import QRCode from 'qrcode'
import { makeKey } from './engines/fixtures.mjs'
import { openApp } from './harness.mjs'

const { subtle } = webcrypto
const b64url = (bytes) => Buffer.from(bytes).toString('base64url')
const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']
const SHOTS = process.env.E2E_SHOTS ?? join(tmpdir(), 'yume-rally-shots')
mkdirSync(SHOTS, { recursive: true })

/** Japan calendar date `days` from today. */
function tokyoDate(days) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + days * 86_400_000))
}

// Test geometry around 山口市 (fixture points, not real checkpoints).
const A = { lat: 34.178, lng: 131.4737 }
const B = { lat: 34.1862, lng: 131.4705 }
const C = { lat: 34.1601, lng: 131.4509 }

/** Same format as src/domain/rally-codes.ts, written independently here. */
async function sign(key, checkpointRef, validFrom = tokyoDate(-1), validUntil = tokyoDate(7), kid = key.kid) {
  const signed = `YK1.${b64url(Buffer.from(['e2e-rally', checkpointRef, validFrom, validUntil, kid].join('|')))}`
  const sig = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, new TextEncoder().encode(signed)))
  return `${signed}.${b64url(sig)}`
}

async function testSnapshot(key) {
  const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
  snapshot.rallies.push({
    id: 'e2e-rally',
    name: { ja: 'テスト回廊スタンプラリー', en: 'Test corridor stamp rally' },
    description: { ja: 'E2E テスト用のスタンプラリーです。', en: 'A stamp rally for the end-to-end test.' },
    period: { start: tokyoDate(-10), end: tokyoDate(30) },
    reward: { rule: { type: 'all' }, text: { ja: '記念缶バッジを進呈します。', en: 'A souvenir badge.' }, handover: 'code' },
    checkpoints: [
      { id: 'cp-a', name: { ja: '湯田温泉テスト地点', en: 'Yuda test point' }, municipality: '35203', point: A, radiusM: 50, qrId: 'qr-a' },
      { id: 'cp-b', name: { ja: '県庁前テスト地点', en: 'Prefectural office test point' }, municipality: '35203', point: B, radiusM: 50, qrId: 'qr-b' },
      { id: 'cp-c', name: { ja: '新山口テスト地点', en: 'Shin-Yamaguchi test point' }, municipality: '35203', point: C, radiusM: 100, qrId: 'qr-c' },
    ],
    keys: [{ kid: key.kid, x: key.x, y: key.y }],
    source: snapshot.sources[0].id,
    asOf: tokyoDate(-10),
  })
  const ordered = Object.fromEntries(BODY_KEYS.map((k) => [k, snapshot[k]]))
  snapshot.hash = Buffer.from(await subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(ordered)))).toString('hex')
  snapshot.generatedAt = new Date().toISOString()
  return snapshot
}

describe('stamp rally: offline check-ins, signed codes, completion, backup', () => {
  let app
  let key
  let overrides
  const page = () => app.page
  const checkpoint = (id) => page().locator(`[data-checkpoint="${id}"]`)
  // Once the person's stamps are read: until then the progress is busy and shows no count.
  const progress = () => page().locator('[data-testid="rally-progress"]:not([aria-busy])').first().textContent()

  before(async () => {
    key = await makeKey('e2e-key')
    const snapshot = await testSnapshot(key)
    overrides = {
      '/data/snapshot.json': JSON.stringify(snapshot),
      '/data/snapshot-meta.json': JSON.stringify({ schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash }),
    }
    app = await openApp({ overrides })
    await app.context.grantPermissions(['geolocation'], { origin: app.base })
  })
  after(async () => app?.close())

  it('first visit lists the rally; then the server stops and the rally page opens offline', async () => {
    await page().goto(app.url('/rally'))
    await page().getByTestId('rally-card').first().waitFor({ timeout: 15_000 })
    await app.waitForServiceWorker()
    await app.stopServer()
    await page().reload()
    await page().getByTestId('rally-card').first().click()
    await page().getByTestId('rally-detail').waitFor({ timeout: 15_000 })
    assert.equal(await page().locator('h1').textContent(), 'テスト回廊スタンプラリー')
    assert.match(await progress(), /0 \/ 3/)
    assert.match(await page().getByTestId('rally-status').first().textContent(), /開催中/)
  })

  it('location near checkpoint A → stamp; far from C → refused with the distance to go', async () => {
    await app.context.setGeolocation({ latitude: A.lat + 0.0003, longitude: A.lng, accuracy: 12 }) // ~33 m away
    await checkpoint('cp-a').getByTestId('checkin-gps').click()
    assert.match(await page().getByTestId('checkin-ok').textContent(), /スタンプを押しました：湯田温泉テスト地点/)
    assert.match(await checkpoint('cp-a').getByTestId('checkpoint-state').textContent(), /スタンプ済み/)
    assert.match(await progress(), /1 \/ 3/)

    await app.context.setGeolocation({ latitude: C.lat + 0.006, longitude: C.lng, accuracy: 20 }) // ~670 m north of C
    await checkpoint('cp-c').getByTestId('checkin-gps').click()
    const refused = await page().getByTestId('checkin-refused').textContent()
    assert.match(refused, /あと\s*5[0-9]0\s*m/)
    assert.match(refused, /誤差 約20\s*m/)
    assert.match(await checkpoint('cp-c').getByTestId('checkpoint-state').textContent(), /未取得/)
    await page().screenshot({ path: join(SHOTS, 'rally-detail-refused.png'), fullPage: true })
  })

  it('a signed code typed in (with spaces, as printed) → stamp; a forged one → refused', async () => {
    const code = await sign(key, 'qr-b')
    await page().getByTestId('code-input').fill(code.match(/.{1,6}/g).join(' '))
    await page().getByTestId('code-submit').click()
    assert.match(await page().getByTestId('checkin-ok').textContent(), /県庁前テスト地点/)
    assert.match(await progress(), /2 \/ 3/)

    const forger = await makeKey('e2e-key')
    await page().getByTestId('code-input').fill(await sign(forger, 'qr-c'))
    await page().getByTestId('code-submit').click()
    assert.match(await page().getByTestId('checkin-refused').textContent(), /署名が一致しません/)
    await page().getByTestId('code-input').fill(await sign(key, 'qr-c', tokyoDate(-20), tokyoDate(-2)))
    await page().getByTestId('code-submit').click()
    assert.match(await page().getByTestId('checkin-refused').textContent(), /有効期限が切れています/)
    assert.match(await progress(), /2 \/ 3/)
  })

  it('reload (offline) → the stamps are still there', async () => {
    await page().reload()
    await page().getByTestId('rally-detail').waitFor({ timeout: 15_000 })
    assert.match(await progress(), /2 \/ 3/)
    assert.match(await checkpoint('cp-a').getByTestId('checkpoint-state').textContent(), /スタンプ済み.*現在地/)
    assert.match(await checkpoint('cp-b').getByTestId('checkpoint-state').textContent(), /スタンプ済み.*コード入力/)
  })

  it('a QR code read from a photo (wasm reader, served offline from our origin) completes the rally', async () => {
    const png = join(SHOTS, 'qr-c.png')
    writeFileSync(png, await QRCode.toBuffer(await sign(key, 'qr-c'), { type: 'png', width: 400, margin: 4 }))
    await page().getByTestId('scan-open').click()
    await page().getByTestId('scanner').waitFor()
    await page().getByTestId('scan-photo').setInputFiles(png)
    // The completing stamp opens the celebration screen.
    await page().getByTestId('rally-completion').waitFor({ timeout: 30_000 })
    await page().goBack()
    await page().getByTestId('rally-detail').waitFor({ timeout: 15_000 })
    assert.match(await checkpoint('cp-c').getByTestId('checkpoint-state').textContent(), /スタンプ済み.*QRコード/)
    assert.match(await progress(), /3 \/ 3/)
    const native = await page().evaluate(() => 'BarcodeDetector' in window)
    if (!native) assert.ok(app.requests.some((url) => url.startsWith(`${app.base}/assets/zxing_reader-`) && url.endsWith('.wasm')), 'the ZXing wasm comes from our own origin')
    const foreign = app.requests.filter((url) => !url.startsWith(app.base) && !url.startsWith('blob:') && !url.startsWith('data:'))
    assert.deepEqual(foreign, [])
  })

  it('complete → the completion screen with the card, the reward and a completion code', async () => {
    await page().getByTestId('rally-complete-link').click()
    await page().getByTestId('rally-completion').waitFor({ timeout: 15_000 })
    assert.match(await page().locator('h1').textContent(), /コンプリート/)
    assert.match(await page().getByTestId('rally-completion').textContent(), /記念缶バッジを進呈します。/)
    assert.match(await page().getByTestId('completion-code').textContent(), /^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const card = page().getByTestId('completion-card')
    assert.match(await card.getAttribute('aria-label'), /テスト回廊スタンプラリー.*スタンプ 3 個/)
    const size = await card.evaluate((c) => [c.width, c.height])
    assert.deepEqual(size, [1080, 1350])
    const download = page().waitForEvent('download')
    await page().getByTestId('card-save').click()
    const file = await download
    await file.saveAs(join(SHOTS, 'completion-card.png'))
    assert.equal(readFileSync(join(SHOTS, 'completion-card.png')).subarray(1, 4).toString(), 'PNG')
    await page().screenshot({ path: join(SHOTS, 'completion-screen.png'), fullPage: true })
  })

  it('export, clear the site data, import → the stamps are back', async () => {
    await page().goto(app.url('/rally'))
    await page().getByTestId('rally-card').first().waitFor({ timeout: 15_000 })
    const download = page().waitForEvent('download')
    await page().getByTestId('backup-export').click()
    const backupPath = join(SHOTS, 'backup.json')
    await (await download).saveAs(backupPath)
    const backup = JSON.parse(readFileSync(backupPath, 'utf8'))
    assert.deepEqual(backup.stamps.map((s) => s.checkpointId).sort(), ['cp-a', 'cp-b', 'cp-c'])
    assert.ok(backup.stamps.every((s) => Object.keys(s).sort().join() === 'at,checkpointId,key,method,rallyId'), 'stamps hold no position')

    // Clear site data: delete the database (the app closes its connection when asked), then a first visit again.
    const deleted = await page().evaluate(
      () =>
        new Promise((resolve) => {
          const request = indexedDB.deleteDatabase('yume-kairo')
          request.onsuccess = () => resolve('deleted')
          request.onerror = () => resolve('error')
        }),
    )
    assert.equal(deleted, 'deleted')
    await app.startServer({ overrides })
    await page().goto(app.url('/rally'))
    await page().getByTestId('rally-card').first().waitFor({ timeout: 15_000 })
    assert.match(await progress(), /0 \/ 3/)

    await page().getByTestId('backup-import').setInputFiles(backupPath)
    assert.match(await page().getByTestId('backup-message').textContent(), /スタンプ 3 件/)
    assert.match(await progress(), /3 \/ 3/)
    await page().reload()
    await page().getByTestId('rally-card').first().waitFor({ timeout: 15_000 })
    assert.match(await progress(), /3 \/ 3/)
  })

  it('offline move to a new phone: the backup as a QR sequence, scanned on a cleared device → stamps back', async () => {
    await app.stopServer()
    await page().getByTestId('transfer-send').click()
    const qr = page().getByTestId('transfer-qr')
    await qr.waitFor()
    const files = []
    for (;;) {
      const src = await qr.getAttribute('src')
      const file = join(SHOTS, `transfer-${files.length + 1}.png`)
      writeFileSync(file, Buffer.from(src.split(',')[1], 'base64'))
      files.push(file)
      const next = page().getByTestId('transfer-next')
      if (await next.isDisabled()) break
      await next.click()
    }
    assert.ok(files.length >= 1) // 3 stamps fit in one code; longer backups split (unit test)
    await page().screenshot({ path: join(SHOTS, 'transfer-send.png'), fullPage: true })

    await page().evaluate(() => new Promise((resolve) => (indexedDB.deleteDatabase('yume-kairo').onsuccess = resolve)))
    await app.startServer({ overrides })
    await page().goto(app.url('/rally'))
    await page().getByTestId('rally-card').first().waitFor({ timeout: 15_000 })
    assert.match(await progress(), /0 \/ 3/)
    await app.stopServer()
    await page().getByTestId('transfer-receive').click()
    for (const file of files.reverse()) await page().getByTestId('scan-photo').setInputFiles(file)
    assert.match(await page().getByTestId('transfer-message').textContent({ timeout: 30_000 }), /スタンプ 3 件/)
    assert.match(await progress(), /3 \/ 3/)
    assert.deepEqual(app.errors, [])
  })
})
