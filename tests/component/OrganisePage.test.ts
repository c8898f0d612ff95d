import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { readPrivateKeyFile } from '@/domain/rally-organiser'
import OrganisePage from '@/pages/OrganisePage.vue'
import { useOrganiserStore } from '@/stores/organiser'
import { mountApp } from '../fixtures/mount-app'
import { loadCommittedSnapshot } from '../fixtures/snapshots'
import { freshDatabase } from '../fixtures/fresh-database'

const downloads: Array<{ name: string; text: string }> = []
beforeEach(async () => {
  await freshDatabase()
  await replaceSnapshot(loadCommittedSnapshot())
  downloads.length = 0
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:x')
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, text: '' })
  })
})
afterEach(async () => {
  vi.restoreAllMocks()
  await closeDb()
})

async function fill(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], testId: string, value: string) {
  await wrapper.get(`[data-testid="${testId}"]`).setValue(value)
}

describe('the organiser screen', () => {
  it('says what is missing before it exports, in plain words', async () => {
    const { wrapper } = await mountApp(OrganisePage, { path: '/organise' })
    await wrapper.get('[data-testid="org-export"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="org-problems"]').exists()).toBe(true))
    const text = wrapper.get('[data-testid="org-problems"]').text()
    expect(text).toMatch(/id/)
    expect(text).toMatch(/at least one checkpoint/)
    expect(downloads).toEqual([])
  })

  it('a filled-in rally with two places exports; the key is saved once and opens only with its passphrase', async () => {
    const { wrapper } = await mountApp(OrganisePage, { path: '/organise' })
    await fill(wrapper, 'org-id', 'comp-org')
    await fill(wrapper, 'org-name', 'コンポーネントのラリー')
    await fill(wrapper, 'org-description', '説明')
    await fill(wrapper, 'org-start', '2026-12-01')
    await fill(wrapper, 'org-reward', '記念品')
    await fill(wrapper, 'org-organiser', 'テスト実行委員会')
    for (const q of ['国宝瑠璃光寺五重塔', '防府天満宮']) {
      await fill(wrapper, 'org-spot-search', q)
      await wrapper.get('[data-testid="org-add-spot"]').trigger('click')
    }
    expect(wrapper.findAll('[data-testid="org-checkpoint"]')).toHaveLength(2)
    // A point that is not in the data: inside a town it is taken with that town, outside it is refused.
    await fill(wrapper, 'org-point-name', '海の上')
    await fill(wrapper, 'org-point-lat', '34.6')
    await fill(wrapper, 'org-point-lng', '131.0')
    await wrapper.get('[data-testid="org-add-point"]').trigger('click')
    expect(wrapper.get('[data-testid="org-point-problem"]').text()).toContain('7市町の区域の外')
    await fill(wrapper, 'org-point-name', 'テスト地点（美祢市）')
    await fill(wrapper, 'org-point-lat', '34.2279')
    await fill(wrapper, 'org-point-lng', '131.3033')
    await wrapper.get('[data-testid="org-add-point"]').trigger('click')
    expect(wrapper.findAll('[data-testid="org-checkpoint"]')).toHaveLength(3)
    expect(useOrganiserStore().definition.rally.checkpoints[2]).toMatchObject({ municipality: '35213', name: { ja: 'テスト地点（美祢市）' } })
    await wrapper.get('[data-testid="org-new-key"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="org-keys"]').text()).toContain('1'))
    const store = useOrganiserStore()
    const sealed = await store.keyFile('秘密の言葉')
    expect((await readPrivateKeyFile(sealed, 'ちがう言葉')).ok).toBe(false)
    expect((await readPrivateKeyFile(sealed, '秘密の言葉')).ok).toBe(true)
    await wrapper.get('[data-testid="org-export"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="org-exported"]').exists()).toBe(true))
    expect(downloads.map((d) => d.name)).toEqual(['comp-org.json'])
    const file = await store.exportFile()
    if (!file.ok) throw new Error(file.problems.join())
    // Open it again to edit: the same rally comes back.
    store.draft.nameJa = '変更'
    expect(await store.importFile(file.text)).toEqual({ ok: true })
    await flushPromises()
    expect(store.draft.nameJa).toBe('コンポーネントのラリー')
    expect(store.definition.rally.checkpoints.map((c) => c.qrId)).toEqual(['comp-org-1', 'comp-org-2', 'comp-org-3'])
  })
})
