import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { createRequire } from 'node:module'
import { openApp } from './harness.mjs'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core's WCAG A/AA rules on the current page (evaluated through the devtools protocol, so CSP does not apply). */
async function axeViolations(page) {
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
}

/**
 * A test snapshot: the committed one (real municipalities, census figures, spots) plus schemes
 * modelled on the seeds (000: おためし暮らし賃貸住宅家賃補助金 is already in it, 事業承継支援, 人材確保支援補助金;
 * 001: 子育てアプリ) and a migration event dated two weeks from today (a test date, not a fact).
 */
const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']
const committed = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))

function tokyoDate(offsetDays) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000))
}

const kosodate = (code, ja) => ({
  id: `scheme-kosodate-app-${code}`,
  municipality: code,
  category: 'childcare',
  name: { ja: `子育てアプリ（${ja}）` },
  summary: { ja: '子どもの予防接種や講座の予約、子育ての記録・スケジュール管理等の機能を備えた子育てアプリ。' },
  audience: ['families'],
  audienceText: { ja: '子育て中の世帯' },
  contact: { name: { ja: `${ja}の子育て担当窓口` } },
  conditions: { households: ['children'] },
  source: 'seed-001-vision2',
  asOf: '2021-10-01',
})

function testSnapshot() {
  const s = structuredClone(committed)
  const added = [kosodate('35203', '山口市'), kosodate('35204', '萩市'), {
    id: 'scheme-jigyo-shokei',
    municipality: 'region',
    category: 'business',
    name: { ja: '中小企業の事業承継支援事業' },
    summary: { ja: '士業等専門家派遣支援、無料相談会などによる事業承継の支援。' },
    audience: ['businesses'],
    audienceText: { ja: '事業承継を考えている中小企業' },
    contact: { name: { ja: '各市町の商工会議所・商工会' } },
    conditions: { work: ['succession'] },
    source: 'seed-000-progress',
    asOf: '2019-11-25',
  }, {
    id: 'scheme-jinzai-kakuho',
    municipality: 'region',
    category: 'business',
    name: { ja: '人材確保支援補助金' },
    summary: { ja: '人手不足の企業と求職者を繋ぐ新しいサービスの構築や業界団体による人材確保への取組に対する支援。' },
    audience: ['businesses'],
    audienceText: { ja: '人材確保に取り組む企業・業界団体' },
    contact: { name: { ja: '各市町の商工担当窓口' } },
    conditions: {},
    source: 'seed-000-progress',
    asOf: '2019-11-25',
  }]
  // The committed trial-stay rent aid plus the test's own schemes, so counts do not follow the committed data.
  s.schemes = [...s.schemes.filter((x) => x.id === 'scheme-otameshi-kurashi'), ...added]
  s.events.push({
    id: 'test-ijuu-soudan-35203',
    municipality: '35203',
    category: 'migration',
    name: { ja: '山口県央連携都市圏 移住相談会' },
    dates: [{ start: tokyoDate(14), startTime: '10:00', endTime: '15:00' }],
    source: 'seed-000-progress',
    asOf: '2019-11-25',
  })
  const ordered = Object.fromEntries(BODY_KEYS.map((k) => [k, s[k]]))
  s.hash = createHash('sha256').update(JSON.stringify(ordered)).digest('hex')
  return s
}

const snapshot = testSnapshot()
const overrides = {
  '/data/snapshot.json': JSON.stringify(snapshot),
  '/data/snapshot-meta.json': JSON.stringify({ schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash }),
}

