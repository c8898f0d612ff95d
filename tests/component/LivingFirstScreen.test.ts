/**
 * /living with a prerendered first screen (domain/first-screen): the filters, the count and the first schemes as the
 * page was built, until the stored schemes replace them card for card and the rest of the list fills in.
 */
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { firstScreenJson, FIRST_SCHEMES } from '@/domain/first-screen'
import { firstScreenOf } from '@/domain/first-screen-pick'
import LivingPage from '@/pages/LivingPage.vue'
import { useLivingStore } from '@/stores/living'
import { useSnapshotStore } from '@/stores/snapshot'
import { livingSchemes, livingSnapshot } from '../fixtures/living'
import { mountFirstScreen, offlineFetch } from '../fixtures/mount-app'
import { freshDatabase } from '../fixtures/fresh-database'

beforeEach(freshDatabase)
afterEach(closeDb)

describe('/living: a prerendered first screen', () => {
  it('shows the filters, the count and the first schemes, then hands over to the stored ones card for card', async () => {
    const data = await livingSnapshot()
    const screen = JSON.parse(firstScreenJson(firstScreenOf('/living', data)!))
    const { wrapper } = await mountFirstScreen(LivingPage, '/living', screen)
    const ids = () => wrapper.findAll('[data-testid="scheme-card"]').map((c) => c.attributes('data-scheme-id'))
    const list = () => wrapper.get('[data-testid="scheme-list"]')
    // The browser's own order (by category, region-wide first), the same as once the data is read.
    expect(ids()).toEqual(['scheme-otameshi-kurashi', 'scheme-kigyo-homon-bus'])
    expect(wrapper.get('[data-testid="scheme-count"]').text()).toBe(`${livingSchemes.length}件の制度`)
    expect(list().attributes('aria-busy')).toBe('true')
    const first = wrapper.get('[data-scheme-id="scheme-otameshi-kurashi"]')
    // What the card names from other records: its source's title (the town is region-wide here), and a town's name in the filter.
    expect(first.text()).toContain(data.sources.find((s) => s.id === 'seed-000-progress')!.title.ja)
    expect(wrapper.findAll('select[name="town"] option').map((o) => o.text())).toContain('萩市')

    await replaceSnapshot(data)
    await useSnapshotStore().init(offlineFetch)
    await flushPromises()
    // The same card element: replaced in place, nothing on screen rebuilt or moved.
    expect(wrapper.get('[data-scheme-id="scheme-otameshi-kurashi"]').element).toBe(first.element)
    await vi.waitUntil(() => list().attributes('aria-busy') === 'false')
    expect(ids()).toHaveLength(livingSchemes.length)
    expect(ids().slice(0, FIRST_SCHEMES)).toEqual(['scheme-otameshi-kurashi', 'scheme-kigyo-homon-bus'])
  })

  it('under a filter chosen before the data is read, shows no built schemes and no count until the stored ones', async () => {
    const data = await livingSnapshot()
    const { wrapper } = await mountFirstScreen(LivingPage, '/living', firstScreenOf('/living', data))
    useLivingStore().category = 'childcare'
    await flushPromises()
    expect(wrapper.findAll('[data-testid="scheme-card"]')).toHaveLength(0)
    expect(wrapper.get('[data-testid="scheme-count"]').text()).toBe('')
    // Still waiting for the stored schemes, and it says so.
    expect(wrapper.get('[data-testid="scheme-list"]').attributes('aria-busy')).toBe('true')
    await replaceSnapshot(data)
    await useSnapshotStore().init(offlineFetch)
    await flushPromises()
    expect(wrapper.findAll('[data-testid="scheme-card"]').map((c) => c.attributes('data-scheme-id'))).toEqual(['scheme-kosodate-app-35203', 'scheme-kosodate-app-35204'])
    expect(wrapper.get('[data-testid="scheme-count"]').text()).toBe('2件の制度')
  })
})
