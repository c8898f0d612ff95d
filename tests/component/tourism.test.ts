import 'fake-indexeddb/auto'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { listFavorites } from '@/data/repositories/user-repo'
import { formatDistance } from '@/domain/format'
import { distanceM } from '@/domain/geo'
import type { Point } from '@/domain/snapshot-schema'
import EventDetailPage from '@/pages/EventDetailPage.vue'
import EventsPage from '@/pages/EventsPage.vue'
import RouteDetailPage from '@/pages/RouteDetailPage.vue'
import SavedPage from '@/pages/SavedPage.vue'
import SearchPage from '@/pages/SearchPage.vue'
import SpotDetailPage from '@/pages/SpotDetailPage.vue'
import SpotsPage from '@/pages/SpotsPage.vue'
import { useFavoritesStore } from '@/stores/favorites'
import { useUserDataStore } from '@/stores/user-data'
import { useRecordsStore } from '@/stores/records'
import { useSearchStore } from '@/stores/search'
import { mountApp } from '../fixtures/mount-app'
import { katakanaSpot, testEvents, TODAY_INSTANT, tourismSnapshot } from '../fixtures/tourism'
import { freshDatabase } from '../fixtures/fresh-database'

/** The calendar writer can be made to fail its next file (as a failed load or a refused event would). */
const calendarWriter = vi.hoisted(() => ({ failNext: false }))
vi.mock('@/domain/event-ics', async (original) => {
  const real = await original<typeof import('@/domain/event-ics')>()
  return {
    ...real,
    occurrenceToIcs: (...args: Parameters<typeof real.occurrenceToIcs>) => {
      if (calendarWriter.failNext) {
        calendarWriter.failNext = false
        throw new Error('Could not create the calendar file')
      }
      return real.occurrenceToIcs(...args)
    },
  }
})

beforeEach(async () => {
  await freshDatabase()
  vi.useFakeTimers({ now: new Date(TODAY_INSTANT), toFake: ['Date'] })
})
afterEach(async () => {
  vi.useRealTimers()
  await closeDb()
})

describe('search page', () => {
  it.each(['みゅーじあむ', 'ミュージアム', 'ﾐｭｰｼﾞｱﾑ', 'test museum', 'ＴＥＳＴ'])('%s finds the katakana-named spot', async (q) => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(SearchPage, { path: `/search?q=${encodeURIComponent(q)}` })
    const group = wrapper.find('[data-testid="search-group-spot"]')
    expect(group.text()).toContain('ミュージアムテスト')
    expect(group.findAll('a').map((a) => a.attributes('href'))).toContain(`/spots/${katakanaSpot.id}`)
  })

  it('groups results by kind and builds the index once while typing', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper, router } = await mountApp(SearchPage, { path: '/search' })
    const input = wrapper.find('[data-testid="search-input"]')
    for (const q of ['萩', '萩往', '萩往還']) {
      await input.setValue(q)
      await flushPromises()
    }
    expect(wrapper.find('[data-testid="search-group-route"] h2').text()).toContain('モデルルート')
    expect(wrapper.find('[data-testid="search-group-route"]').text()).toContain('萩往還テストルート')
    expect(useSearchStore().buildCount()).toBe(1)
    expect(router.currentRoute.value.query.q).toBe('萩往還')
    await input.setValue('存在しない名前')
    expect(wrapper.find('[data-testid="search-status"]').text()).toContain('一致するものはありません')
  })
})