describe('living here: questionnaire, town profile and comparison, offline', () => {
  let app
  before(async () => {
    app = await openApp({ overrides })
  })
  after(async () => app?.close())

  it('first visit stores the data; the schemes browser lists them', async () => {
    await app.page.goto(app.url('/living'))
    await app.page.locator('[data-testid="scheme-list"]:not([aria-busy="true"]) [data-testid="scheme-card"]').first().waitFor({ timeout: 15_000 })
    assert.equal(await app.page.getByTestId('scheme-card').count(), snapshot.schemes.length)
    await app.page.screenshot({ path: '/tmp/living-schemes.png' })
    await app.waitForServiceWorker()
  })

  it('offline: a couple with children, teleworking, town undecided, sees the trial-stay rent aid and childcare schemes with reasons', async () => {
    await app.stopServer()
    await app.page.goto(app.url('/living/match'))
    const form = app.page.getByTestId('questionnaire')
    await form.waitFor({ timeout: 15_000 })
    // "A couple with children" answers the household question with 子どもがいる世帯.
    await form.getByLabel('子どもがいる世帯').check()
    await form.getByLabel('テレワーク（今の仕事を続ける）').check()
    assert.equal(await form.getByLabel('移住先の市町').inputValue(), 'undecided')
    await form.getByRole('group', { name: 'おためし暮らし（短期・長期の滞在）に関心がありますか' }).getByLabel('はい').check()
    await form.getByRole('button', { name: '結果を見る' }).click()

    const matched = app.page.getByTestId('matched-schemes')
    await matched.waitFor()
    const card = (id) => matched.locator(`[data-scheme-id="${id}"]`)
    assert.deepEqual(await card('scheme-otameshi-kurashi').getByTestId('match-reasons').locator('li').allTextContents(), [
      '圏域全体（7市町共通）の制度です',
      'おためし暮らしに関心がある方向けです',
      '移住を考えている方向けです',
    ])
    assert.match(await card('scheme-otameshi-kurashi').locator('h3').textContent(), /おためし暮らし賃貸住宅家賃補助金/)
    assert.deepEqual(await card('scheme-kosodate-app-35203').getByTestId('match-reasons').locator('li').allTextContents(), [
      '山口市の制度です（移住先はまだ決めていない）',
      '世帯（子どもがいる世帯）が対象です',
      '子育て世帯が対象です',
    ])
    assert.deepEqual(await axeViolations(app.page), [])
    const unmatched = await app.page.getByTestId('unmatched-scheme').allTextContents()
    assert.equal(unmatched.length, 2)
    assert.match(unmatched.find((u) => u.includes('人材確保支援補助金')), /事業者のみが対象です/)
    assert.match(unmatched.find((u) => u.includes('中小企業の事業承継支援事業')), /対象は「事業を継ぐ」の方です/)
    await card('scheme-kosodate-app-35203').screenshot({ path: '/tmp/living-match.png' })
  })

  it('offline: a town profile shows the census figures as a chart with a table, its schemes and migration events', async () => {
    await app.page.getByRole('link', { name: 'まちの情報' }).click()
    await app.page.getByRole('link', { name: /^山口市/ }).click()
    const profile = app.page.getByTestId('town-profile')
    await profile.waitFor()
    assert.equal(await profile.locator('h1').textContent(), '山口市')
    const chart = profile.getByTestId('population-chart')
    assert.equal(await chart.getByRole('img', { name: '山口市の人口：2010年 196,627人、2020年 194,110人' }).count(), 1)
    assert.deepEqual(await chart.locator('td').allTextContents(), ['196,627人', '194,110人', '-1.3%'])
    assert.deepEqual(await chart.locator('svg text').allTextContents(), ['2010年', '196,627', '2020年', '194,110'])
    assert.equal(await profile.getByTestId('scheme-card').count(), 1)
    assert.match(await profile.getByTestId('mover-events').textContent(), /山口県央連携都市圏 移住相談会/)
    assert.equal(await profile.getByTestId('town-spots-count').textContent(), `${snapshot.spots.filter((s) => s.municipality === '35203').length}件`)
    assert.equal(await profile.getByTestId('town-map-link').getAttribute('href'), '/map?town=35203')
    await chart.screenshot({ path: '/tmp/living-town.png' })
    assert.deepEqual(await axeViolations(app.page), [])

    const [download] = await Promise.all([app.page.waitForEvent('download'), profile.getByRole('button', { name: '山口県央連携都市圏 移住相談会をカレンダーに追加' }).click()])
    const ics = readFileSync(await download.path(), 'utf8')
    assert.match(ics, /SUMMARY:山口県央連携都市圏 移住相談会/)
    assert.match(ics, new RegExp(`DTSTART:${snapshot.events.at(-1).dates[0].start.replaceAll('-', '')}T010000Z`))
  })

  it('offline: compares 山口市 and 萩市 side by side', async () => {
    await app.page.getByRole('link', { name: 'ほかの市町と比べる' }).click()
    await app.page.getByTestId('compare-picker').getByLabel('萩市').check()
    const table = app.page.getByTestId('compare-table')
    await table.waitFor()
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['項目', '山口市', '萩市'])
    assert.deepEqual(await table.locator('[data-row="census2010"] td').allTextContents(), ['196,627人', '53,747人'])
    assert.deepEqual(await table.locator('[data-row="census2020"] td').allTextContents(), ['194,110人', '44,661人'])
    assert.deepEqual(await table.locator('[data-row="change"] td').allTextContents(), ['-1.3%', '-16.9%'])
    assert.match(await app.page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: /くらし・移住/ }).getAttribute('class'), /is-active/)
    assert.match(app.page.url(), /\/living\/compare\?towns=35203(%2C|,)35204$/)
    await app.page.screenshot({ path: '/tmp/living-compare.png' })
    assert.deepEqual(await axeViolations(app.page), [])
    assert.deepEqual(app.errors, [])
  })

  it('offline: the last scheme, saved, is one tap from Saved back to its card (the list renders it a few tasks later)', async () => {
    await app.page.goto(app.url('/living'))
    const last = app.page.locator('[data-testid="scheme-list"]:not([aria-busy="true"]) [data-testid="scheme-card"]').last()
    await last.waitFor({ timeout: 15_000 })
    const id = await last.getAttribute('data-scheme-id')
    assert.ok((await app.page.getByTestId('scheme-card').count()) > 2, 'the card is not in the list\'s first slice')
    await last.getByTestId('favorite-button').click()
    // Saved (the heart shows it once the write is done), before the page is left.
    await last.locator('[data-testid="favorite-button"][aria-pressed="true"]').waitFor()
    await app.page.goto(app.url('/saved'))
    await app.page.getByRole('link', { name: snapshot.schemes.find((s) => s.id === id).name.ja }).click()
    await app.page.waitForURL((url) => url.hash === `#scheme-${id}`, { waitUntil: 'commit' })
    const card = app.page.locator(`[data-scheme-id="${id}"]`)
    await card.waitFor()
    // Scrolled to: the card's top is at the top half of the screen.
    await app.page.waitForFunction((cardId) => {
      const top = Math.round(document.getElementById(`scheme-${cardId}`)?.getBoundingClientRect().top ?? -1)
      return top >= 0 && top < window.innerHeight / 2
    }, id, { timeout: 5000 })
    assert.deepEqual(app.errors, [])
  })
})
