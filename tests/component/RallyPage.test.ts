import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { addStamp } from '@/data/repositories/user-repo'
import RallyDetailPage from '@/pages/RallyDetailPage.vue'
import RallyPage from '@/pages/RallyPage.vue'
import { useLocationStore } from '@/stores/location'
import { useRecordsStore } from '@/stores/records'
import { useSnapshotStore } from '@/stores/snapshot'
import { useUserDataStore } from '@/stores/user-data'
import { makeKey, POINTS, testRally } from '../fixtures/rally'
import { appPlugins, mountApp, offlineFetch } from '../fixtures/mount-app'
import { variantSnapshot } from '../fixtures/snapshots'
import { freshDatabase } from '../fixtures/fresh-database'

beforeEach(freshDatabase)
afterEach(closeDb)

describe('RallyPage', () => {
  it('lists rallies with their progress, and keeps showing stamps of a rally the snapshot no longer lists', async () => {
    await replaceSnapshot(await variantSnapshot((body) => (body.rallies = [testRally([])])))
    await addStamp({ key: 'test-rally/cp-a', rallyId: 'test-rally', checkpointId: 'cp-a', at: '2026-11-02T01:00:00.000Z', method: 'gps' })
    await addStamp({ key: 'old-rally/cp-9', rallyId: 'old-rally', checkpointId: 'cp-9', at: '2025-11-02T01:00:00.000Z', method: 'qr' })
    const { wrapper } = await mountApp(RallyPage)
    const card = wrapper.get('[data-testid="rally-card"]')
    expect(card.text()).toContain('テストめぐりスタンプラリー')
    expect(card.get('[data-testid="rally-progress"]').text()).toBe('スタンプ 1 / 3')
    const orphan = wrapper.get('[data-testid="orphan-rally"]')
    expect(orphan.text()).toContain('old-rally')
    expect(orphan.text()).toContain('cp-9')
    expect(orphan.text()).toContain('最新のデータには掲載されていません')
  })

  it("until the person's stamps are read, a rally's progress says so instead of showing 0", async () => {
    await replaceSnapshot(await variantSnapshot((body) => (body.rallies = [testRally([])])))
    await addStamp({ key: 'test-rally/cp-a', rallyId: 'test-rally', checkpointId: 'cp-a', at: '2026-11-02T01:00:00.000Z', method: 'gps' })
    const { pinia, i18n, router } = await appPlugins('ja', '/rally/test-rally')
    await useSnapshotStore().init(offlineFetch)
    await useRecordsStore().load()
    const plugins = [pinia, i18n, router]
    // Checked right after mounting: the pages start reading the person's data then, and it takes a moment.
    const list = mount(RallyPage, { global: { plugins } })
    const detail = mount(RallyDetailPage, { props: { id: 'test-rally' }, global: { plugins } })
    const card = () => list.get('[data-testid="rally-progress"]')
    const summary = () => detail.get('[data-testid="rally-progress"]')
    expect(card().text()).toBe('スタンプ – / 3')
    expect(card().attributes('aria-busy')).toBe('true')
    expect(summary().text()).toBe('スタンプ – / 3')
    expect(summary().attributes('aria-busy')).toBe('true')
    expect(summary().get('progress').attributes('value')).toBeUndefined()

    await vi.waitFor(() => expect(card().text()).toBe('スタンプ 1 / 3')) // the read the pages began
    expect(card().attributes('aria-busy')).toBeUndefined()
    expect(summary().text()).toBe('スタンプ 1 / 3')
    expect(summary().attributes('aria-busy')).toBeUndefined()
    expect(summary().get('progress').attributes('value')).toBe('1')

    // Reading them failed: no count either, and nothing left busy.
    useUserDataStore().failed = true
    await flushPromises()
    expect(card().text()).toBe('スタンプ – / 3')
    expect(card().attributes('aria-busy')).toBeUndefined()
    expect(summary().text()).toBe('スタンプ – / 3')
    list.unmount()
    detail.unmount()
  })

  it('a rally without a signing key offers no code entry and says how to check in; with a key it does', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T03:00:00Z'), toFake: ['Date'] })
    try {
      await replaceSnapshot(await variantSnapshot((body) => (body.rallies = [testRally([])])))
      const { wrapper } = await mountApp(RallyDetailPage, { path: '/rally/test-rally', props: { id: 'test-rally' } })
      expect(wrapper.find('[data-testid="code-input"]').exists()).toBe(false)
      expect(wrapper.get('[data-testid="rally-gps-only"]').text()).toContain('このラリーはQRコードを使いません')
      expect(wrapper.findAll('[data-testid="checkin-gps"]')).toHaveLength(3)
      wrapper.unmount()

      const key = await makeKey('k1')
      const base = testRally([key])
      await replaceSnapshot(await variantSnapshot((body) => (body.rallies = [{ ...base, checkpoints: base.checkpoints.map((c, i) => (i === 0 ? { ...c, methods: ['qr' as const] } : c)) }])))
      const keyed = await mountApp(RallyDetailPage, { path: '/rally/test-rally', props: { id: 'test-rally' } })
      expect(keyed.wrapper.find('[data-testid="code-input"]').exists()).toBe(true)
      expect(keyed.wrapper.find('[data-testid="rally-gps-only"]').exists()).toBe(false)
      // The QR-only checkpoint has no GPS button and says to scan the sign.
      expect(keyed.wrapper.findAll('[data-testid="checkin-gps"]')).toHaveLength(2)
      expect(keyed.wrapper.get('[data-checkpoint="cp-a"] [data-testid="checkpoint-qr-only"]').text()).toContain('QRコード')
    } finally {
      vi.useRealTimers()
    }
  })

  it('the rally page shows the reward rule, handover, checkpoints and a map link per checkpoint (English)', async () => {
    await replaceSnapshot(await variantSnapshot((body) => (body.rallies = [testRally([], { reward: { rule: { type: 'any', count: 2 }, text: { ja: '記念品', en: 'A souvenir' }, handover: 'counter' } })])))
    const { wrapper } = await mountApp(RallyDetailPage, { locale: 'en', path: '/rally/test-rally', props: { id: 'test-rally' } })
    expect(wrapper.get('h1').text()).toBe('Test tour stamp rally')
    expect(wrapper.text()).toContain('Reward: collect 2 stamps')
    expect(wrapper.text()).toContain('show the completion screen at the counter')
    expect(wrapper.findAll('[data-testid="checkpoint"]')).toHaveLength(3)
    expect(wrapper.findAll('a').map((a) => a.attributes('href'))).toContain('/map?rally=test-rally&checkpoint=cp-b')
  })

  it('names each checkpoint\'s town; "Nearest first" sorts from a fresh position and later fixes do not reorder', async () => {
    await replaceSnapshot(await variantSnapshot((body) => (body.rallies = [testRally([])])))
    let fix = POINTS.c
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (ok: PositionCallback) => ok({ coords: { latitude: fix.lat, longitude: fix.lng, accuracy: 10 }, timestamp: Date.now() } as GeolocationPosition) },
    })
    const { wrapper, pinia } = await mountApp(RallyDetailPage, { locale: 'en', path: '/rally/test-rally', props: { id: 'test-rally' } })
    const names = () => wrapper.findAll('[data-testid="checkpoint"] .card__title').map((n) => n.text())
    const pressed = () => [wrapper.get('[data-testid="order-rally"]').attributes('aria-pressed'), wrapper.get('[data-testid="order-nearest"]').attributes('aria-pressed')]
    expect(names()).toEqual(['Checkpoint A', 'Checkpoint B', 'Checkpoint C'])
    expect(pressed()).toEqual(['true', 'false'])
    expect(wrapper.findAll('[data-testid="checkpoint-town"]').map((n) => n.text())).toEqual(['Yamaguchi City', 'Yamaguchi City', 'Yamaguchi City'])
    expect(wrapper.get('[data-testid="checkpoints-nearest"]').attributes('role')).toBe('status')

    // An old position (at A) from another page shows distances but keeps the rally's order…
    useLocationStore(pinia).position = { ...POINTS.a, accuracy: 10, timestamp: Date.now() - 3_600_000 }
    await flushPromises()
    expect(names()).toEqual(['Checkpoint A', 'Checkpoint B', 'Checkpoint C'])
    expect(wrapper.get('[data-testid="checkpoint-state"]').text()).toContain('from you')
    expect(wrapper.get('[data-testid="checkpoints-nearest"]').text()).toBe('')

    // …and "Nearest first" asks for a new one (at C): sorted from C, not from the old A.
    await wrapper.get('[data-testid="order-nearest"]').trigger('click')
    await flushPromises()
    expect(names()).toEqual(['Checkpoint C', 'Checkpoint A', 'Checkpoint B'])
    expect(pressed()).toEqual(['false', 'true'])
    expect(wrapper.get('[data-testid="checkpoints-nearest"]').text()).toContain('Nearest first from where you were')

    // The person walks to B: a new fix changes the distances, not the order under their finger.
    fix = POINTS.b
    await useLocationStore(pinia).locate()
    await flushPromises()
    expect(names()).toEqual(['Checkpoint C', 'Checkpoint A', 'Checkpoint B'])

    await wrapper.get('[data-testid="order-rally"]').trigger('click')
    await flushPromises()
    expect(names()).toEqual(['Checkpoint A', 'Checkpoint B', 'Checkpoint C'])
    expect(pressed()).toEqual(['true', 'false'])
    expect(wrapper.get('[data-testid="checkpoints-nearest"]').text()).toBe('')
  })

  it('"Rally order" pressed while the position is still coming: the late position does not re-sort the list', async () => {
    await replaceSnapshot(await variantSnapshot((body) => (body.rallies = [testRally([])])))
    let answer: (() => void) | undefined
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (ok: PositionCallback) => (answer = () => ok({ coords: { latitude: POINTS.c.lat, longitude: POINTS.c.lng, accuracy: 10 }, timestamp: Date.now() } as GeolocationPosition)) },
    })
    const { wrapper } = await mountApp(RallyDetailPage, { locale: 'en', path: '/rally/test-rally', props: { id: 'test-rally' } })
    const names = () => wrapper.findAll('[data-testid="checkpoint"] .card__title').map((n) => n.text())
    await wrapper.get('[data-testid="order-nearest"]').trigger('click')
    expect(wrapper.get('[data-testid="order-nearest"]').attributes('aria-busy')).toBe('true')
    await wrapper.get('[data-testid="order-rally"]').trigger('click')
    answer!()
    await flushPromises()
    expect(names()).toEqual(['Checkpoint A', 'Checkpoint B', 'Checkpoint C'])
    expect(wrapper.get('[data-testid="checkpoints-nearest"]').text()).toBe('')
  })
})