describe('spots', () => {
  it('filters the list by municipality and category from the URL', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(SpotsPage, { path: '/spots?m=35202&cat=culture' })
    const names = wrapper.findAll('[data-testid="spot-card"] .card__title').map((c) => c.text())
    expect(names).toEqual(['ミュージアムテスト'])
  })

  it('"open now" keeps only spots whose published hours say open (Monday 23 Nov 2026, 12:00 in Japan, a holiday)', async () => {
    await replaceSnapshot(
      await tourismSnapshot((body) => {
        body.spots[0]!.openingHours = { rules: [{ days: [0, 1, 2, 3, 4, 5, 6], times: [{ open: '09:00', close: '17:00' }] }], closed: [] }
        // Closed on Mondays, holiday or not.
        body.spots[1]!.openingHours = { rules: [{ days: [0, 1, 2, 3, 4, 5, 6], times: [{ open: '09:00', close: '17:00' }] }], closed: [{ type: 'weekday', day: 1 }] }
      }),
    )
    const { wrapper, router } = await mountApp(SpotsPage, { path: '/spots' })
    const statuses = () => wrapper.findAll('[data-testid="spot-card"]').map((c) => `${c.find('.card__title').text()}: ${c.find('[data-testid="open-status"]').exists() ? c.find('[data-testid="open-status"]').text() : '-'}`)
    expect(statuses()).toEqual(['萩城跡テスト: 営業時間外', 'ミュージアムテスト: 営業時間内（17:00まで）', '防府テスト天満宮: -'])
    await wrapper.find('[data-testid="spot-filter-open-now"]').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query.open).toBe('1')
    expect(wrapper.findAll('[data-testid="spot-card"] .card__title').map((c) => c.text())).toEqual(['ミュージアムテスト'])
    expect(wrapper.find('[data-testid="open-now-note"]').text()).toContain('2件から')
    expect(wrapper.find('[data-testid="open-now-note"]').text()).toContain('臨時休業')
  })

  it('spot detail says whether it is open now by its published hours', async () => {
    await replaceSnapshot(await tourismSnapshot((body) => (body.spots[0]!.openingHours = { rules: [{ days: [0, 1, 2, 3, 4, 5, 6], times: [{ open: '09:00', close: '17:00' }] }], closed: [] })))
    const { wrapper } = await mountApp(SpotDetailPage, { path: `/spots/${katakanaSpot.id}`, props: { id: katakanaSpot.id } })
    expect(wrapper.find('[data-testid="open-status"]').text()).toBe('営業時間内（17:00まで）')
    expect(wrapper.text()).toContain('公開されている通常の営業時間による目安です')
  })

  it('detail shows facts, a tel: link, the https site, map and directions links', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(SpotDetailPage, { path: `/spots/${katakanaSpot.id}`, props: { id: katakanaSpot.id } })
    const text = wrapper.text()
    for (const s of ['9:00〜17:00', '大人300円', 'JR宇部新川駅から徒歩10分', 'あり（20台）', '車いす用トイレあり', '2024/4/1']) expect(text).toContain(s)
    expect(wrapper.find('a[href="tel:0836000000"]').exists()).toBe(true)
    expect(wrapper.find('a[href="https://example.jp/museum"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="spot-show-on-map"]').attributes('href')).toBe('/map?focus=spot:test-museum')
    expect(wrapper.find('[data-testid="spot-directions"]').attributes('href')).toBe('https://www.google.com/maps/dir/?api=1&destination=33.95,131.25')
  })
})

