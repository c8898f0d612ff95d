/**
 * The person's own data: favourites, stamps, settings and saved map areas. The one repository for
 * all of it; no snapshot import ever writes here.
 *
 * Every write uses strict durability, resolves only after its transaction has committed (so the UI
 * can confirm it truthfully) and goes through guardWrite: a failure (storage full, read-only mode)
 * is reported to the UI in plain words and rejects with a StorageWriteError. A connection the
 * system closed is reopened and the write tried once more (withDb). Reads in read-only mode
 * (IndexedDB unavailable) return nothing.
 */
import { isDeviceSetting, SETTING } from '@/domain/storage-keys'
import type { Favorite, SavedArea, Setting, Stamp, UserBackup, UserDataLists } from '@/domain/user-data'
import { guardWrite, isMemoryMode, withDb } from '../db'

/** Reads: in memory mode there is no saved personal data. */
async function read<T>(work: Parameters<typeof withDb<T>>[0], empty: T): Promise<T> {
  try {
    return await withDb(work)
  } catch (error) {
    if (isMemoryMode()) return empty
    throw error
  }
}

export const listFavorites = (): Promise<Favorite[]> => read((db) => db.getAll('favorites'), [])
export const listStamps = (): Promise<Stamp[]> => read((db) => db.getAll('stamps'), [])
export const listSavedAreas = (): Promise<SavedArea[]> => read((db) => db.getAll('savedAreas'), [])
export const getSetting = async (key: string): Promise<Setting['value'] | undefined> => (await read((db) => db.get('settings', key), undefined))?.value

export function putFavorite(favorite: Favorite): Promise<void> {
  return guardWrite(() =>
    withDb(async (db) => {
      const tx = db.transaction('favorites', 'readwrite', { durability: 'strict' })
      await Promise.all([tx.store.put(favorite), tx.done])
    }),
  )
}

export function deleteFavorite(key: string): Promise<void> {
  return guardWrite(() =>
    withDb(async (db) => {
      const tx = db.transaction('favorites', 'readwrite', { durability: 'strict' })
      await Promise.all([tx.store.delete(key), tx.done])
    }),
  )
}

/** Adds a stamp unless that checkpoint already has one. Returns the stored stamp. */
export function addStamp(stamp: Stamp): Promise<{ stamp: Stamp; added: boolean }> {
  return guardWrite(() =>
    withDb(async (db) => {
      const tx = db.transaction('stamps', 'readwrite', { durability: 'strict' })
      const existing = await tx.store.get(stamp.key)
      if (existing) {
        await tx.done
        return { stamp: existing, added: false }
      }
      await Promise.all([tx.store.add(stamp), tx.done])
      return { stamp, added: true }
    }),
  )
}

export function putSetting(key: string, value: Setting['value']): Promise<void> {
  return guardWrite(() =>
    withDb(async (db) => {
      const tx = db.transaction('settings', 'readwrite', { durability: 'strict' })
      await Promise.all([tx.store.put({ key, value }), tx.done])
    }),
  )
}

export function putSavedArea(area: SavedArea): Promise<void> {
  return guardWrite(() =>
    withDb(async (db) => {
      const tx = db.transaction('savedAreas', 'readwrite', { durability: 'strict' })
      await Promise.all([tx.store.put(area), tx.done])
    }),
  )
}

export function deleteSavedArea(id: string): Promise<void> {
  return guardWrite(() =>
    withDb(async (db) => {
      const tx = db.transaction('savedAreas', 'readwrite', { durability: 'strict' })
      await Promise.all([tx.store.delete(id), tx.done])
    }),
  )
}

/**
 * Saved areas of the first versions lived in localStorage: copy them once (in one transaction with
 * the flag that says it was done), so a later deletion is not undone by a second copy.
 */
export function copyLegacySavedAreas(areas: readonly SavedArea[]): Promise<number> {
  return guardWrite(() =>
    withDb(async (db) => {
      if ((await db.get('settings', SETTING.legacyAreasCopied))?.value) return 0
      const existing = new Set(await db.getAllKeys('savedAreas'))
      const fresh = areas.filter((a) => !existing.has(a.id)).map((a) => ({ ...a, bbox: { ...a.bbox } }))
      // The areas and the "copied" flag in one transaction: a later deletion is never undone by a second copy.
      const tx = db.transaction(['savedAreas', 'settings'], 'readwrite', { durability: 'strict' })
      await Promise.all([...fresh.map((a) => tx.objectStore('savedAreas').put(a)), tx.objectStore('settings').put({ key: SETTING.legacyAreasCopied, value: true }), tx.done])
      return fresh.length
    }),
  )
}

/** Everything the person has on this device, read in one transaction (a consistent backup). */
export function readUserData(): Promise<UserDataLists> {
  return read(
    async (db) => {
      const tx = db.transaction(['stamps', 'favorites', 'settings', 'savedAreas'], 'readonly')
      const [stamps, favorites, settings, savedAreas] = await Promise.all([tx.objectStore('stamps').getAll(), tx.objectStore('favorites').getAll(), tx.objectStore('settings').getAll(), tx.objectStore('savedAreas').getAll()])
      await tx.done
      return { stamps, favorites, settings, savedAreas }
    },
    { stamps: [], favorites: [], settings: [], savedAreas: [] },
  )
}

export interface MergeCounts {
  stamps: number
  favorites: number
  settings: number
  savedAreas: number
}

/**
 * Merges a backup in ONE strict transaction and only adds what is missing: an existing stamp,
 * favourite, setting or saved area on this device is never overwritten or removed. A device's
 * own settings (`device.*`) are never taken from a file.
 */
export function mergeUserData(backup: UserBackup): Promise<MergeCounts> {
  return guardWrite(() =>
    withDb(async (db) => {
      const tx = db.transaction(['stamps', 'favorites', 'settings', 'savedAreas'], 'readwrite', { durability: 'strict' })
      const counts: MergeCounts = { stamps: 0, favorites: 0, settings: 0, savedAreas: 0 }
      const addMissing = async <S extends 'stamps' | 'favorites' | 'settings' | 'savedAreas'>(name: S, rows: readonly { key?: string; id?: string }[], key: (r: never) => string) => {
        const store = tx.objectStore(name)
        for (const row of rows) {
          if (await store.getKey(key(row as never))) continue
          await store.add(row as never)
          counts[name]++
        }
      }
      await addMissing('stamps', backup.stamps.map(({ key, rallyId, checkpointId, at, method }) => ({ key, rallyId, checkpointId, at, method })), (s: Stamp) => s.key)
      await addMissing('favorites', backup.favorites.map(({ key, kind, id, name, addedAt }) => ({ key, kind, id, name, addedAt })), (f: Favorite) => f.key)
      await addMissing('settings', backup.settings.filter((s) => !isDeviceSetting(s.key)).map(({ key, value }) => ({ key, value })), (s: Setting) => s.key)
      await addMissing('savedAreas', backup.savedAreas, (a: SavedArea) => a.id)
      await tx.done
      return counts
    }),
  )
}
