import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import type { Snapshot } from '@/domain/snapshot-schema'
import { firstScreenOf } from '@/domain/first-screen-pick'
import MapPage from '@/pages/MapPage.vue'
import { useSnapshotStore } from '@/stores/snapshot'
import { useLocationStore } from '@/stores/location'
import { mountApp, mountFirstScreen, offlineFetch } from '../fixtures/mount-app'
import { variantSnapshot } from '../fixtures/snapshots'
import { freshDatabase } from '../fixtures/fresh-database'

// Leaflet needs a real canvas (jsdom has none): the map itself is covered by tests/e2e/map.e2e.mjs.
// This stand-in renders one button per marker it is given, like a tap on the canvas.
vi.mock('@/components/map/MapView.vue', () => ({
  default: defineComponent({
    props: { markers: { type: Array, required: true }, municipalities: { type: Array, default: () => [] }, town: { type: String, default: null }, route: { type: Object, default: null }, position: { type: Object, default: null } },
    emits: ['selectMarker', 'selectTown'],
    setup(props, { emit, expose }) {
      expose({ view: () => ({ bbox: { south: 34.17, north: 34.19, west: 131.46, east: 131.49 }, zoom: 14 }), panTo: () => undefined, invalidateSize: () => undefined })
      return () => h('div', { 'data-testid': 'map-view' }, (props.markers as Array<{ key: string }>).map((m) => h('button', { class: 'fake-marker', 'data-key': m.key, onClick: () => emit('selectMarker', m.key) })))
    },
  }),
}))

let snapshot: Snapshot

beforeEach(async () => {
  await freshDatabase()
  snapshot = await variantSnapshot((body) => {
    // Only this test's events and rally: the committed data's own are not what these tests are about.
    body.events = []
    body.rallies = []
    body.events.push({ id: 'ev-soon', municipality: '35204', category: 'festival', name: { ja: '萩の祭り', en: 'Hagi festival' }, dates: [{ start: '2099-05-01' }], point: { lat: 34.41, lng: 131.4 }, source: 'ube-event', asOf: '2026-03-31' })
    body.events.push({ id: 'ev-over', municipality: '35204', category: 'festival', name: { ja: '終わった祭り' }, dates: [{ start: '2001-05-01' }], point: { lat: 34.41, lng: 131.4 }, source: 'ube-event', asOf: '2026-03-31' })
    body.rallies.push({
      id: 'rally-1', name: { ja: '防府めぐり' }, description: { ja: '説明' }, period: { start: '2026-11-01' }, reward: { rule: { type: 'all' }, text: { ja: '記念品' }, handover: 'counter' },
      checkpoints: [{ id: 'cp-1', name: { ja: '防府天満宮前' }, municipality: '35206', point: { lat: 34.06, lng: 131.57 }, radiusM: 100, qrId: 'qr-1' }], keys: [], source: 'ube-event', asOf: '2026-03-31',
    })
  })
  await replaceSnapshot(snapshot)
})
afterEach(closeDb)

const spotsWithPoint = () => snapshot.spots.filter((s) => s.point)