describe('favorites', () => {
  it('a favorite survives a snapshot swap and is shown as "no longer listed" when its record is gone', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(SpotDetailPage, { path: `/spots/${katakanaSpot.id}`, props: { id: katakanaSpot.id } })
    const heart = wrapper.find('[data-testid="favorite-button"]')
    expect(heart.attributes('aria-pressed')).toBe('false')
    expect(heart.attributes('aria-label')).toContain('ミュージアムテスト')
    await heart.trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="favorite-button"]').attributes('aria-pressed')).toBe('true'))
    await useFavoritesStore().toggle('route', 'test-route', { ja: '萩往還テストルート' })
    wrapper.unmount()

    // A new snapshot without the museum.
    await replaceSnapshot(await tourismSnapshot((body) => (body.spots = body.spots.filter((s) => s.id !== katakanaSpot.id))))
    expect((await listFavorites()).map((f) => f.key).sort()).toEqual(['route:test-route', 'spot:test-museum'])
    const saved = await mountApp(SavedPage, { path: '/saved' })
    const gone = saved.wrapper.find('[data-testid="saved-item-gone"]')
    expect(gone.text()).toContain('ミュージアムテスト')
    expect(gone.text()).toContain('掲載終了')
    const kept = saved.wrapper.find('[data-testid="saved-item"]')
    expect(kept.find('a').attributes('href')).toBe('/routes/test-route')
  })

  it('a saved place whose record was merged into another of the same name points to it; an unrelated gone place does not', async () => {
    await replaceSnapshot(await tourismSnapshot())
    await mountApp(SavedPage, { path: '/saved' })
    await useFavoritesStore().toggle('spot', 'pref-old-hall', { ja: 'テスト記念会館' })
    await useFavoritesStore().toggle('spot', 'gone-for-good', { ja: 'どこにもない館' })
    // The update keeps the city's record of the same hall, whose name adds the town in front.
    await replaceSnapshot(await tourismSnapshot((body) => body.spots.push({ id: 'city-hall-1', municipality: '35202', category: 'culture', name: { ja: '宇部市テスト記念会館' }, source: 'ube-kankospot', asOf: '2025-03-31' })))
    const { wrapper } = await mountApp(SavedPage, { path: '/saved' })
    const gone = wrapper.findAll('[data-testid="saved-item-gone"]')
    expect(gone).toHaveLength(2)
    const merged = gone.find((g) => g.text().includes('テスト記念会館'))!
    expect(merged.get('[data-testid="saved-successor"]').attributes('href')).toBe('/spots/city-hall-1')
    expect(merged.get('[data-testid="saved-successor"]').text()).toBe('同じ名前の場所が掲載されています： 宇部市テスト記念会館')
    expect(gone.find((g) => g.text().includes('どこにもない館'))!.find('[data-testid="saved-successor"]').exists()).toBe(false)
  })

  it('an old favourites file still opens: it adds what is missing, validated, and nothing else changes', async () => {
    await replaceSnapshot(await tourismSnapshot())
    await mountApp(SavedPage, { path: '/saved' })
    const favorites = useFavoritesStore()
    const user = useUserDataStore()
    await favorites.toggle('spot', katakanaSpot.id, katakanaSpot.name)
    // The favourites-only export of the first versions, as it was written.
    const old = { format: 'yume-kairo-favorites', version: 1, exportedAt: '2026-11-23T00:00:00.000Z', favorites: [
      { key: `spot:${katakanaSpot.id}`, kind: 'spot', id: katakanaSpot.id, name: { ja: 'べつの名前' }, addedAt: '2026-11-01T00:00:00.000Z' },
      { key: 'event:ev-today', kind: 'event', id: 'ev-today', name: { ja: '今日の朝市' }, addedAt: '2026-11-02T00:00:00.000Z' },
    ] }
    expect(await user.importFile(JSON.stringify(old))).toEqual({ ok: true, from: 'favorites', added: { stamps: 0, favorites: 1, settings: 0, savedAreas: 0 } })
    expect(favorites.items.map((f) => f.key).sort()).toEqual(['event:ev-today', `spot:${katakanaSpot.id}`])
    // The one already saved keeps its own name and time.
    expect(favorites.items.find((f) => f.id === katakanaSpot.id)!.name.ja).toBe(katakanaSpot.name.ja)

    const bad = structuredClone(old)
    bad.favorites[0]!.key = 'spot:other'
    expect(await user.importFile(JSON.stringify(bad))).toMatchObject({ ok: false, detail: expect.stringMatching(/favorite key must be kind:id/) })
    expect(await user.importFile('{"format":"x"}')).toMatchObject({ ok: false })
    expect(await user.importFile('not json')).toEqual({ ok: false, detail: 'not JSON' })
    expect(favorites.items).toHaveLength(2)
  })

  it('shows a clear message when an imported file is invalid', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(SavedPage, { path: '/saved' })
    const input = wrapper.find('[data-testid="backup-import"]')
    const file = new File(['{"format":"yume-kairo-favorites","version":1,"exportedAt":"2026-11-23T00:00:00.000Z","favorites":[{"key":"spot:a","kind":"castle","id":"a","name":{"ja":"x"},"addedAt":"2026-11-23T00:00:00.000Z"}]}'], 'f.json', { type: 'application/json' })
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="backup-message"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="backup-message"]').attributes('role')).toBe('alert')
    expect(wrapper.find('[data-testid="backup-message"]').text()).toContain('このファイルは読み込めません')
    expect(wrapper.find('[data-testid="backup-message"]').text()).toContain('favorites.0.kind')
  })
})

