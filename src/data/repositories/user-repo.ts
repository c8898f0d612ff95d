/**
 * The person's own data: favorites, stamps, settings. Every write uses strict
 * durability and resolves only after the transaction has committed, so the UI
 * can confirm it truthfully.
 *
 * Writes go through guardWrite: a failure (storage full, read-only mode) is
 * reported to the UI in plain words and rejects with a StorageWriteError, so
 * a caller never shows a confirmation for something that was not saved.
 * Reads in read-only mode (IndexedDB unavailable) return nothing.
 */
import { getDb, guardWrite, isMemoryMode, type Favorite, type Setting, type Stamp } from '../db'

/** Reads: in memory mode there is no saved personal data. */
async function readDb() {
  try {
    return await getDb()
  } catch (error) {
    if (isMemoryMode()) return null
    throw error
  }
}

export async function listFavorites(): Promise<Favorite[]> {
  return (await readDb())?.getAll('favorites') ?? []
}

export function putFavorite(favorite: Favorite): Promise<void> {
  return guardWrite(async () => {
    const tx = (await getDb()).transaction('favorites', 'readwrite', { durability: 'strict' })
    await Promise.all([tx.store.put(favorite), tx.done])
  })
}

export function deleteFavorite(key: string): Promise<void> {
  return guardWrite(async () => {
    const tx = (await getDb()).transaction('favorites', 'readwrite', { durability: 'strict' })
    await Promise.all([tx.store.delete(key), tx.done])
  })
}

export async function listStamps(): Promise<Stamp[]> {
  return (await readDb())?.getAll('stamps') ?? []
}

/** Adds a stamp unless that checkpoint already has one. Returns the stored stamp. */
export function addStamp(stamp: Stamp): Promise<{ stamp: Stamp; added: boolean }> {
  return guardWrite(async () => {
    const tx = (await getDb()).transaction('stamps', 'readwrite', { durability: 'strict' })
    const existing = await tx.store.get(stamp.key)
    if (existing) {
      await tx.done
      return { stamp: existing, added: false }
    }
    await Promise.all([tx.store.add(stamp), tx.done])
    return { stamp, added: true }
  })
}

export async function getSetting(key: string): Promise<Setting['value'] | undefined> {
  return (await (await readDb())?.get('settings', key))?.value
}

export function putSetting(key: string, value: Setting['value']): Promise<void> {
  return guardWrite(async () => {
    const tx = (await getDb()).transaction('settings', 'readwrite', { durability: 'strict' })
    await Promise.all([tx.store.put({ key, value }), tx.done])
  })
}

/** Adds several favorites in one transaction (import); existing keys are left as they are. */
export async function addFavorites(favorites: readonly Favorite[]): Promise<number> {
  const tx = (await getDb()).transaction('favorites', 'readwrite', { durability: 'strict' })
  const existing = new Set(await tx.store.getAllKeys())
  const fresh = favorites.filter((f) => !existing.has(f.key))
  await Promise.all([...fresh.map((f) => tx.store.put(f)), tx.done])
  return fresh.length
}
