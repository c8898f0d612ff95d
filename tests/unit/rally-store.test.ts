import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb, DB_NAME } from '@/data/db'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { listStamps } from '@/data/repositories/user-repo'
import { signRallyCode } from '@/domain/rally-codes'
import { useRallyStore } from '@/stores/rally'
import { useRecordsStore } from '@/stores/records'
import { useUserDataStore } from '@/stores/user-data'
import { makeKey, POINTS, testRally, tokyoNoon, type TestKey } from '../fixtures/rally'
import { variantSnapshot } from '../fixtures/snapshots'

const now = tokyoNoon('2026-11-23')
const clock = () => now
let key: TestKey

async function setup() {
  key = await makeKey('k1')
  await replaceSnapshot(await variantSnapshot((body) => body.rallies.push(testRally([key]))))
  setActivePinia(createPinia())
  await useRecordsStore().load()
  return useRallyStore()
}

function mockPosition(point: { lat: number; lng: number }, accuracy = 10, timestamp = Date.now()) {
  const getCurrentPosition = vi.fn((ok: PositionCallback, _error?: PositionErrorCallback, _options?: PositionOptions) => ok({ coords: { latitude: point.lat, longitude: point.lng, accuracy }, timestamp } as GeolocationPosition))
  Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true })
  return getCurrentPosition
}

const code = (checkpointRef: string, k = key) => signRallyCode({ rallyId: 'test-rally', checkpointRef, validFrom: '2026-11-01', validUntil: '2026-11-30', kid: k.kid }, k.privateKey)

beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
})
afterEach(async () => {
  vi.useRealTimers()
  await closeDb()
})

describe('rally store', () => {
  it('a typed code stamps once; replaying it adds no second stamp', async () => {
    const store = await setup()
    const text = await code('qr-a')
    const first = await store.checkInByCode(text, 'code', { clock })
    expect(first).toMatchObject({ ok: true, added: true })
    const again = await store.checkInByCode(text, 'qr', { clock })
    expect(again).toMatchObject({ ok: true, added: false })
    const stored = await listStamps()
    expect(stored).toHaveLength(1)
    expect(stored[0]).toEqual({ key: 'test-rally/cp-a', rallyId: 'test-rally', checkpointId: 'cp-a', at: new Date(now).toISOString(), method: 'code' })
    expect(store.progressOf(store.rallyById.get('test-rally')!)).toMatchObject({ collected: 1, total: 3 })
  })

  it('a forged code stores nothing', async () => {
    const store = await setup()
    const forger = await makeKey('k1')
    expect(await store.checkInByCode(await code('qr-a', forger), 'code', { clock })).toEqual({ ok: false, reason: 'code', code: 'bad-signature' })
    expect(await listStamps()).toEqual([])
  })

  it('location check-in near the checkpoint stores only checkpoint, time and method — never the position', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now })
    const store = await setup()
    const locate = mockPosition({ lat: POINTS.a.lat + 0.0002, lng: POINTS.a.lng })
    const rally = store.rallyById.get('test-rally')!
    const result = await store.checkInByLocation(rally, rally.checkpoints[0]!)
    expect(result).toMatchObject({ ok: true, added: true })
    expect(locate.mock.calls[0]![2]).toMatchObject({ maximumAge: 0 })
    const [stamp] = await listStamps()
    expect(Object.keys(stamp!).sort()).toEqual(['at', 'checkpointId', 'key', 'method', 'rallyId'])
    expect(JSON.stringify(stamp)).not.toContain(String(POINTS.a.lat).slice(0, 6))
    expect(stamp!.method).toBe('gps')
  })

  it('location check-in far away is refused with the distance still to go, and stores nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now })
    const store = await setup()
    mockPosition(POINTS.b)
    const rally = store.rallyById.get('test-rally')!
    const result = await store.checkInByLocation(rally, rally.checkpoints[0]!)
    expect(result).toMatchObject({ ok: false, reason: 'too-far' })
    if (!result.ok && result.reason === 'too-far') expect(result.remainingM).toBeGreaterThan(800)
    expect(await listStamps()).toEqual([])
  })

  it('stamps stay when a newer snapshot drops the rally, and are listed as no longer listed', async () => {
    const store = await setup()
    await store.checkInByCode(await code('qr-b'), 'code', { clock })
    await replaceSnapshot(await variantSnapshot(() => undefined))
    await useRecordsStore().load()
    await store.load()
    expect(await listStamps()).toHaveLength(1)
    expect(store.rallyById.has('test-rally')).toBe(false)
    expect(store.orphanRallyIds).toEqual(['test-rally'])
  })
})