const eventNames = (wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], list = 'event-list') =>
  wrapper.findAll(`[data-testid="${list}"] [data-testid="event-card"]`).map((c) => c.text())

describe('events page (today is 2026-11-23 in Japan; the machine is in Los Angeles)', () => {
  it('lists upcoming events by default, never ended ones, and a rule-based date', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(EventsPage, { path: '/events' })
    const names = eventNames(wrapper)
    expect(names).toHaveLength(4)
    expect(names[0]).toContain('今日の朝市')
    expect(names.join()).toContain('11月第4土曜日の行事')
    expect(names.join()).toContain('2026年11月28日')
    expect(names.join()).not.toContain('過去のイベント')
    expect(wrapper.text()).toContain('掲載データの多くは過去のイベントです')
  })

  it.each([
    ['/events?when=today', ['今日の朝市']],
    ['/events?when=weekend', ['11月第4土曜日の行事', '週末の祭り']],
    ['/events?when=month', ['今日の朝市', '11月第4土曜日の行事', '週末の祭り']],
    ['/events?when=month&m=35204', ['週末の祭り']],
    ['/events?cat=culture', ['12月の音楽会']],
  ])('%s', async (path, expected) => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(EventsPage, { path })
    const names = eventNames(wrapper)
    expect(names).toHaveLength(expected.length)
    expected.forEach((name, i) => expect(names[i]).toContain(name))
  })

  it('fills in a longer list after its first cards, then the events without dates below it', async () => {
    const later = Array.from({ length: 6 }, (_, i) => ({ ...testEvents[4]!, id: `ev-dec-${i}`, name: { ja: `12月の行事${i}` }, dates: [{ start: `2026-12-${String(10 + i)}` }] }))
    const undated = Array.from({ length: 3 }, (_, i) => ({ ...testEvents[4]!, id: `ev-tba-${i}`, name: { ja: `日程未定の行事${i}` }, dates: [], dateNote: { ja: '日程は主催者にご確認ください' } }))
    await replaceSnapshot(await tourismSnapshot((body) => body.events.push(...later, ...undated)))
    const { wrapper } = await mountApp(EventsPage, { path: '/events' })
    await vi.waitUntil(() => wrapper.find('[data-testid="event-undated"]').attributes('aria-busy') === 'false')
    expect(wrapper.get('[data-testid="event-list"]').attributes('aria-busy')).toBe('false')
    expect(eventNames(wrapper)).toHaveLength(4 + later.length)
    expect(eventNames(wrapper, 'event-undated').map((n) => n.match(/日程未定の行事\d/)?.[0])).toEqual(['日程未定の行事0', '日程未定の行事1', '日程未定の行事2'])
  })

  it('says when nothing is upcoming under the filters and shows the most recent, marked ended', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(EventsPage, { path: '/events?m=35202' })
    expect(wrapper.find('[data-testid="events-none-upcoming"]').text()).toContain('これから開催されるイベントはありません')
    const recent = eventNames(wrapper, 'event-recent')
    expect(recent).toHaveLength(1)
    expect(recent[0]).toContain('終了')
    expect(recent[0]).toContain('過去のイベント')
  })

  it('keeps filters in the URL when they change', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper, router } = await mountApp(EventsPage, { path: '/events?when=month' })
    await wrapper.find('[data-testid="event-filter-municipality"]').setValue('35204')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ when: 'month', m: '35204' })
    expect(eventNames(wrapper)).toHaveLength(1)
  })

  it('shows a month calendar with the days that have events, and lists a chosen day', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper, router } = await mountApp(EventsPage, { path: '/events?view=calendar&month=2026-11' })
    const days = wrapper.findAll('[data-testid^="cal-day-"]').map((d) => d.attributes('data-testid'))
    expect(days).toEqual(['cal-day-2026-11-23', 'cal-day-2026-11-28', 'cal-day-2026-11-29'])
    expect(wrapper.find('[data-testid="cal-day-2026-11-28"]').attributes('aria-label')).toContain('2件')
    await wrapper.find('[data-testid="cal-day-2026-11-28"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ view: 'calendar', month: '2026-11', day: '2026-11-28' })
    expect(eventNames(wrapper)).toHaveLength(2)
  })
})

