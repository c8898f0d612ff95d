import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, DB_NAME } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import HomePage from '@/pages/HomePage.vue'
import { useSnapshotStore } from '@/stores/snapshot'
import { loadCommittedSnapshot } from '../fixtures/snapshots'
import { mountApp } from '../fixtures/mount-app'

beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
})
afterEach(closeDb)

describe('HomePage', () => {
  it('lists the spots stored in IndexedDB, each linking to its detail page', async () => {
    const snapshot = loadCommittedSnapshot()
    await replaceSnapshot(snapshot)
    const { wrapper } = await mountApp(HomePage)
    const cards = wrapper.findAll('[data-testid="spot-card"]')
    expect(cards).toHaveLength(snapshot.spots.length)
    expect(cards.map((c) => c.find('.card__title').text()).sort()).toEqual(snapshot.spots.map((s) => s.name.ja).sort())
    expect(cards[0]!.attributes('href')).toMatch(/^\/spots\//)
    expect(wrapper.text()).toContain('データ更新日')
  }, 30_000) // the full snapshot has several hundred spots; mounting them all in jsdom takes a few seconds

  it('shows English names in English, and marks Japanese fallbacks with lang="ja"', async () => {
    const snapshot = loadCommittedSnapshot()
    await replaceSnapshot(snapshot)
    const { wrapper } = await mountApp(HomePage, { locale: 'en' })
    const withEnglish = snapshot.spots.find((s) => s.name.en)!
    const title = wrapper.findAll('.card__title').find((t) => t.text() === withEnglish.name.en)
    expect(title?.attributes('lang')).toBe('en')
    expect(wrapper.text()).toContain('Places to visit')
  }, 30_000)

  it('says there is nothing to show when no data is stored and the network is unreachable', async () => {
    const { wrapper } = await mountApp(HomePage)
    expect(wrapper.findAll('[data-testid="spot-card"]')).toHaveLength(0)
    expect(useSnapshotStore().problem).toBe('offline')
    expect(wrapper.text()).toContain('表示できるスポットがありません')
  })
})
