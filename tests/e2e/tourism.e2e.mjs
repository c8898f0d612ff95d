// Tourism: search, spot detail, favorites, events from a shared link and an .ics download — offline, in real Chromium.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp } from './harness.mjs'

const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']
const tokyoDate = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms))
const DAY = 86_400_000
const soon = tokyoDate(Date.now() + 3 * DAY)

/** The committed snapshot plus a katakana-named spot, two spots with hours, 200 plain spots and two events (one ahead, one past), re-hashed. */
function testSnapshot() {
  const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
  const source = snapshot.sources[0].id
  snapshot.spots.push({
    id: 'e2e-museum',
    municipality: '35202',
    category: 'culture',
    name: { ja: 'ミュージアムイーツーイー', en: 'E2E Museum' },
    description: { ja: 'テスト用の美術館。' },
    point: { lat: 33.95, lng: 131.25 },
    phone: '0836-00-0000',
    source,
    asOf: '2024-04-01',
  })
  // Two spots with structured hours for "open now" (the clock is set to Wednesday 2 Dec 2026, 10:00 in Japan).
  const daily = [{ days: [0, 1, 2, 3, 4, 5, 6], times: [{ open: '09:00', close: '17:00' }] }]
  snapshot.spots.push(
    { id: 'e2e-open', municipality: '35216', category: 'culture', name: { ja: 'テスト開館中ギャラリー' }, hours: { ja: '9:00～17:00' }, closed: { ja: '無休' }, openingHours: { rules: daily, closed: [] }, source, asOf: '2024-04-01' },
    { id: 'e2e-wednesday', municipality: '35216', category: 'culture', name: { ja: 'テスト水曜休館ギャラリー' }, hours: { ja: '9:00～17:00' }, closed: { ja: '毎週水曜' }, openingHours: { rules: daily, closed: [{ type: 'weekday', day: 3 }] }, source, asOf: '2024-04-01' },
  )
  // A long list of its own (the back-to-the-list test), whatever the committed data holds.
  for (let i = 1; i <= 200; i++) {
    const n = String(i).padStart(3, '0')
    snapshot.spots.push({ id: `e2e-row-${n}`, municipality: '35203', category: 'nature', name: { ja: `テスト並木道 ${n}` }, source, asOf: '2024-04-01' })
  }
  snapshot.events.push(
    { id: 'e2e-festival', municipality: '35204', category: 'festival', name: { ja: 'テスト萩まつり' }, dates: [{ start: soon, startTime: '10:00', endTime: '16:00' }], venue: { ja: '萩城跡' }, source, asOf: '2026-03-31' },
    { id: 'e2e-past', municipality: '35204', category: 'festival', name: { ja: '去年の萩まつり' }, dates: [{ start: '2025-05-01' }], source, asOf: '2026-03-31' },
  )
  snapshot.generatedAt = new Date().toISOString()
  const ordered = {}
  for (const key of BODY_KEYS) ordered[key] = snapshot[key]
  snapshot.hash = createHash('sha256').update(JSON.stringify(ordered)).digest('hex')
  return snapshot
}