describe('event detail', () => {
  it('downloads an .ics with the time in UTC for Japan time', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const blobs: Blob[] = []
    const names: string[] = []
    URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:test'))
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download)
    })
    const { wrapper } = await mountApp(EventDetailPage, { path: '/events/ev-today', props: { id: 'ev-today' } })
    await wrapper.find('[data-testid="event-ics"]').trigger('click')
    // The calendar writer loads after the screen (useCalendarFile): the file follows the tap once it is there.
    await vi.waitFor(() => expect(names).toEqual(['ev-today-2026-11-23.ics']))
    expect(blobs[0]!.type).toBe('text/calendar')
    const ics = await blobs[0]!.text()
    expect(ics).toContain('BEGIN:VCALENDAR')
    expect(ics).toContain('SUMMARY:今日の朝市')
    expect(ics).toContain('DTSTART:20261122T220000Z')
    expect(ics).toContain('DTEND:20261123T020000Z')
    expect(ics).toContain('LOCATION:中央公園\\, 山口市')
    click.mockRestore()
  })

  it('says so when the calendar file cannot be made, instead of doing nothing; a second tap makes it', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const names: string[] = []
    URL.createObjectURL = vi.fn(() => 'blob:test')
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download)
    })
    const { wrapper } = await mountApp(EventDetailPage, { path: '/events/ev-today', props: { id: 'ev-today' } })
    const status = () => wrapper.get('[data-testid="event-share-status"]').text()
    expect(status()).toBe('')
    calendarWriter.failNext = true
    await wrapper.find('[data-testid="event-ics"]').trigger('click')
    await vi.waitFor(() => expect(status()).toBe('カレンダー用のファイルを作れませんでした。もう一度お試しください。続くときは、ページを再読み込みしてください。'))
    expect(names).toEqual([])
    await wrapper.find('[data-testid="event-ics"]').trigger('click')
    await vi.waitFor(() => expect(names).toEqual(['ev-today-2026-11-23.ics']))
    expect(status()).toBe('')
    click.mockRestore()
  })

  it('share falls back to copying the link, and says so', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const { wrapper } = await mountApp(EventDetailPage, { path: '/events/ev-weekend', props: { id: 'ev-weekend' } })
    await wrapper.find('[data-testid="event-share"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="event-share-status"]').text()).toBe('リンクをコピーしました。')
  })

  it('links the venue to the place\'s page when the data names it, and shows plain text otherwise', async () => {
    await replaceSnapshot(await tourismSnapshot((body) => {
      body.events = body.events.map((e) => (e.id === 'ev-next-month' ? { ...e, venue: { ja: '防府テスト天満宮' }, venueSpotId: 'test-shrine', sourceRef: 'event.csv NO 1; 会場の位置: 防府テスト天満宮 (test-shrine)' } : e))
    }))
    const { wrapper } = await mountApp(EventDetailPage, { path: '/events/ev-next-month', props: { id: 'ev-next-month' } })
    const link = wrapper.get('[data-testid="event-venue-link"]')
    expect(link.text()).toBe('防府テスト天満宮')
    expect(link.attributes('href')).toBe('/spots/test-shrine')
    // Where the record and its point come from is shown with the source.
    expect(wrapper.get('[data-testid="source-ref"]').text()).toBe('event.csv NO 1; 会場の位置: 防府テスト天満宮 (test-shrine)')

    const plain = await mountApp(EventDetailPage, { path: '/events/ev-today', props: { id: 'ev-today' } })
    expect(plain.wrapper.find('[data-testid="event-venue-link"]').exists()).toBe(false)
    expect(plain.wrapper.text()).toContain('中央公園')
    expect(plain.wrapper.find('[data-testid="source-ref"]').exists()).toBe(false)
  })

  it('marks an ended event', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(EventDetailPage, { path: '/events/ev-past', props: { id: 'ev-past' } })
    expect(wrapper.find('[data-testid="event-ended"]').text()).toContain('終了しています')
  })
})