describe('MapPage', () => {
  it('offers every marker in the list view: spots, upcoming events (not past ones) and rally checkpoints, each linking to its page', async () => {
    const { wrapper } = await mountApp(MapPage, { path: '/map' })
    await wrapper.get('[data-testid="view-list"]').trigger('click')
    const items = wrapper.findAll('[data-testid="map-list-item"]')
    expect(items.map((i) => i.attributes('data-key')).sort()).toEqual([...spotsWithPoint().map((s) => `spot:${s.id}`), 'event:ev-soon', 'checkpoint:rally-1/cp-1'].sort())
    const links = items.map((i) => i.get('a').attributes('href'))
    expect(links).toContain('/events/ev-soon')
    expect(links).toContain('/rally/rally-1')
    expect(links).toContain(`/spots/${spotsWithPoint()[0]!.id}`)
    expect(wrapper.text()).not.toContain('終わった祭り')
  })

  it('filters to a town from its button and puts it in the URL (?town=)', async () => {
    const { wrapper, router } = await mountApp(MapPage, { path: '/map' })
    expect(wrapper.findAll('[data-testid="municipality-list"] li')).toHaveLength(7)
    await wrapper.get('[data-town="35204"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.town).toBe('35204')
    expect(wrapper.get('[data-town="35204"]').attributes('aria-pressed')).toBe('true')
    const keys = wrapper.findAll('.fake-marker').map((b) => b.attributes('data-key'))
    expect(keys.length).toBeGreaterThan(0)
    const hagi = new Set([...snapshot.spots.filter((s) => s.municipality === '35204').map((s) => `spot:${s.id}`), 'event:ev-soon'])
    expect(keys.every((k) => hagi.has(k!))).toBe(true)
    expect(wrapper.get('[data-testid="town-selected"]').text()).toContain('萩市')
  })

  it('before the data is read, the town buttons of the prerendered page already pick a town, which the map then shows', async () => {
    const { wrapper, router } = await mountFirstScreen(MapPage, '/map', firstScreenOf('/map', snapshot))
    expect(wrapper.findAll('[data-testid="municipality-list"] button').map((b) => b.text())).toEqual(['山口市', '宇部市', '萩市', '防府市', '美祢市', '山陽小野田市', '津和野町'])
    await wrapper.get('[data-town="35204"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.town).toBe('35204')
    expect(wrapper.get('[data-town="35204"]').attributes('aria-pressed')).toBe('true')
    // A second tap lets the town go again.
    await wrapper.get('[data-town="35204"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.town).toBeUndefined()
    await wrapper.get('[data-town="35204"]').trigger('click')
    await flushPromises()
    await replaceSnapshot(snapshot)
    await useSnapshotStore().init(offlineFetch)
    await flushPromises()
    expect(wrapper.get('[data-testid="town-selected"]').text()).toContain('萩市')
    expect(wrapper.findAll('.fake-marker').length).toBeGreaterThan(0)
  })

  it('opens at a linked town', async () => {
    const { wrapper } = await mountApp(MapPage, { path: '/map?town=35206' })
    expect(wrapper.findAll('.fake-marker').map((b) => b.attributes('data-key'))).toContain('checkpoint:rally-1/cp-1')
    expect(wrapper.findAll('.fake-marker').every((b) => b.attributes('data-key') !== 'event:ev-soon')).toBe(true)
  })

  it('filters by kind and category', async () => {
    const { wrapper } = await mountApp(MapPage, { path: '/map' })
    const spot = wrapper.get('input[data-kind="spot"]')
    ;(spot.element as HTMLInputElement).checked = false
    await spot.trigger('change')
    expect(wrapper.findAll('.fake-marker').map((b) => b.attributes('data-key')).sort()).toEqual(['checkpoint:rally-1/cp-1', 'event:ev-soon'])
    await wrapper.get('[data-testid="category-filter"]').setValue('festival')
    expect(wrapper.findAll('.fake-marker').map((b) => b.attributes('data-key'))).toEqual(['event:ev-soon'])
  })

  it('a tapped marker opens a sheet with its summary and a link to its detail page', async () => {
    const { wrapper } = await mountApp(MapPage, { path: '/map', locale: 'en' })
    await wrapper.get('[data-key="event:ev-soon"]').trigger('click')
    const sheet = wrapper.get('[data-testid="map-sheet"]')
    expect(sheet.text()).toContain('Hagi festival')
    expect(sheet.text()).toContain('Upcoming events')
    expect(sheet.text()).toContain('Next date')
    expect(sheet.get('[data-testid="map-sheet-link"]').attributes('href')).toBe('/events/ev-soon')
    await sheet.get('[data-testid="map-sheet-close"]').trigger('click')
    expect(wrapper.find('[data-testid="map-sheet"]').exists()).toBe(false)
  })

  it('sorts the list by distance once located, and shows the distances', async () => {
    const { wrapper } = await mountApp(MapPage, { path: '/map' })
    useLocationStore().position = { lat: 34.0595, lng: 131.569, accuracy: 20, timestamp: 0 }
    await wrapper.get('[data-testid="view-list"]').trigger('click')
    const items = wrapper.findAll('[data-testid="map-list-item"]')
    expect(items[0]!.attributes('data-key')).toBe('checkpoint:rally-1/cp-1')
    expect(items[0]!.get('[data-testid="map-list-distance"]').text()).toMatch(/m|km/)
    expect(wrapper.get('[data-testid="located"]').text()).toContain('近い順')
  })

  it('explains how to allow location when it is denied', async () => {
    const { wrapper } = await mountApp(MapPage, { path: '/map' })
    useLocationStore().status = 'denied'
    await flushPromises()
    expect(wrapper.get('[data-testid="location-help"]').text()).toContain('iPhone')
  })

  it('shows the number of tiles and the size before saving an area, within the hard limit', async () => {
    const { wrapper } = await mountApp(MapPage, { path: '/map', locale: 'en' })
    await wrapper.get('[data-testid="save-area-open"]').trigger('click')
    const summary = wrapper.get('[data-testid="save-area-summary"]').text()
    expect(summary).toMatch(/^\d+ map tiles \(about [\d.]+ MB\), zoom 14–16$/)
    expect(Number(summary.split(' ')[0])).toBeLessThanOrEqual(500)
  })

  it('names the towns in English in English', async () => {
    const { wrapper } = await mountApp(MapPage, { path: '/map', locale: 'en' })
    const names = wrapper.findAll('[data-testid="municipality-list"] button').map((b) => b.text())
    expect(names).toContain('Hagi City')
    expect(wrapper.text()).toContain('Filters')
  })

  it('a tapped spot with published hours says whether it is open now (Tuesday 24 Nov 2026, 12:00 in Japan)', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-24T03:00:00Z'), toFake: ['Date'] })
    try {
      const spot = spotsWithPoint()[0]!
      snapshot = await variantSnapshot((body) => {
        body.spots = body.spots.filter((s) => s.id === spot.id).map((s) => ({ ...s, openingHours: { rules: [{ days: [0, 1, 2, 3, 4, 5, 6], times: [{ open: '09:00', close: '17:00' }] }], closed: [] } }))
        body.events = []
        body.rallies = [snapshot.rallies[0]!]
      })
      await replaceSnapshot(snapshot)
      const { wrapper } = await mountApp(MapPage, { path: '/map' })
      await wrapper.get(`[data-key="spot:${spot.id}"]`).trigger('click')
      expect(wrapper.get('[data-testid="map-sheet"] [data-testid="open-status"]').text()).toBe('営業時間内（17:00まで）')
      // Markers without published hours (here: every other kind) say nothing about it.
      await wrapper.get('[data-testid="map-sheet-close"]').trigger('click')
      await wrapper.get('[data-key="checkpoint:rally-1/cp-1"]').trigger('click')
      expect(wrapper.find('[data-testid="map-sheet"] [data-testid="open-status"]').exists()).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })
})