describe('backup: export, then import merges without losing a stamp', () => {
  it('round trip onto a device that has other stamps keeps both, never overwrites, and refuses invalid files', async () => {
    const store = await setup()
    await store.checkInByCode(await code('qr-a'), 'code', { clock })
    await store.checkInByCode(await code('qr-b'), 'code', { clock })
    const backup = await useUserDataStore().exportBackup()
    const file = JSON.stringify(backup)

    // "New phone": empty database with one stamp of its own, for cp-b at another time.
    await closeDb()
    indexedDB.deleteDatabase(DB_NAME)
    const phone = await setup()
    await phone.checkInByCode(await code('qr-c'), 'code', { clock: () => now + 1000 })
    await phone.checkInByCode(await code('qr-b'), 'qr', { clock: () => now + 2000 })

    const user = useUserDataStore()
    const result = await user.importFile(file)
    expect(result).toEqual({ ok: true, from: 'backup', added: { stamps: 1, favorites: 0, settings: 0, savedAreas: 0 } })
    const stamps = (await listStamps()).sort((a, b) => a.key.localeCompare(b.key))
    expect(stamps.map((s) => [s.checkpointId, s.method])).toEqual([
      ['cp-a', 'code'],
      ['cp-b', 'qr'],
      ['cp-c', 'code'],
    ])
    expect(phone.progressOf(phone.rallyById.get('test-rally')!).complete).toBe(true)

    expect(await user.importFile('{"kind":"yume-kairo-user-data","version":1,"exportedAt":"2026-11-23T00:00:00Z","stamps":[{"key":"x","rallyId":"a","checkpointId":"b","at":"2026-11-23T00:00:00Z","method":"gps"}],"favorites":[],"settings":[]}')).toMatchObject({ ok: false, detail: expect.stringContaining('stamps.0') })
    expect(await user.importFile('not json')).toMatchObject({ ok: false })
    expect(await listStamps()).toHaveLength(3)
  })
})

describe("Home's \"continue your rally\" uses the one meaning of progress", () => {
  it('a 3-of-28 rally is in progress at 2 stamps and no longer once its reward is earned at 3', async () => {
    key = await makeKey('k1')
    const base = testRally([key])
    const many = Array.from({ length: 28 }, (_, i) => ({ ...base.checkpoints[i % 3]!, id: `cp-${i}`, qrId: `qr-${i}` }))
    await replaceSnapshot(await variantSnapshot((body) => body.rallies.push({ ...base, reward: { ...base.reward, rule: { type: 'any', count: 3 } }, checkpoints: many })))
    setActivePinia(createPinia())
    await useRecordsStore().load()
    const store = useRallyStore()
    for (const ref of ['qr-0', 'qr-1']) expect(await store.checkInByCode(await code(ref), 'code', { clock })).toMatchObject({ ok: true, added: true })
    expect(store.inProgress).toMatchObject({ got: 2, needed: 3, total: 28 })
    expect(await store.checkInByCode(await code('qr-2'), 'code', { clock })).toMatchObject({ ok: true, added: true })
    expect(store.progressOf(store.rallyById.get('test-rally')!).complete).toBe(true)
    expect(store.inProgress).toBeNull()
  })
})

describe('a checkpoint that takes only one way of checking in', () => {
  it('a code for a GPS-only checkpoint is refused with the reason, and so is GPS at a QR-only one; nothing is stamped', async () => {
    key = await makeKey('k1')
    const base = testRally([key])
    const [a, b] = base.checkpoints
    await replaceSnapshot(await variantSnapshot((body) => body.rallies.push({ ...base, checkpoints: [{ ...a!, methods: ['gps'] }, { ...b!, methods: ['qr'] }] })))
    setActivePinia(createPinia())
    await useRecordsStore().load()
    const store = useRallyStore()
    expect(await store.checkInByCode(await code('qr-a'), 'code', { clock })).toEqual({ ok: false, reason: 'method', method: 'qr' })
    mockPosition(POINTS.b)
    const rally = store.rallyById.get('test-rally')!
    expect(await store.checkInByLocation(rally, rally.checkpoints[1]!, clock)).toEqual({ ok: false, reason: 'method', method: 'gps' })
    expect(await listStamps()).toEqual([])
    expect(await store.checkInByCode(await code('qr-b'), 'code', { clock })).toMatchObject({ ok: true, added: true })
  })
})
