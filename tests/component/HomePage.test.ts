import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { closeDb, DB_NAME } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import ja from '@/locales/ja.json'
import en from '@/locales/en.json'
import HomePage from '@/pages/HomePage.vue'
import { useSnapshotStore } from '@/stores/snapshot'
import { useRecordsStore } from '@/stores/records'
import { loadCommittedSnapshot } from '../fixtures/snapshots'

async function mountHome(locale: 'ja' | 'en') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createI18n({ legacy: false, locale, messages: { ja, en } })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: HomePage }, { path: '/spots/:id', component: HomePage }, { path: '/about', component: HomePage }] })
  await router.push('/')
  const offline = (async () => {
    throw new TypeError('offline')
  }) as typeof fetch
  await useSnapshotStore().init(offline)
  await useRecordsStore().load()
  const wrapper = mount(HomePage, { global: { plugins: [pinia, i18n, router] } })
  await flushPromises()
  return wrapper
}

beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
})
afterEach(closeDb)

describe('HomePage', () => {
  it('lists the spots stored in IndexedDB, each linking to its detail page', async () => {
    const snapshot = loadCommittedSnapshot()
    await replaceSnapshot(snapshot)
    const wrapper = await mountHome('ja')
    const cards = wrapper.findAll('[data-testid="spot-card"]')
    expect(cards).toHaveLength(snapshot.spots.length)
    expect(cards.map((c) => c.find('.card__title').text()).sort()).toEqual(snapshot.spots.map((s) => s.name.ja).sort())
    expect(cards[0]!.attributes('href')).toMatch(/^\/spots\//)
    expect(wrapper.text()).toContain('データ更新日')
  })

  it('shows English names in English, and marks Japanese fallbacks with lang="ja"', async () => {
    const snapshot = loadCommittedSnapshot()
    await replaceSnapshot(snapshot)
    const wrapper = await mountHome('en')
    const titles = wrapper.findAll('.card__title')
    const withEnglish = snapshot.spots.find((s) => s.name.en)!
    const title = titles.find((t) => t.text() === withEnglish.name.en)
    expect(title?.attributes('lang')).toBe('en')
    expect(wrapper.text()).toContain('Places to visit')
  })

  it('says there is nothing to show when no data is stored and the network is unreachable', async () => {
    const wrapper = await mountHome('ja')
    expect(wrapper.findAll('[data-testid="spot-card"]')).toHaveLength(0)
    expect(useSnapshotStore().problem).toBe('offline')
    expect(wrapper.text()).toContain('表示できるスポットがありません')
  })
})
