import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import LivingPage from '@/pages/LivingPage.vue'
import { listFavorites } from '@/data/repositories/user-repo'
import { recordPath } from '@/domain/favorite-keys'
import { useLivingStore } from '@/stores/living'
import { livingSchemes, livingSnapshot } from '../fixtures/living'
import { mountApp } from '../fixtures/mount-app'
import { freshDatabase } from '../fixtures/fresh-database'

beforeEach(freshDatabase)
afterEach(closeDb)

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']
const shown = (wrapper: Wrapper) => wrapper.findAll('[data-testid="scheme-card"]').map((c) => c.attributes('data-scheme-id'))

/** The list renders its first cards at once and the rest a slice at a time: wait until it says it is complete. */
async function mountComplete(...args: Parameters<typeof mountApp>) {
  const mounted = await mountApp(...args)
  await listComplete(mounted.wrapper)
  return mounted
}
const listComplete = (wrapper: Wrapper) => vi.waitUntil(() => wrapper.find('[data-testid="scheme-list"]').attributes('aria-busy') === 'false')

describe('LivingPage: the schemes browser', () => {
  it('fills in the cards after the first ones and says when the list is complete (the count says all at once)', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountApp(LivingPage)
    expect(wrapper.get('[data-testid="scheme-count"]').text()).toBe(`${livingSchemes.length}件の制度`)
    await listComplete(wrapper)
    expect(shown(wrapper)).toHaveLength(livingSchemes.length)
  })

  it('every scheme card has a heart; a saved scheme is stored and its Saved link leads back to its card', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountComplete(LivingPage, { path: '/living' })
    const cards = wrapper.findAll('[data-testid="scheme-card"]')
    expect(cards.every((c) => c.find('[data-testid="favorite-button"]').exists())).toBe(true)
    const first = cards[0]!
    await first.get('[data-testid="favorite-button"]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    expect(first.get('[data-testid="favorite-button"]').attributes('aria-pressed')).toBe('true')
    const id = first.attributes('data-scheme-id')!
    expect((await listFavorites()).map((f) => f.key)).toEqual([`scheme:${id}`])
    expect(first.attributes('id')).toBe(`scheme-${id}`)
    expect(recordPath('scheme', id)).toBe(`/living#scheme-${id}`)
  })

  it('lists every scheme with who it is for, what it gives, how to apply, contact, source, as-of date and the note to confirm', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountComplete(LivingPage)
    expect(shown(wrapper)).toEqual(['scheme-otameshi-kurashi', 'scheme-kigyo-homon-bus', 'scheme-jigyo-shokei', 'scheme-kosodate-app-35203', 'scheme-kosodate-app-35204', 'scheme-yamaguchi-library', 'scheme-ijuu-soudan-35204'])
    const card = wrapper.find('[data-scheme-id="scheme-otameshi-kurashi"]')
    expect(card.text()).toContain('圏域への移住定住を考えている方')
    expect(card.text()).toContain('出典に記載がありません') // no amount invented
    expect(card.text()).toContain('お住まい予定の市町の移住担当窓口')
    expect(card.text()).toContain('2019/11/25')
    expect(card.text()).toContain('必ず問い合わせ先にご確認ください')
    const desk = wrapper.find('[data-scheme-id="scheme-ijuu-soudan-35204"]')
    expect(desk.find('a[href="mailto:ijuu@example.jp"]').exists()).toBe(true)
    expect(wrapper.find('[data-scheme-id="scheme-yamaguchi-library"] a[href="https://lib.city.yamaguchi.lg.jp/"]').exists()).toBe(true)
  })

  it('filters by town (and region-wide), category and audience, and clears the filters', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountComplete(LivingPage)
    const filters = wrapper.find('[data-testid="scheme-filters"]')
    await filters.find('select[name="town"]').setValue('35204')
    expect(shown(wrapper)).toEqual(['scheme-kosodate-app-35204', 'scheme-ijuu-soudan-35204'])
    expect(wrapper.find('[data-testid="scheme-count"]').text()).toBe('2件の制度')
    await filters.find('select[name="category"]').setValue('childcare')
    expect(shown(wrapper)).toEqual(['scheme-kosodate-app-35204'])
    await filters.find('select[name="town"]').setValue('region')
    expect(shown(wrapper)).toEqual([])
    await filters.find('select[name="category"]').setValue('all')
    expect(shown(wrapper)).toEqual(['scheme-otameshi-kurashi', 'scheme-kigyo-homon-bus', 'scheme-jigyo-shokei'])
    await filters.find('select[name="audience"]').setValue('students')
    expect(shown(wrapper)).toEqual(['scheme-kigyo-homon-bus'])
    await filters.find('button').trigger('click')
    expect(shown(wrapper)).toHaveLength(livingSchemes.length)
  })

  it('opens already filtered to region-wide schemes from a town profile link', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountComplete(LivingPage, { path: '/living?town=region' })
    expect(shown(wrapper)).toEqual(['scheme-otameshi-kurashi', 'scheme-kigyo-homon-bus', 'scheme-jigyo-shokei'])
  })

  it('lists upcoming events for movers with an add-to-calendar button, in English too', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountApp(LivingPage, { locale: 'en' })
    useLivingStore().today = '2026-11-23'
    await flushPromises()
    const events = wrapper.find('[data-testid="mover-events"]')
    expect(events.findAll('.card__title').map((t) => t.text())).toEqual(['Hagi migration consultation day', 'Yamaguchi Central Area migration fair'])
    expect(events.find('button').attributes('aria-label')).toBe('Add Hagi migration consultation day to calendar')
    expect(wrapper.find('[data-testid="scheme-filters"] legend').text()).toBe('Filter schemes')
  })
})
