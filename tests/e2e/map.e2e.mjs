// The map in real Chromium against the production build: offline boundaries and markers,
// sheet, geolocation, routes, GSI tiles over CORS into a bounded cache, saving an area.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { deflateSync, crc32 } from 'node:zlib'
import { openApp, STORED_PLACE } from './harness.mjs'

const TILE_CACHE = 'gsi-tiles-v1'
const TILE_CACHE_MAX = 3000
const SHOTS = process.env.MAP_SCREENSHOTS ?? '/tmp'

// A test snapshot: the committed one plus one upcoming event and one rally checkpoint (test records, not data).
const committed = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
const snapshot = structuredClone(committed)
// Only this test's event and rally, so the expected markers do not follow the committed data.
snapshot.events = []
snapshot.rallies = []
snapshot.events.push({ id: 'e2e-event', municipality: '35204', category: 'festival', name: { ja: 'テスト用イベント', en: 'Test event' }, dates: [{ start: '2099-05-01' }], point: { lat: 34.41, lng: 131.4 }, source: 'ube-event', asOf: '2026-03-31' })
snapshot.rallies.push({
  id: 'e2e-rally', name: { ja: 'テスト用ラリー' }, description: { ja: 'テスト' }, period: { start: '2026-11-01' },
  reward: { rule: { type: 'all' }, text: { ja: 'テスト' }, handover: 'counter' },
  checkpoints: [{ id: 'e2e-cp', name: { ja: 'テスト用チェックポイント' }, municipality: '35213', point: { lat: 34.17, lng: 131.2 }, radiusM: 100, qrId: 'e2e-qr' }],
  keys: [], source: 'ube-event', asOf: '2026-03-31',
})
const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']
snapshot.hash = createHash('sha256').update(JSON.stringify(Object.fromEntries(BODY_KEYS.map((k) => [k, snapshot[k]])))).digest('hex')
const overrides = {
  '/data/snapshot.json': JSON.stringify(snapshot),
  '/data/snapshot-meta.json': JSON.stringify({ schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash }),
}
const markerPoints = [...snapshot.spots.filter((s) => s.point).map((s) => ({ key: `spot:${s.id}`, ...s.point, name: s.name.ja })), { key: 'event:e2e-event', lat: 34.41, lng: 131.4, name: 'テスト用イベント' }, { key: 'checkpoint:e2e-rally/e2e-cp', lat: 34.17, lng: 131.2, name: 'テスト用チェックポイント' }]

