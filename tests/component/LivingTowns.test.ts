import { loadCommittedSnapshot } from '../fixtures/snapshots'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import LivingComparePage from '@/pages/LivingComparePage.vue'
import LivingTownPage from '@/pages/LivingTownPage.vue'
import LivingTownsPage from '@/pages/LivingTownsPage.vue'
import { useLivingStore } from '@/stores/living'
import { livingSnapshot } from '../fixtures/living'
import { mountApp } from '../fixtures/mount-app'
import { freshDatabase } from '../fixtures/fresh-database'

beforeEach(freshDatabase)
afterEach(closeDb)

describe('town profiles', () => {
  it('lists the 7 towns with their 2020 population and change, each linking to its profile', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountApp(LivingTownsPage)
    const links = wrapper.findAll('[data-testid="town-list"] a')
    expect(links).toHaveLength(7)
    const yamaguchi = links.find((a) => a.attributes('href') === '/living/towns/35203')!
    expect(yamaguchi.text()).toContain('194,110人')
    expect(yamaguchi.text()).toContain('-1.3%')
  })

  it('萩市: population chart with a table alternative, schemes, consultation desk, upcoming migration events, spots and the map link', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountApp(LivingTownPage, { path: '/living/towns/35204', props: { code: '35204' } })
    useLivingStore().today = '2026-11-23'
    await flushPromises()
    const profile = wrapper.find('[data-testid="town-profile"]')
    expect(profile.find('h1').text()).toBe('萩市')
    const chart = profile.find('[data-testid="population-chart"]')
    expect(chart.find('svg title').text()).toBe('萩市の人口：2010年 53,747人、2020年 44,661人')
    expect(chart.findAll('[data-testid="population-table"] td').map((td) => td.text())).toEqual(['53,747人', '44,661人', '-16.9%'])
    expect(profile.findAll('[data-testid="scheme-card"]').map((c) => c.attributes('data-scheme-id'))).toEqual(['scheme-kosodate-app-35204', 'scheme-ijuu-soudan-35204'])
    expect(profile.text()).toContain('萩市 移住担当窓口')
    expect(profile.find('a[href="https://www.city.hagi.lg.jp/"]').exists()).toBe(true)
    expect(profile.find('[data-testid="mover-events"]').text()).toContain('萩市 移住相談会')
    expect(profile.find('[data-testid="mover-events"]').text()).not.toContain('終わった移住フェア')
    const hagiSpots = loadCommittedSnapshot().spots.filter((s) => s.municipality === '35204').length
    expect(profile.find('[data-testid="town-spots-count"]').text()).toBe(`${hagiSpots}件`)
    expect(profile.find('[data-testid="town-map-link"]').attributes('href')).toBe('/map?town=35204')
  })

  it('says when a town code is unknown', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountApp(LivingTownPage, { path: '/living/towns/99999', props: { code: '99999' } })
    expect(wrapper.find('h1').text()).toBe('この市町は見つかりませんでした。')
  })
})

describe('comparing towns', () => {
  it('shows two towns from the address side by side and allows at most three', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper, router } = await mountApp(LivingComparePage, { path: '/living/compare?towns=35203,35204', locale: 'en' })
    const table = wrapper.find('[data-testid="compare-table"]')
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['Item', 'Yamaguchi City', 'Hagi City'])
    expect(table.find('[data-row="census2020"]').findAll('td').map((td) => td.text())).toEqual(['194,110', '44,661'])
    expect(table.find('[data-row="change"]').findAll('td').map((td) => td.text())).toEqual(['-1.3%', '-16.9%'])
    expect(table.find('[data-row="schemes"]').findAll('td').map((td) => td.text())).toEqual(['2', '2'])
    const box = (code: string) => wrapper.find(`[data-testid="compare-picker"] input[value="${code}"]`)
    await box('35202').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query.towns).toBe('35203,35204,35202')
    expect(wrapper.findAll('[data-testid="compare-table"] thead th')).toHaveLength(4)
    expect((box('35206').element as HTMLInputElement).disabled).toBe(true)
    expect(wrapper.text()).toContain('You can compare up to three towns.')
    await box('35203').setValue(false)
    await box('35204').setValue(false)
    await flushPromises()
    expect(wrapper.find('[data-testid="compare-table"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Choose at least one more town.')
  })
})
