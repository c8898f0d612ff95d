/**
 * My trip on screen: a trip of several days (a day added after the last, a day removed), reordering
 * with the keyboard alternative to dragging, a suggested order with or without the first stop kept,
 * each day's map link, a first-version one-day trip still opening, and "add to my trip" from a
 * record's page (to a chosen day, never twice, or a new trip). Japanese and English.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { putSetting } from '@/data/repositories/user-repo'
import { SETTING } from '@/domain/storage-keys'
import type { Trip } from '@/domain/trip-file'
import SpotDetailPage from '@/pages/SpotDetailPage.vue'
import TripPage from '@/pages/TripPage.vue'
import { useTripsStore } from '@/stores/trips'
import { mountApp } from '../fixtures/mount-app'
import { katakanaSpot, otherSpots, tourismSnapshot } from '../fixtures/tourism'
import { freshDatabase } from '../fixtures/fresh-database'

const [castle, shrine] = otherSpots as [(typeof otherSpots)[0], (typeof otherSpots)[1]]
const stop = (s: { id: string; name: { ja: string; en?: string }; point?: { lat: number; lng: number } }) => ({ key: `spot:${s.id}`, name: s.name, point: s.point, stay: 60 })
const trip: Trip = {
  id: 'trip-test',
  title: '萩と宇部',
  updatedAt: '2026-12-01T00:00:00.000Z',
  days: [
    // Ube → Hagi → Hōfu: Hōfu is nearer Ube than Hagi is, so a shorter order exists.
    { date: '2026-12-05', start: '09:00', mode: 'car', stops: [stop(katakanaSpot), stop(castle), stop(shrine)] },
    { date: '2026-12-06', start: '10:00', mode: 'walk', stops: [stop(castle)] },
  ],
}
const keys = (wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], day = 0) => wrapper.findAll('[data-testid="trip-day"]')[day]!.findAll('[data-testid="trip-stop"]').map((li) => li.attributes('data-key'))
const stored = () => useTripsStore().byId('trip-test')!

beforeEach(async () => {
  await freshDatabase()
  await replaceSnapshot(await tourismSnapshot())
  await putSetting(SETTING.trips, JSON.stringify([trip]))
})
afterEach(() => closeDb())

describe('a trip of several days', () => {
  it('shows every day under its own heading, and adds a day after the last one, which is kept', async () => {
    const { wrapper } = await mountApp(TripPage, { path: '/trips/trip-test', props: { id: 'trip-test' } })
    expect(wrapper.findAll('[data-testid="trip-day"] h2').map((h) => h.text())).toEqual(['1日目 · 2026年12月5日(土)', '2日目 · 2026年12月6日(日)'])
    await wrapper.get('[data-testid="trip-add-day"]').trigger('click')
    await vi.waitFor(() => expect(stored().days.map((d) => d.date)).toEqual(['2026-12-05', '2026-12-06', '2026-12-07']))
    expect(wrapper.findAll('[data-testid="trip-day"]')).toHaveLength(3)
    await wrapper.findAll('[data-testid="trip-day-remove"]')[1]!.trigger('click')
    await vi.waitFor(() => expect(stored().days.map((d) => d.date)).toEqual(['2026-12-05', '2026-12-07']))
  })

  it('moves a stop with its buttons and says where it went; each day links to its line on the map', async () => {
    const { wrapper } = await mountApp(TripPage, { path: '/trips/trip-test', props: { id: 'trip-test' } })
    const day1 = wrapper.findAll('[data-testid="trip-day"]')[0]!
    await day1.get(`button[aria-label="「${castle.name.ja}」を後ろへ"]`).trigger('click')
    expect(keys(wrapper)).toEqual([`spot:${katakanaSpot.id}`, `spot:${shrine.id}`, `spot:${castle.id}`])
    expect(day1.get('[role="status"]').text()).toBe(`「${castle.name.ja}」を3番目にしました。`)
    await vi.waitFor(() => expect(stored().days[0]!.stops[2]!.key).toBe(`spot:${castle.id}`))
    expect(wrapper.findAll('[data-testid="trip-day-map"]').map((a) => a.attributes('href'))).toEqual(['/map?trip=trip-test&day=1', '/map?trip=trip-test&day=2'])
  })

  it('suggests a shorter order, keeping the first place first unless the person lets it move', async () => {
    const { wrapper } = await mountApp(TripPage, { path: '/trips/trip-test', props: { id: 'trip-test' } })
    const day1 = () => wrapper.findAll('[data-testid="trip-day"]')[0]!
    await day1().get('[data-testid="trip-suggest"]').trigger('click')
    expect(keys(wrapper)).toEqual([`spot:${katakanaSpot.id}`, `spot:${shrine.id}`, `spot:${castle.id}`])
    await day1().get('[data-testid="trip-keep-first"]').setValue(false)
    // From Hagi, Hōfu and then Ube is as long as Ube, Hōfu, Hagi: the order stays one of the two shortest.
    await day1().get('[data-testid="trip-suggest"]').trigger('click')
    const order = keys(wrapper)
    expect(order[1]).toBe(`spot:${shrine.id}`)
    expect(day1().get('[role="status"]').text()).toContain('最初の場所も含めて')
  })

  it('opens a one-day trip stored by the first version', async () => {
    await putSetting(SETTING.trips, JSON.stringify([{ id: 'trip-test', title: '前の形', date: '2026-12-05', start: '09:00', mode: 'walk', stops: [stop(castle)], updatedAt: trip.updatedAt }]))
    const { wrapper } = await mountApp(TripPage, { path: '/trips/trip-test', props: { id: 'trip-test' } })
    expect(wrapper.get('h1').text()).toBe('前の形')
    expect(keys(wrapper)).toEqual([`spot:${castle.id}`])
  })

  it('in English', async () => {
    const { wrapper } = await mountApp(TripPage, { path: '/trips/trip-test', props: { id: 'trip-test' }, locale: 'en' })
    expect(wrapper.findAll('[data-testid="trip-day"] h2')[1]!.text()).toMatch(/^Day 2 · /)
    expect(wrapper.get('[data-testid="trip-add-day"]').text()).toBe('Add a day')
  })
})

describe('add to my trip from a record’s page', () => {
  it('adds the place at the end of the chosen day, says so, and never twice', async () => {
    const { wrapper } = await mountApp(SpotDetailPage, { path: `/spots/${katakanaSpot.id}`, props: { id: katakanaSpot.id } })
    await wrapper.get('[data-testid="add-to-trip"]').trigger('click')
    const options = wrapper.findAll('[data-testid="add-to-trip-day"]')
    expect(options.map((o) => o.element.closest('label')!.textContent!.trim())).toEqual(['萩と宇部 · 1日目（2026/12/5）', '萩と宇部 · 2日目（2026/12/6）'])
    await options[1]!.setValue(true)
    await wrapper.get('[data-testid="add-to-trip-confirm"]').trigger('click')
    await vi.waitFor(() => wrapper.get('[data-testid="add-to-trip-result"]'))
    expect(wrapper.get('[data-testid="add-to-trip-result"]').text()).toContain('「萩と宇部」の2日目に追加しました。')
    expect(stored().days[1]!.stops.map((s) => s.key)).toEqual([`spot:${castle.id}`, `spot:${katakanaSpot.id}`])
    await wrapper.get('[data-testid="add-to-trip"]').trigger('click')
    await wrapper.findAll('[data-testid="add-to-trip-day"]')[1]!.setValue(true)
    await wrapper.get('[data-testid="add-to-trip-confirm"]').trigger('click')
    await vi.waitFor(() => wrapper.get('[data-testid="add-to-trip-result"]'))
    expect(wrapper.get('[data-testid="add-to-trip-result"]').text()).toContain('もう入っています')
    expect(stored().days[1]!.stops).toHaveLength(2)
  })

  it('or starts a new trip with it', async () => {
    const { wrapper } = await mountApp(SpotDetailPage, { path: `/spots/${castle.id}`, props: { id: castle.id }, locale: 'en' })
    await wrapper.get('[data-testid="add-to-trip"]').trigger('click')
    await wrapper.get('[data-testid="add-to-trip-new"]').setValue(true)
    await wrapper.get('[data-testid="add-to-trip-confirm"]').trigger('click')
    await vi.waitFor(() => wrapper.get('[data-testid="add-to-trip-result"]'))
    const created = useTripsStore().trips.find((t) => t.id !== 'trip-test')!
    expect(created.title).toBe('Test Hagi Castle')
    expect(created.days[0]!.stops.map((s) => s.key)).toEqual([`spot:${castle.id}`])
    expect(wrapper.get('[data-testid="add-to-trip-result"]').text()).toContain('Added to day 1 of “Test Hagi Castle”.')
  })
})
