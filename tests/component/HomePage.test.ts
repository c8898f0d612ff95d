import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { firstScreenJson } from '@/domain/first-screen'
import { firstScreenOf } from '@/domain/first-screen-pick'
import HomePage from '@/pages/HomePage.vue'
import { useRecordsStore } from '@/stores/records'
import { useLocationStore } from '@/stores/location'
import { useSnapshotStore } from '@/stores/snapshot'
import { loadCommittedSnapshot, variantSnapshot } from '../fixtures/snapshots'
import { mountApp, mountFirstScreen, offlineFetch } from '../fixtures/mount-app'
import { TODAY_INSTANT, tourismSnapshot } from '../fixtures/tourism'
import { freshDatabase } from '../fixtures/fresh-database'

beforeEach(freshDatabase)
afterEach(closeDb)

describe('HomePage', () => {
  it('shows a first selection of the stored spots, each linking to its detail page, and a link to all of them', async () => {
    const snapshot = loadCommittedSnapshot()
    await replaceSnapshot(snapshot)
    const { wrapper } = await mountApp(HomePage)
    const cards = wrapper.findAll('[data-testid="spot-list"] [data-testid="spot-card"]')
    expect(cards).toHaveLength(6)
    const names = new Set(snapshot.spots.map((s) => s.name.ja))
    for (const card of cards) expect(names.has(card.find('.card__title').text())).toBe(true)
    expect(cards[0]!.attributes('href')).toMatch(/^\/spots\//)
    expect(wrapper.find('a[href="/spots"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('データ更新日')
  })

  it('shows English names in English, transliterations marked as such, and marks Japanese fallbacks with lang="ja"', async () => {
    const snapshot = await variantSnapshot((b) => {
      const base = b.spots.slice(0, 5)
      b.spots = [
        { ...base[0]!, name: { ja: '瑠璃光寺五重塔', en: 'Rurikoji Five-storied Pagoda' } },
        { ...base[1]!, name: { ja: '香山公園', latn: 'Kouzankouen' } },
        { ...base[2]!, name: { ja: '雪舟庭' } },
      ]
    })
    await replaceSnapshot(snapshot)
    const { wrapper } = await mountApp(HomePage, { locale: 'en' })
    const titles = wrapper.findAll('[data-testid="spot-list"] [data-testid="spot-card"] .card__title').map((t) => [t.text(), t.attributes('lang')])
    expect(titles).toEqual(expect.arrayContaining([['Rurikoji Five-storied Pagoda', 'en'], ['Kouzankouen', 'ja-Latn'], ['雪舟庭', 'ja']]))
    expect(titles).toHaveLength(3)
    expect(wrapper.text()).toContain('Places to visit')
  })

  it('says there is nothing to show when no data is stored and the network is unreachable', async () => {
    const { wrapper } = await mountApp(HomePage)
    expect(wrapper.findAll('[data-testid="spot-card"]')).toHaveLength(0)
    expect(useSnapshotStore().problem).toBe('offline')
    expect(wrapper.text()).toContain('表示できるスポットがありません')
  })
})

describe('HomePage: this season', () => {
  it('shows the places whose source names this month in Japan, with the reason, and hides the section when none', async () => {
    const snapshot = await variantSnapshot((b) => {
      const [a, c, d] = b.spots
      b.spots = [
        { ...a!, name: { ja: '藤の寺' }, season: { months: [5, 11], reason: { ja: '5月の藤、11月の紅葉。', en: 'Wisteria in May, autumn leaves in November.' }, source: a!.source } },
        { ...c!, name: { ja: '夏の社' }, season: { months: [7], reason: { ja: '7月の祭。', en: 'A festival in July.' }, source: c!.source } },
        { ...d!, name: { ja: '普通の場所' } },
      ]
      b.events = []
    })
    await replaceSnapshot(snapshot)
    vi.useFakeTimers({ now: new Date('2026-05-10T15:30:00Z'), toFake: ['Date'] })
    try {
      const { wrapper } = await mountApp(HomePage)
      const season = wrapper.find('[data-testid="home-season"]')
      expect(season.find('h2').text()).toBe('5月のおすすめ')
      expect(season.findAll('[data-testid="spot-card"] .card__title').map((t) => t.text())).toEqual(['藤の寺'])
      expect(season.find('[data-testid="spot-note"]').text()).toBe('5月の藤、11月の紅葉。')
      wrapper.unmount()
      vi.setSystemTime(new Date('2026-12-02T01:00:00Z'))
      const { wrapper: december } = await mountApp(HomePage)
      expect(december.find('[data-testid="home-season"]').exists()).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('HomePage: what is on, featured route, search', () => {
  it('shows today’s and this week’s events in Japan time, and the featured route', async () => {
    vi.useFakeTimers({ now: new Date(TODAY_INSTANT), toFake: ['Date'] })
    try {
      await replaceSnapshot(await tourismSnapshot())
      const { wrapper } = await mountApp(HomePage)
      expect(wrapper.find('[data-testid="home-today"]').text()).toContain('今日の朝市')
      const week = wrapper.find('[data-testid="home-week"]').text()
      expect(week).toContain('週末の祭り')
      expect(week).toContain('11月第4土曜日の行事')
      expect(week).not.toContain('今日の朝市')
      expect(week).not.toContain('12月の音楽会')
      expect(wrapper.find('[data-testid="route-card"]').attributes('href')).toBe('/routes/test-route')
    } finally {
      vi.useRealTimers()
    }
  })

  it('sends the search box to the search page with the query', async () => {
    await replaceSnapshot(loadCommittedSnapshot())
    const { wrapper, router } = await mountApp(HomePage)
    await wrapper.find('[data-testid="home-search-input"]').setValue('あきよし')
    await wrapper.find('form[role="search"]').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/search?q=%E3%81%82%E3%81%8D%E3%82%88%E3%81%97'))
  })
})

describe('HomePage: nearby spots and their opening hours', () => {
  it('shows whether a nearby spot is open, and turns it to closed when its closing minute passes', async () => {
    // Wednesday 2 Dec 2026, 16:59 in Japan (07:59 UTC); the machine is in Los Angeles.
    vi.useFakeTimers({ now: new Date('2026-12-02T07:59:00Z'), toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] })
    try {
      await replaceSnapshot(
        await tourismSnapshot((body) => {
          body.spots[0]!.openingHours = { rules: [{ days: [0, 1, 2, 3, 4, 5, 6], times: [{ open: '09:00', close: '17:00' }] }], closed: [] }
        }),
      )
      const { wrapper } = await mountApp(HomePage)
      useLocationStore().position = { lat: 33.951, lng: 131.251, accuracy: 20, timestamp: Date.now() }
      await flushPromises()
      const card = () => wrapper.find('[data-testid="home-nearby"]').findAll('[data-testid="spot-card"]').find((c) => c.text().includes('ミュージアムテスト'))!
      expect(card().find('[data-testid="open-status"]').text()).toBe('営業時間内（17:00まで）')
      vi.advanceTimersByTime(60_000)
      await flushPromises()
      expect(card().find('[data-testid="open-status"]').text()).toBe('営業時間外')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('HomePage: a prerendered first screen (domain/first-screen)', () => {
  it('shows the places the page was built with, busy, until the stored places replace them', async () => {
    const reason = (ja: string) => ({ reason: { ja }, source: 'curated-editorial' })
    // The page was built from one version of the data; the device holds a newer one whose first pick differs.
    const built = await variantSnapshot((b) => {
      b.spots = b.spots.slice(0, 4).map((s, i) => ({ ...s, highlight: i < 2 ? reason(`建てた時の理由${i + 1}`) : undefined }))
    })
    const stored = await variantSnapshot((b) => {
      b.spots = b.spots.slice(0, 4).map((s, i) => ({ ...s, highlight: i === 2 ? reason('新しい理由') : undefined }))
    })
    // As the page carries it: through its JSON.
    const screen = JSON.parse(firstScreenJson(firstScreenOf('/', built)!))
    const { wrapper } = await mountFirstScreen(HomePage, '/', screen)
    const list = () => wrapper.get('[data-testid="spot-list"]')
    const titles = () => wrapper.findAll('[data-testid="spot-card"] .card__title').map((t) => t.text())
    expect(titles().slice(0, 2)).toEqual([built.spots[0]!.name.ja, built.spots[1]!.name.ja])
    expect(wrapper.findAll('[data-testid="spot-highlight-reason"]').map((r) => r.text())).toEqual(['建てた時の理由1', '建てた時の理由2'])
    // Each card names its town, carried with the places.
    const town = built.municipalities.find((m) => m.code === built.spots[0]!.municipality)!.name.ja
    expect(wrapper.findAll('[data-testid="spot-card"]')[0]!.text()).toContain(town)
    expect(list().attributes('aria-busy')).toBe('true')

    await replaceSnapshot(stored)
    await useSnapshotStore().init(offlineFetch)
    await flushPromises()
    expect(titles()[0]).toBe(stored.spots[2]!.name.ja)
    expect(wrapper.findAll('[data-testid="spot-highlight-reason"]').map((r) => r.text())).toEqual(['新しい理由'])
    expect(list().attributes('aria-busy')).toBeUndefined()
    expect(useRecordsStore().firstScreen).toBeNull()
  })

  it('built from the snapshot stored on the device, its places are final from the start: not busy, and the same cards stay', async () => {
    const reason = (ja: string) => ({ reason: { ja }, source: 'curated-editorial' })
    const data = await variantSnapshot((b) => {
      b.spots = b.spots.slice(0, 3).map((s, i) => ({ ...s, highlight: i < 2 ? reason(`理由${i + 1}`) : undefined }))
    })
    await replaceSnapshot(data)
    const { wrapper } = await mountFirstScreen(HomePage, '/', JSON.parse(firstScreenJson(firstScreenOf('/', data)!)), { stored: true })
    const list = () => wrapper.get('[data-testid="spot-list"]')
    const cards = wrapper.findAll('[data-testid="spot-card"]').map((c) => c.element)
    expect(cards).toHaveLength(3)
    expect(list().attributes('aria-busy')).toBeUndefined()

    await useSnapshotStore().init(offlineFetch)
    await flushPromises()
    expect(useRecordsStore().firstScreen).toBeNull()
    // The stored records took the first screen's place card for card: the same elements, with the same text.
    expect(wrapper.findAll('[data-testid="spot-card"]').map((c) => c.element)).toEqual(cards)
    expect(wrapper.findAll('[data-testid="spot-highlight-reason"]').map((r) => r.text())).toEqual(['理由1', '理由2'])
    expect(list().attributes('aria-busy')).toBeUndefined()
  })

  it('gives the first screen up when there is no data to replace it (nothing stored, no connection)', async () => {
    const built = await variantSnapshot((b) => {
      b.spots = b.spots.slice(0, 2).map((s) => ({ ...s, highlight: { reason: { ja: '理由' }, source: 'curated-editorial' } }))
    })
    const { wrapper } = await mountFirstScreen(HomePage, '/', firstScreenOf('/', built))
    expect(wrapper.findAll('[data-testid="spot-card"]')).toHaveLength(2)
    await useSnapshotStore().init(offlineFetch)
    await flushPromises()
    // Places that could not be opened are not offered (the app's banner says why: no data, no connection).
    expect(wrapper.findAll('[data-testid="spot-card"]')).toHaveLength(0)
    expect(useSnapshotStore().status).toBe('empty')
  })
})
