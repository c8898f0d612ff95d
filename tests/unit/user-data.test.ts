/**
 * The person's data spine (issue 16): one file format read from every version, every write failing
 * loudly under quota and in read-only mode, a backup round trip with saved areas, and a connection
 * the system closed reopened without losing the write.
 */
import { forceCloseDatabase } from 'fake-indexeddb'
import { unwrap } from 'idb'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb, DB_NAME, getDb, onStorageError, StorageWriteError } from '@/data/db'
import * as repo from '@/data/repositories/user-repo'
import { SETTING } from '@/domain/storage-keys'
import { stampsSinceBackup, toBackup, type Favorite, type SavedArea, type Stamp } from '@/domain/user-data'
import { readUserFile } from '@/domain/user-data-file'
import { useUserDataStore } from '@/stores/user-data'

const stamp: Stamp = { key: 'r1/cp-1', rallyId: 'r1', checkpointId: 'cp-1', at: '2026-11-20T01:00:00.000Z', method: 'gps' }
const favorite: Favorite = { key: 'spot:s1', kind: 'spot', id: 's1', name: { ja: '瑠璃光寺五重塔', en: 'Rurikoji Pagoda' }, addedAt: '2026-11-19T00:00:00.000Z' }
const area: SavedArea = { id: 'area-abc-1', name: '', bbox: { south: 34.17, west: 131.46, north: 34.19, east: 131.49 }, minZoom: 14, maxZoom: 16, count: 30, saved: 30, savedAt: '2026-11-18T00:00:00.000Z' }
const backup = (over: object = {}) => ({ ...toBackup({ stamps: [stamp], favorites: [favorite], settings: [{ key: 'locale', value: 'en' }], savedAreas: [area] }, new Date('2026-11-21T00:00:00Z')), ...over })

beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
  setActivePinia(createPinia())
})
afterEach(async () => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  await closeDb()
})

describe('one reader for every file the app wrote', () => {
  it('reads the current backup with saved areas', () => {
    const r = readUserFile(JSON.stringify(backup()))
    expect(r).toMatchObject({ ok: true, from: 'backup', data: { stamps: [stamp], favorites: [favorite], savedAreas: [area] } })
  })
  it('reads the first backup (version 1, no saved areas)', () => {
    const v1 = { kind: 'yume-kairo-user-data', version: 1, exportedAt: '2026-04-01T00:00:00Z', stamps: [stamp], favorites: [favorite], settings: [{ key: 'locale', value: 'en' }] }
    expect(readUserFile(JSON.stringify(v1))).toMatchObject({ ok: true, from: 'backup-v1', data: { version: 2, stamps: [stamp], savedAreas: [] } })
  })
  it('reads the old favourites-only file', () => {
    const old = { format: 'yume-kairo-favorites', version: 1, exportedAt: '2026-04-01T00:00:00.000Z', favorites: [favorite] }
    expect(readUserFile(JSON.stringify(old))).toMatchObject({ ok: true, from: 'favorites', data: { favorites: [favorite], stamps: [] } })
  })
  it.each([
    ['not JSON', 'nope', /not JSON/],
    ['too large', ' '.repeat(5 * 1024 * 1024 + 1), /too large/],
    ['a stamp whose key does not match', JSON.stringify(backup({ stamps: [{ ...stamp, key: 'x' }] })), /stamps\.0: stamp key must be rallyId\/checkpointId/],
    ['an area with its bounds swapped', JSON.stringify(backup({ savedAreas: [{ ...area, bbox: { ...area.bbox, south: 35 } }] })), /savedAreas\.0/],
    ['a newer version', JSON.stringify(backup({ version: 3 })), /version/],
    ['something else', '{"kind":"other"}', /kind/],
  ])('refuses %s with the first problem', (_what, text, detail) => {
    const r = readUserFile(text)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.detail).toMatch(detail)
  })
  it('a device’s own settings never go into a backup', () => {
    const b = toBackup({ stamps: [], favorites: [], settings: [{ key: 'locale', value: 'en' }, { key: SETTING.lastBackupAt, value: 'x' }], savedAreas: [] })
    expect(b.settings).toEqual([{ key: 'locale', value: 'en' }])
  })
  it('counts the stamps collected since the last backup', () => {
    expect(stampsSinceBackup([stamp, { ...stamp, key: 'r1/cp-2', at: '2026-11-22T00:00:00Z' }], '2026-11-21T00:00:00Z')).toBe(1)
    expect(stampsSinceBackup([stamp], null)).toBe(1)
  })
})

describe('backup round trip', () => {
  it('backup → the database deleted → restore gives back stamps, favourites, settings and saved areas', async () => {
    const user = useUserDataStore()
    await user.ensureLoaded()
    await user.addStamp(stamp)
    await user.saveFavorite(favorite)
    await user.saveArea(area)
    await user.setSetting('locale', 'en')
    const file = JSON.stringify(await user.exportBackup(new Date('2026-11-21T00:00:00Z')))
    expect(user.lastBackupAt).toBe('2026-11-21T00:00:00.000Z')

    await closeDb()
    indexedDB.deleteDatabase(DB_NAME)
    setActivePinia(createPinia())
    const fresh = useUserDataStore()
    await fresh.ensureLoaded()
    expect(fresh.stamps).toEqual([])
    expect(await fresh.importFile(file)).toEqual({ ok: true, from: 'backup', added: { stamps: 1, favorites: 1, settings: 1, savedAreas: 1 } })
    expect(fresh.stamps).toEqual([stamp])
    expect(fresh.favorites).toEqual([favorite])
    expect(fresh.savedAreas).toEqual([area])
    expect(await fresh.setting('locale')).toBe('en')
    // The backup time is this device's, not carried over.
    expect(fresh.lastBackupAt).toBeNull()
    // A second import adds nothing and changes nothing.
    expect(await fresh.importFile(file)).toMatchObject({ ok: true, added: { stamps: 0, favorites: 0, settings: 0, savedAreas: 0 } })
  })
})