/** A 256×256 PNG: pale fill with a darker border, so stubbed tiles are visible in screenshots. */
function tilePng() {
  const size = 256
  const raw = Buffer.alloc((size * 3 + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0
    for (let x = 0; x < size; x++) {
      const edge = x < 2 || y < 2
      const o = y * (size * 3 + 1) + 1 + x * 3
      raw[o] = edge ? 150 : 236
      raw[o + 1] = edge ? 170 : 240
      raw[o + 2] = edge ? 150 : 228
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(td))
    return Buffer.concat([len, td, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

function project(lat, lng, z) {
  const scale = 256 * 2 ** z
  const r = (lat * Math.PI) / 180
  return { x: ((lng + 180) / 360) * scale, y: ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * scale }
}

/** Where a lat/lng is on screen, from the map's centre and zoom (data-* on the map element). */
async function pixelOf(page, point) {
  const map = page.getByTestId('map-view')
  const box = await map.boundingBox()
  const d = await map.evaluate((el) => ({ ...el.dataset }))
  const z = Number(d.zoom)
  const c = project(Number(d.centerLat), Number(d.centerLng), z)
  const p = project(point.lat, point.lng, z)
  return { x: box.x + box.width / 2 + (p.x - c.x), y: box.y + box.height / 2 + (p.y - c.y) }
}

async function mapCentre(page) {
  const d = await page.getByTestId('map-view').evaluate((el) => ({ ...el.dataset }))
  return { lat: Number(d.centerLat), lng: Number(d.centerLng), zoom: Number(d.zoom) }
}

/** The centre once any fit/pan animation has finished (two equal readings in a row). */
async function settledCentre(page) {
  let last = await mapCentre(page)
  for (;;) {
    await page.waitForTimeout(300)
    const now = await mapCentre(page)
    if (JSON.stringify(now) === JSON.stringify(last)) return now
    last = now
  }
}

async function tileCacheSize(page) {
  return page.evaluate(async (name) => ((await caches.has(name)) ? (await (await caches.open(name)).keys()).length : 0), TILE_CACHE)
}

const isOsm = (url) => /openstreetmap|tile\.osm\.org/i.test(new URL(url).hostname)

describe('map offline: boundaries and markers with no network and no tiles', () => {
  let app
  before(async () => {
    app = await openApp({ overrides })
    // No real tile server in tests: any GSI request fails like being offline.
    await app.context.route('https://cyberjapandata.gsi.go.jp/**', (route) => route.abort('internetdisconnected'))
    await app.page.goto(app.url('/'))
    await app.page.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
    await app.waitForServiceWorker()
    await app.stopServer()
  })
  after(async () => app?.close())

  it('shows the 7 municipality polygons, each labelled, fitted to the region, and no tiles are cached', async () => {
    const { page } = app
    await page.goto(app.url('/map'))
    await page.locator('path.map-town').nth(6).waitFor({ timeout: 15_000 })
    assert.equal(await page.locator('path.map-town').count(), 7)
    for (const m of snapshot.municipalities) assert.equal(await page.locator(`path.map-town--${m.code}`).count(), 1, m.code)
    const labels = (await page.locator('.map-town-label').allTextContents()).sort()
    assert.deepEqual(labels, snapshot.municipalities.map((m) => m.name.ja).sort())
    // Each label sits on its own town, centred on the town's point (placed by CSS, not measured by Leaflet); 宇部市's
    // just to the right of it, clear of 山口市's.
    for (const m of snapshot.municipalities) {
      const label = page.locator('.map-town-label', { hasText: m.name.ja })
      const box = await label.boundingBox()
      const point = await label.evaluate((el) => el.parentElement.getBoundingClientRect()) // the marker, at the town's point
      const town = await page.locator(`path.map-town--${m.code}`).boundingBox()
      const right = m.code === '35202'
      const near = (a, b) => Math.abs(a - b) <= 2
      assert.ok(near(box.y + box.height / 2, point.y) && (right ? near(box.x, point.x + 10) : near(box.x + box.width / 2, point.x)), `${m.name.ja}: label ${JSON.stringify(box)} at ${point.x},${point.y}`)
      assert.ok(point.x > town.x && point.x < town.x + town.width && point.y > town.y && point.y < town.y + town.height, `${m.name.ja}: its point within its town ${JSON.stringify(town)}`)
    }
    const c = await mapCentre(page)
    assert.ok(c.lat > 33.9 && c.lat < 34.8 && c.lng > 130.9 && c.lng < 132, JSON.stringify(c))
    assert.equal(await tileCacheSize(page), 0)
    const attribution = await page.locator('.leaflet-control-attribution').textContent()
    assert.match(attribution, /地理院タイル/)
    assert.match(attribution, /国土数値情報（行政区域データ）/)
    assert.equal(await page.locator('.leaflet-control-attribution a', { hasText: '地理院タイル' }).getAttribute('href'), 'https://maps.gsi.go.jp/development/ichiran.html')
    await settledCentre(page)
    await page.screenshot({ path: `${SHOTS}/map-offline.png` })
  })

  it('at region zoom groups the markers into counted clusters that add up to every marker, and lists every one', async () => {
    const { page } = app
    await page.locator('.map-cluster__button').first().waitFor()
    const clustered = await page.locator('.map-cluster__button').evaluateAll((bs) => bs.reduce((n, b) => n + Number(b.dataset.count), 0))
    const alone = Number(await page.getByTestId('map-view').getAttribute('data-markers'))
    assert.equal(clustered + alone, markerPoints.length)
    assert.ok(alone < markerPoints.length / 4, `${alone} of ${markerPoints.length} stand alone at region zoom`)
    // Every cluster has a name a screen reader says, with its count and kind.
    const names = await page.locator('.map-cluster__button').evaluateAll((bs) => bs.map((b) => [b.getAttribute('aria-label'), b.dataset.count]))
    for (const [name, count] of names) assert.match(name, new RegExp(`^(観光スポット|イベント|チェックポイント) ${count}(件|か所)（タップで拡大）$`))
    await page.getByTestId('view-list').click()
    const keys = await page.getByTestId('map-list-item').evaluateAll((items) => items.map((i) => i.dataset.key))
    assert.deepEqual(keys.sort(), markerPoints.map((m) => m.key).sort())
    await page.getByTestId('view-map').click()
  })

  it('tapping a cluster zooms in and splits it', async () => {
    const { page } = app
    const before = await settledCentre(page)
    const biggest = page.locator('.map-cluster__button').nth(
      await page.locator('.map-cluster__button').evaluateAll((bs) => bs.reduce((best, b, i, all) => (Number(b.dataset.count) > Number(all[best].dataset.count) ? i : best), 0)),
    )
    await biggest.click()
    await page.waitForFunction((z) => Number(document.querySelector('[data-testid=map-view]').dataset.zoom) > z, before.zoom)
    await settledCentre(page)
    assert.ok(Number(await page.getByTestId('map-view').getAttribute('data-markers')) > 0, 'markers stand alone after zooming in')
    await page.goto(app.url('/map'))
    await page.locator('.map-cluster__button').first().waitFor()
  })

  it('tapping a marker opens its sheet with a link to the detail page, and every marker is drawn', async () => {
    const { page } = app
    // The spot whose marker stands furthest from any other, so the tap cannot hit a neighbour.
    const spots = markerPoints.filter((m) => m.key.startsWith('spot:'))
    const isolation = (m) => Math.min(...markerPoints.filter((o) => o !== m).map((o) => Math.hypot(o.lat - m.lat, o.lng - m.lng)))
    const spot = spots.reduce((best, m) => (isolation(m) > isolation(best) ? m : best))
    // Zoomed in on it (a "show on map" link), its sheet open; close it and tap the marker itself.
    await page.goto(app.url(`/map?focus=${spot.key}`))
    const sheet = page.getByTestId('map-sheet')
    await sheet.waitFor({ timeout: 5_000 })
    await sheet.getByTestId('map-sheet-close').click()
    await sheet.waitFor({ state: 'detached' })
    await settledCentre(page)
    const p = await pixelOf(page, spot)
    const box = await page.locator('.leaflet-markers-pane canvas').boundingBox()
    const alpha = await page.locator('.leaflet-markers-pane canvas').evaluate((canvas, { x, y }) => {
      const ratio = canvas.width / canvas.getBoundingClientRect().width
      return canvas.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data[3]
    }, { x: p.x - box.x, y: p.y - box.y })
    assert.ok(alpha > 0, `marker ${spot.key} is drawn`)
    await page.mouse.click(p.x, p.y)
    await sheet.waitFor({ timeout: 5_000 })
    assert.equal(await sheet.locator('h2').textContent(), spot.name)
    assert.equal(await sheet.getByTestId('map-sheet-link').getAttribute('href'), `/${spot.key.replace('spot:', 'spots/')}`)
    await sheet.getByTestId('map-sheet-close').click()
    await sheet.waitFor({ state: 'detached' })
    await page.goto(app.url('/map'))
    await page.locator('path.map-town').nth(6).waitFor()
    await settledCentre(page)
  })

  it('tapping a town filters to it and links it as ?town=', async () => {
    const { page } = app
    const tsuwano = snapshot.municipalities.find((m) => m.code === '32501')
    await page.evaluate(() => window.scrollTo(0, 0))
    const p = await pixelOf(page, tsuwano.centre)
    // The label does not catch taps (it is drawn over the polygon, pointer-events: none).
    await page.mouse.click(p.x, p.y)
    await page.waitForFunction(() => location.search === '?town=32501')
    await page.locator('path.map-town--32501.map-town--selected').waitFor()
    assert.match(await page.getByTestId('town-selected').textContent(), /津和野町/)
    await page.getByTestId('view-list').click()
    // Only 津和野町's own places are listed (the test snapshot's events and rally lie elsewhere).
    const inTown = snapshot.spots.filter((s) => s.municipality === '32501' && s.point).map((s) => `spot:${s.id}`)
    assert.match(await page.locator('#map-list-title').textContent(), new RegExp(`${inTown.length}件`))
    assert.deepEqual((await page.getByTestId('map-list-item').evaluateAll((items) => items.map((i) => i.dataset.key))).sort(), inTown.sort())
    await page.getByTestId('all-towns').click()
    await page.waitForFunction(() => location.pathname === '/map' && location.search === '')
    await page.getByTestId('view-map').click()
  })

  it('the map is keyboard operable', async () => {
    const { page } = app
    const before = await settledCentre(page)
    await page.getByTestId('map-view').focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction((lng) => Number(document.querySelector('[data-testid=map-view]').dataset.centerLng) > lng, before.lng)
    await page.keyboard.press('Equal')
    await page.waitForFunction((z) => Number(document.querySelector('[data-testid=map-view]').dataset.zoom) > z, before.zoom)
    assert.equal(await page.getByRole('button', { name: '拡大', exact: true }).count(), 1)
  })

  it('a mocked position centres the map, shows the accuracy circle and sorts the list by distance', async () => {
    const { page, context } = app
    const hofu = snapshot.spots.find((s) => s.municipality === '35206' && s.point)
    await context.grantPermissions(['geolocation'], { origin: app.base })
    await context.setGeolocation({ latitude: hofu.point.lat + 0.001, longitude: hofu.point.lng + 0.001, accuracy: 40 })
    await page.getByTestId('locate').click()
    await page.getByTestId('located').waitFor()
    await page.locator('path.map-accuracy').waitFor()
    const target = { lat: hofu.point.lat + 0.001, lng: hofu.point.lng + 0.001 }
    await page.waitForFunction((t) => {
      const d = document.querySelector('[data-testid=map-view]').dataset
      return Math.abs(Number(d.centerLat) - t.lat) < 0.001 && Math.abs(Number(d.centerLng) - t.lng) < 0.001 && Number(d.zoom) >= 13
    }, target)
    await page.getByTestId('view-list').click()
    const keys = await page.getByTestId('map-list-item').evaluateAll((items) => items.map((i) => i.dataset.key))
    assert.equal(keys[0], `spot:${hofu.id}`)
    const distances = await page.getByTestId('map-list-distance').allTextContents()
    assert.equal(distances.length, markerPoints.length)
    await settledCentre(page)
    await page.screenshot({ path: `${SHOTS}/map-list-nearby.png`, fullPage: true })
    await page.getByTestId('view-map').click()
  })

  it('a model route shows as a line through its stops', async () => {
    const { page } = app
    const route = snapshot.routes[0]
    await page.goto(app.url(`/map?route=${route.id}`))
    await page.locator('path.map-route').waitFor({ timeout: 15_000 })
    assert.deepEqual(await page.locator('.map-route-stop').allTextContents(), route.stops.map((_, i) => String(i + 1)))
    assert.equal(await page.getByTestId('map-route').locator('li').count(), route.stops.length)
    await settledCentre(page)
    await page.screenshot({ path: `${SHOTS}/map-route-offline.png` })

    // With the line shown, a tap on a marker still reaches it (the line's SVG, in the markers' pane, lets taps through).
    const spot = snapshot.spots.find((s) => s.id === route.stops[0].spotId)
    await page.goto(app.url(`/map?route=${route.id}&stop=1`))
    const sheet = page.getByTestId('map-sheet')
    await sheet.waitFor({ timeout: 15_000 })
    await sheet.getByTestId('map-sheet-close').click()
    await sheet.waitFor({ state: 'detached' })
    await settledCentre(page)
    const p = await pixelOf(page, spot.point)
    await page.mouse.click(p.x, p.y)
    await sheet.waitFor({ timeout: 5_000 })
    assert.equal(await sheet.locator('h2').textContent(), spot.name.ja)
  })

  it('leaving the map in the middle of a zoom leaves no error behind', async () => {
    const { page } = app
    for (const path of ['/map', `/map?route=${snapshot.routes[0].id}`]) {
      await page.goto(app.url(path))
      await page.locator('path.map-town').nth(6).waitFor({ timeout: 15_000 })
      await settledCentre(page)
      // Zoom in and, within the same frame, leave the page through the app's own navigation (no reload).
      await page.evaluate(() => {
        document.querySelector('.leaflet-control-zoom-in').click()
        document.querySelector('[data-testid=header-search]').click()
      })
      await page.getByTestId('search-input').waitFor()
      await page.waitForTimeout(600) // Leaflet ends a zoom 250 ms after it starts, even when no transition ran
    }
    assert.deepEqual(app.errors, [])
  })

  it('never asked an OpenStreetMap host for anything, and had no page errors', () => {
    assert.deepEqual(app.requests.filter(isOsm), [])
    assert.deepEqual(app.errors, [])
  })
})

describe('map online: GSI tiles over CORS into a bounded cache, saving an area', () => {
  let app
  const tileRequests = []
  const png = tilePng()
  before(async () => {
    app = await openApp({ overrides })
    // The stub tile server sees every tile request that reaches the network (from the page or the service worker).
    await app.context.route('https://cyberjapandata.gsi.go.jp/**', async (route) => {
      tileRequests.push({ url: route.request().url(), headers: await route.request().allHeaders() })
      await route.fulfill({ status: 200, body: png, headers: { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' } })
    })
    await app.page.goto(app.url('/'))
    await app.page.locator(STORED_PLACE).first().waitFor({ timeout: 15_000 })
    await app.waitForServiceWorker()
  })
  after(async () => app?.close())

  it('loads GSI tiles with CORS only, and the service worker caches them within the limit', async () => {
    const { page } = app
    await page.goto(app.url('/map'))
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'page is controlled by the service worker')
    await page.locator('img.leaflet-tile-loaded').first().waitFor({ timeout: 15_000 })
    await page.waitForFunction(() => document.querySelectorAll('img.leaflet-tile').length === document.querySelectorAll('img.leaflet-tile-loaded').length)
    assert.ok(tileRequests.length > 0)
    for (const r of tileRequests) {
      assert.match(r.url, /^https:\/\/cyberjapandata\.gsi\.go\.jp\/xyz\/pale\/\d+\/\d+\/\d+\.png$/)
      assert.ok(r.headers['sec-fetch-mode'] === 'cors' || 'origin' in r.headers, `CORS request: ${r.url} ${JSON.stringify(r.headers)}`)
    }
    await page.waitForFunction(async (name) => (await caches.has(name)) && (await (await caches.open(name)).keys()).length > 0, TILE_CACHE, { timeout: 10_000 })
    const cached = await tileCacheSize(page)
    assert.ok(cached > 0 && cached <= TILE_CACHE_MAX, `cached ${cached}`)
    await settledCentre(page)
    await page.screenshot({ path: `${SHOTS}/map-online.png` })
  })

  it('saves the visible area after showing its tile count and size, with progress, then deletes it', async () => {
    const { page } = app
    await page.getByTestId('save-area-open').click()
    const summary = await page.getByTestId('save-area-summary').textContent()
    const count = Number(summary.match(/地図タイル ([\d,]+)枚/)[1].replace(/,/g, ''))
    assert.match(summary, /約[\d.]+ MB/)
    assert.ok(count > 0 && count <= 500, summary)
    await page.getByTestId('save-area-confirm').click()
    await page.getByTestId('save-area-done').waitFor({ timeout: 30_000 })
    assert.match(await page.getByTestId('save-area-done').textContent(), new RegExp(`${count.toLocaleString('ja-JP')}枚`))
    assert.equal(await page.getByTestId('saved-areas').locator('li').count(), 1)
    const cached = await tileCacheSize(page)
    assert.ok(cached >= count && cached <= TILE_CACHE_MAX, `cached ${cached} of limit ${TILE_CACHE_MAX}`)
    for (const r of tileRequests) assert.ok(r.headers['sec-fetch-mode'] === 'cors' || 'origin' in r.headers, `${r.url} ${JSON.stringify(r.headers)}`)
    // Offline, the saved tiles draw from the cache.
    await app.stopServer()
    await page.context().unroute('https://cyberjapandata.gsi.go.jp/**')
    await page.context().route('https://cyberjapandata.gsi.go.jp/**', (route) => route.abort('internetdisconnected'))
    await page.reload()
    await page.locator('img.leaflet-tile-loaded').first().waitFor({ timeout: 15_000 })
    await settledCentre(page)
    await page.screenshot({ path: `${SHOTS}/map-offline-saved-tiles.png` })
    await page.getByTestId('save-area-open').click()
    await page.getByRole('button', { name: /を削除$/ }).click()
    await page.getByText('保存した範囲はありません。').waitFor()
    assert.ok((await tileCacheSize(page)) < cached)
  })

  it('never asked an OpenStreetMap host for anything, and had no page errors', () => {
    assert.deepEqual(app.requests.filter(isOsm), [])
    assert.deepEqual(app.errors, [])
  })
})