describe('tourism: search, favorites and events, offline', () => {
  let app
  const snapshot = testSnapshot()
  before(async () => {
    app = await openApp({
      overrides: {
        '/data/snapshot.json': JSON.stringify(snapshot),
        '/data/snapshot-meta.json': JSON.stringify({ schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash }),
      },
    })
  })
  after(async () => app?.close())

  it('first visit stores the data; then the server stops', async () => {
    await app.page.goto(app.url('/'))
    await app.page.getByTestId('data-as-of').waitFor({ timeout: 15_000 })
    await app.waitForServiceWorker()
    await app.stopServer()
  })

  it('a hiragana query finds the katakana-named spot, offline', async () => {
    const { page } = app
    await page.reload()
    await page.getByTestId('header-search').click()
    await page.getByTestId('search-input').pressSequentially('みゅーじあむ')
    const hit = page.getByTestId('search-group-spot').getByTestId('search-hit').filter({ hasText: 'ミュージアムイーツーイー' })
    await hit.waitFor({ timeout: 10_000 })
    assert.match(page.url(), /\/search\?q=/)
    await page.screenshot({ path: 'test-results/tourism-search.png' })
    await hit.click()
    await page.getByTestId('spot-detail').waitFor()
    assert.equal(await page.locator('h1').textContent(), 'ミュージアムイーツーイー')
    assert.equal(await page.locator('a[href="tel:0836000000"]').count(), 1)
    assert.equal(await page.getByTestId('spot-directions').getAttribute('href'), 'https://www.google.com/maps/dir/?api=1&destination=33.95,131.25')
  })

  it('favoriting it keeps it in Saved after a reload', async () => {
    const { page } = app
    const heart = page.getByTestId('spot-detail').getByTestId('favorite-button')
    assert.equal(await heart.getAttribute('aria-pressed'), 'false')
    await heart.click()
    await page.waitForFunction(() => document.querySelector('[data-testid="spot-detail"] [data-testid="favorite-button"]')?.getAttribute('aria-pressed') === 'true')
    await page.reload()
    await page.getByTestId('spot-detail').waitFor({ timeout: 15_000 })
    await page.getByTestId('header-saved').click()
    const item = page.getByTestId('saved-item').filter({ hasText: 'ミュージアムイーツーイー' })
    await item.waitFor({ timeout: 10_000 })
    assert.equal(await page.getByTestId('saved-item').count(), 1)
    await page.screenshot({ path: 'test-results/tourism-saved.png' })
  })

  it('an events link with filters opens the same view, offline', async () => {
    const { page } = app
    await page.goto(app.url('/events?m=35204&cat=festival'))
    const list = page.getByTestId('event-list')
    await page.locator('[data-testid="event-list"]:not([aria-busy="true"])').waitFor({ timeout: 15_000 })
    // Other data may list more festivals in 萩市; ours must be there and the past one must not.
    const upcoming = await list.getByTestId('event-card').locator('.card__title').allTextContents().then((t) => t.map((s) => s.trim()))
    assert.ok(upcoming.includes('テスト萩まつり'), upcoming.join())
    assert.ok(!upcoming.some((name) => name.includes('去年の萩まつり')), upcoming.join())
    assert.equal(await page.getByTestId('event-filter-municipality').inputValue(), '35204')
    assert.equal(await page.getByTestId('event-filter-category').inputValue(), 'festival')
    assert.equal(await page.getByTestId('events-when-upcoming').getAttribute('aria-current'), 'true')
    await page.screenshot({ path: 'test-results/tourism-events.png', fullPage: true })

    await page.goto(app.url('/events?when=past&m=35204'))
    const past = page.getByTestId('event-list').getByTestId('event-card').filter({ hasText: '去年の萩まつり' })
    await past.waitFor({ timeout: 15_000 })
    await page.locator('[data-testid="event-list"]:not([aria-busy="true"])').waitFor({ timeout: 15_000 })
    assert.match(await past.textContent(), /終了.*去年の萩まつり/)
    assert.equal(await page.getByTestId('event-list').getByTestId('event-card').filter({ hasText: 'テスト萩まつり' }).count(), 0)
  })

  it('add to calendar downloads a valid .ics in Japan time', async () => {
    const { page } = app
    await page.goto(app.url('/events/e2e-festival'))
    await page.getByTestId('event-detail').waitFor({ timeout: 15_000 })
    await page.screenshot({ path: 'test-results/tourism-event.png', fullPage: true })
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('event-ics').click()])
    assert.equal(download.suggestedFilename(), `e2e-festival-${soon}.ics`)
    const ics = readFileSync(await download.path(), 'utf8')
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/)
    assert.match(ics, /SUMMARY:テスト萩まつり/)
    // 10:00–16:00 in Japan is 01:00–07:00 UTC the same day.
    assert.match(ics, new RegExp(`DTSTART:${soon.replaceAll('-', '')}T010000Z`))
    assert.match(ics, new RegExp(`DTEND:${soon.replaceAll('-', '')}T070000Z`))
    assert.match(ics, /END:VCALENDAR/)
    assert.deepEqual(app.errors, [])
  })

  it('"open now" lists the spots open by their published hours, offline, in Japan time', async () => {
    const { page } = app
    await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+09:00'))
    await page.goto(app.url('/spots?m=35216&open=1'))
    await page.getByTestId('open-now-note').waitFor({ timeout: 15_000 })
    const names = async () => {
      await page.locator('[data-testid="spot-list"]:not([aria-busy="true"])').waitFor({ timeout: 15_000 })
      return (await page.getByTestId('spot-card').locator('.card__title').allTextContents()).map((n) => n.trim())
    }
    await page.getByTestId('spot-card').filter({ hasText: 'テスト開館中ギャラリー' }).waitFor({ timeout: 10_000 })
    assert.ok(!(await names()).includes('テスト水曜休館ギャラリー'), (await names()).join())
    assert.match(await page.getByTestId('spot-card').filter({ hasText: 'テスト開館中ギャラリー' }).textContent(), /営業時間内（17:00まで）/)
    assert.equal(await page.getByTestId('spot-filter-open-now').isChecked(), true)
    await page.screenshot({ path: 'test-results/tourism-open-now.png', fullPage: true })

    await page.getByTestId('spot-filter-open-now').uncheck()
    const closed = page.getByTestId('spot-card').filter({ hasText: 'テスト水曜休館ギャラリー' })
    await closed.waitFor({ timeout: 10_000 })
    assert.match(await closed.textContent(), /営業時間外/)
    assert.ok(!page.url().includes('open=1'), page.url())
    await closed.click()
    await page.getByTestId('spot-detail').waitFor()
    assert.equal(await page.getByTestId('open-status').textContent(), '営業時間外')
    assert.deepEqual(app.errors, [])
  })
  it('back from a place far down the list returns to the same place in the list, offline', async () => {
    const { page } = app
    await page.goto(app.url('/spots'))
    await page.locator('[data-testid="spot-list"]:not([aria-busy="true"])').waitFor({ timeout: 15_000 })
    const cards = page.getByTestId('spot-card')
    const count = await cards.count()
    assert.ok(count > 200, `the whole long list (${count})`)
    const far = cards.nth(count - 5)
    await far.scrollIntoViewIfNeeded()
    const name = (await far.locator('.card__title').textContent()).trim()
    const y = await page.evaluate(() => window.scrollY)
    assert.ok(y > 5000, `scrolled far down (${y})`)
    await far.click()
    await page.getByTestId('spot-detail').waitFor()
    await page.goBack()
    await page.waitForFunction((target) => Math.abs(window.scrollY - target) < 40, y, { timeout: 10_000 })
    assert.ok(await page.getByTestId('spot-card').filter({ hasText: name }).first().isVisible(), `${name} is on screen again`)
  })
})