describe('shown after the page is hydrated', () => {
  it('holds the stored stamps and favourites until start-up says the prerendered page is hydrated', async () => {
    await repo.addStamp(stamp)
    await repo.putFavorite(favorite)
    let hydrated!: () => void
    const user = useUserDataStore()
    user.showAfter(new Promise<void>((resolve) => (hydrated = resolve)))
    const loading = user.ensureLoaded()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(user.loaded).toBe(false)
    expect(user.stamps).toEqual([])
    expect(user.favorites).toEqual([])

    hydrated()
    await loading
    expect(user.loaded).toBe(true)
    expect(user.stamps).toEqual([stamp])
    expect(user.favorites).toEqual([favorite])
  })
})

describe('every write fails loudly', () => {
  const writes: Array<[string, () => Promise<unknown>]> = [
    ['putFavorite', () => repo.putFavorite(favorite)],
    ['deleteFavorite', () => repo.deleteFavorite(favorite.key)],
    ['addStamp', () => repo.addStamp(stamp)],
    ['putSetting', () => repo.putSetting('locale', 'en')],
    ['putSavedArea', () => repo.putSavedArea(area)],
    ['deleteSavedArea', () => repo.deleteSavedArea(area.id)],
    ['copyLegacySavedAreas', () => repo.copyLegacySavedAreas([area])],
    ['mergeUserData (backup import)', () => repo.mergeUserData(backup())],
  ]

  it.each(writes)('%s under quota: a typed error, and the UI is told', async (_name, write) => {
    const heard: string[] = []
    const off = onStorageError((e) => heard.push(e.kind))
    const db = await getDb()
    vi.spyOn(db, 'transaction').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError')
    })
    const error = await write().catch((e: unknown) => e)
    off()
    expect(error).toBeInstanceOf(StorageWriteError)
    expect((error as StorageWriteError).kind).toBe('quota')
    expect(heard).toEqual(['quota'])
  })

  it.each(writes)('%s in read-only mode (no IndexedDB): a typed error, and the UI is told', async (_name, write) => {
    vi.stubGlobal('indexedDB', undefined)
    const heard: string[] = []
    const off = onStorageError((e) => heard.push(e.kind))
    const error = await write().catch((e: unknown) => e)
    off()
    expect(error).toBeInstanceOf(StorageWriteError)
    expect((error as StorageWriteError).kind).toBe('read-only')
    expect(heard).toEqual(['read-only'])
  })

  it('a backup import into a full disk says nothing was added, and nothing is half-written', async () => {
    const user = useUserDataStore()
    await user.ensureLoaded()
    const db = await getDb()
    vi.spyOn(db, 'transaction').mockImplementation(() => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError')
    })
    await expect(user.importFile(JSON.stringify(backup()))).rejects.toBeInstanceOf(StorageWriteError)
    vi.restoreAllMocks()
    expect(await repo.listStamps()).toEqual([])
  })
})

describe('a connection the system closed (iOS in the background)', () => {
  it('the next write reopens it and is not lost', async () => {
    await repo.putSetting('locale', 'en')
    const first = await getDb()
    forceCloseDatabase(unwrap(first) as never)
    await repo.addStamp(stamp)
    expect(await repo.listStamps()).toEqual([stamp])
    expect(await repo.getSetting('locale')).toBe('en')
  })

  it('a closing connection met mid-call is replaced and the write runs once on the new one', async () => {
    const db = await getDb()
    const real = db.transaction.bind(db)
    let calls = 0
    vi.spyOn(db, 'transaction').mockImplementation(((...args: Parameters<typeof real>) => {
      calls++
      if (calls === 1) throw new DOMException('The database connection is closing.', 'InvalidStateError')
      return real(...args)
    }) as typeof db.transaction)
    await repo.putFavorite(favorite)
    vi.restoreAllMocks()
    expect(await repo.listFavorites()).toEqual([favorite])
  })
})

describe('persistent storage is asked for at the first stamp or favourite, not before, and once', () => {
  it('asks at the first favourite, shows the answer, and does not ask again', async () => {
    const persist = vi.fn(async () => false)
    Object.defineProperty(navigator, 'storage', { value: { persist, persisted: async () => false, estimate: async () => ({ usage: 1000, quota: 10_000 }) }, configurable: true })
    const user = useUserDataStore()
    await user.ensureLoaded()
    expect(persist).not.toHaveBeenCalled()
    await user.saveFavorite(favorite)
    await vi.waitFor(() => expect(user.persist).toBe('not-granted'))
    await user.addStamp(stamp)
    await vi.waitFor(() => expect(user.settings.get(SETTING.persistAsked)).toBe(true))
    expect(persist).toHaveBeenCalledTimes(1)
    await user.refreshStorage()
    expect(user.estimate).toEqual({ usage: 1000, quota: 10_000 })
    Reflect.deleteProperty(navigator, 'storage')
  })
})
