/**
 * /spots with a prerendered first screen (domain/first-screen): the first places of the list as the page was built,
 * with the lines still to come (whether a place is open now, the count) kept empty, until the stored places replace
 * them without moving what is already on screen.
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { firstScreenJson, type FirstScreen } from '@/domain/first-screen'
import { firstScreenOf } from '@/domain/first-screen-pick'
import SpotsPage from '@/pages/SpotsPage.vue'
import { useSnapshotStore } from '@/stores/snapshot'
import { mountFirstScreen, offlineFetch } from '../fixtures/mount-app'
import { TODAY_INSTANT, tourismSnapshot } from '../fixtures/tourism'
import { freshDatabase } from '../fixtures/fresh-database'

const HOURS = { rules: [{ days: [0, 1, 2, 3, 4, 5, 6], times: [{ open: '09:00', close: '17:00' }] }], closed: [] }

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(TODAY_INSTANT) })
  await freshDatabase()
})
afterEach(async () => {
  vi.useRealTimers()
  await closeDb()
})

const mountSpots = (path: string, screen: FirstScreen | null) => mountFirstScreen(SpotsPage, path, screen)

describe('/spots: a prerendered first screen', () => {
  it('shows the first places in the list order, keeps the lines still to come, and hands over to the stored places', async () => {
    const data = await tourismSnapshot((body) => (body.spots[0]!.openingHours = HOURS))
    const screen = JSON.parse(firstScreenJson(firstScreenOf('/spots', data)!))
    const { wrapper } = await mountSpots('/spots', screen)
    const cards = () => wrapper.findAll('[data-testid="spot-card"]')
    const lines = () => cards().map((c) => c.findAll('.card__meta').length)
    // In the list's own order (by reading, names without one after), the same as once the data is read.
    expect(cards().map((c) => c.find('.card__title').text())).toEqual(['萩城跡テスト', 'ミュージアムテスト', '防府テスト天満宮'])
    expect(wrapper.get('[data-testid="spot-list"]').attributes('aria-busy')).toBe('true')
    // The museum has hours: its "open now" line is there, empty; nobody is told it is open or closed yet.
    expect(lines()).toEqual([1, 2, 1])
    expect(wrapper.find('[data-testid="open-status"]').exists()).toBe(false)
    const count = wrapper.get('p[role="status"].card__meta')
    expect(count.text()).toBe('')
    expect(count.element.textContent).toBe('\u00a0')

    await replaceSnapshot(data)
    await useSnapshotStore().init(offlineFetch)
    await flushPromises()
    expect(cards().map((c) => c.find('.card__title').text())).toEqual(['萩城跡テスト', 'ミュージアムテスト', '防府テスト天満宮'])
    // The same number of lines per card: nothing under them moved.
    expect(lines()).toEqual([1, 2, 1])
    expect(wrapper.get('[data-testid="open-status"]').text()).toBe('営業時間内（17:00まで）')
    expect(wrapper.get('p[role="status"].card__meta').text()).toBe('3件')
    expect(wrapper.get('[data-testid="spot-list"]').attributes('aria-busy')).toBe('false')
  })

  it("is only the list without filters: a filter, or Home's first screen, shows no places before the stored ones", async () => {
    const data = await tourismSnapshot()
    const spotsScreen = firstScreenOf('/spots', data)!
    // A filter applied before the data is read (the URL says so): the built, unfiltered places would be wrong.
    const filtered = await mountSpots('/spots', spotsScreen)
    await filtered.router.replace({ query: { cat: 'culture' } })
    await flushPromises()
    expect(filtered.wrapper.findAll('[data-testid="spot-card"]')).toHaveLength(0)
    filtered.wrapper.unmount()
    // Opened from Home while Home's first screen is up: Home's places are not this list.
    const fromHome = await mountSpots('/spots', firstScreenOf('/', data))
    expect(fromHome.wrapper.findAll('[data-testid="spot-card"]')).toHaveLength(0)
    // The stored places, once read, are the list.
    await replaceSnapshot(data)
    await useSnapshotStore().init(offlineFetch)
    await flushPromises()
    expect(fromHome.wrapper.findAll('[data-testid="spot-card"]')).toHaveLength(3)
  })
})
