import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { addStamp, putFavorite, putSavedArea } from '@/data/repositories/user-repo'
import MyDataPage from '@/pages/MyDataPage.vue'
import { mountApp } from '../fixtures/mount-app'
import { loadCommittedSnapshot } from '../fixtures/snapshots'
import { freshDatabase } from '../fixtures/fresh-database'

beforeEach(async () => {
  await freshDatabase()
  await replaceSnapshot(loadCommittedSnapshot())
  await addStamp({ key: 'r/cp-1', rallyId: 'r', checkpointId: 'cp-1', at: '2026-11-20T00:00:00.000Z', method: 'gps' })
  await addStamp({ key: 'r/cp-2', rallyId: 'r', checkpointId: 'cp-2', at: '2026-11-21T00:00:00.000Z', method: 'qr' })
  await putFavorite({ key: 'spot:a', kind: 'spot', id: 'a', name: { ja: 'A' }, addedAt: '2026-11-20T00:00:00.000Z' })
  await putSavedArea({ id: 'area-x', name: '', bbox: { south: 34, west: 131, north: 34.1, east: 131.1 }, minZoom: 14, maxZoom: 16, count: 9, saved: 9, savedAt: '2026-11-20T00:00:00.000Z' })
})
afterEach(async () => {
  Reflect.deleteProperty(navigator, 'storage')
  await closeDb()
})

const storage = (persisted: boolean) =>
  Object.defineProperty(navigator, 'storage', { value: { persisted: async () => persisted, persist: async () => persisted, estimate: async () => ({ usage: 2_500_000, quota: 1_000_000_000 }) }, configurable: true })

describe('your data on this device', () => {
  it('says what is stored, with counts, that the browser does not protect it, the usage, and that no backup was made', async () => {
    storage(false)
    const { wrapper } = await mountApp(MyDataPage, { path: '/my-data' })
    await vi.waitFor(() => expect(wrapper.get('[data-testid="mydata-persist"]').attributes('data-state')).toBe('not-granted'))
    expect(wrapper.get('[data-testid="mydata-stamps"]').text()).toBe('スタンプ2件')
    expect(wrapper.get('[data-testid="mydata-favorites"]').text()).toBe('お気に入り1件')
    expect(wrapper.get('[data-testid="mydata-savedAreas"]').text()).toBe('保存した地図の範囲1件')
    expect(wrapper.get('[data-testid="mydata-persist"]').text()).toContain('保護していません')
    expect(wrapper.get('[data-testid="mydata-usage"]').text()).toMatch(/約2\.5\s?MB/)
    expect(wrapper.get('[data-testid="mydata-last-backup"]').text()).toBe('まだバックアップしていません。')
    expect(wrapper.find('[data-testid="backup-export"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="transfer-send"]').exists()).toBe(true)
  })

  it('in English, when the browser protects the data', async () => {
    storage(true)
    const { wrapper } = await mountApp(MyDataPage, { path: '/my-data', locale: 'en' })
    await vi.waitFor(() => expect(wrapper.get('[data-testid="mydata-persist"]').attributes('data-state')).toBe('granted'))
    expect(wrapper.get('h1').text()).toBe('Your data on this device')
    expect(wrapper.get('[data-testid="mydata-persist"]').text()).toContain('The browser protects this data')
    expect(wrapper.get('[data-testid="mydata-stamps"]').text()).toBe('Stamps2')
  })
})