describe('model route', () => {
  it('lists ordered stops with distances, a total, map link and start at stop 1', async () => {
    await replaceSnapshot(await tourismSnapshot())
    const { wrapper } = await mountApp(RouteDetailPage, { path: '/routes/test-route', props: { id: 'test-route' } })
    const stops = wrapper.findAll('[data-testid="route-stops"] > li')
    expect(stops.map((s) => s.find('.stops__name').text())).toEqual(['萩城跡テスト', '途中の峠', '防府テスト天満宮'])
    const legs = wrapper.findAll('[data-testid="route-leg"]').map((l) => l.text())
    expect(legs).toHaveLength(2)
    const [a, b, c] = useRecordsStore().routes[0]!.stops.map((s) => s.point) as [Point, Point, Point]
    expect(legs[0]).toBe(`↓ 次まで 約${formatDistance(distanceM(a, b), 'ja')}`)
    expect(legs[1]).toBe(`↓ 次まで 約${formatDistance(distanceM(b, c), 'ja')}`)
    expect(wrapper.find('[data-testid="route-total"]').text()).toContain(`全長 約${formatDistance(distanceM(a, b) + distanceM(b, c), 'ja')}`)
    expect(wrapper.find('[data-testid="route-show-on-map"]').attributes('href')).toBe('/map?route=test-route')
    expect(wrapper.find('[data-testid="route-start"]').attributes('href')).toBe('/spots/test-castle')
    expect(useRecordsStore().routes).toHaveLength(1)
  })
})

describe('place names in English', () => {
  it('a spot with no published English name shows the transliteration of its reading, marked as one; Japanese shows the Japanese', async () => {
    await replaceSnapshot(await tourismSnapshot((body) => (body.spots[0]!.name = { ja: '香山公園', latn: 'Kouzankouen' })))
    const en = await mountApp(SpotDetailPage, { locale: 'en', path: `/spots/${katakanaSpot.id}`, props: { id: katakanaSpot.id } })
    const h1 = en.wrapper.find('h1')
    expect(h1.text()).toBe('Kouzankouen')
    expect(h1.attributes('lang')).toBe('ja-Latn')
    expect(h1.attributes('title')).toBe('Japanese name in Latin letters (no English name is published)')
    expect(h1.attributes('data-transliteration')).toBeDefined()
    en.wrapper.unmount()
    const ja = await mountApp(SpotDetailPage, { locale: 'ja', path: `/spots/${katakanaSpot.id}`, props: { id: katakanaSpot.id } })
    expect(ja.wrapper.find('h1').text()).toBe('香山公園')
    expect(ja.wrapper.find('h1').attributes('lang')).toBe('ja')
  })

  it('a published English name wins over the transliteration', async () => {
    await replaceSnapshot(await tourismSnapshot((body) => (body.spots[0]!.name = { ja: '香山公園', en: 'Kozan Park', latn: 'Kouzankouen' })))
    const { wrapper } = await mountApp(SpotDetailPage, { locale: 'en', path: `/spots/${katakanaSpot.id}`, props: { id: katakanaSpot.id } })
    expect(wrapper.find('h1').text()).toBe('Kozan Park')
    expect(wrapper.find('h1').attributes('lang')).toBe('en')
  })
})
