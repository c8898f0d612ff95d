/**
 * The person's own data: favorites, stamps, settings. Every write uses strict
 * durability and resolves only after the transaction has committed, so the UI
 * can confirm it truthfully.
 */
import { getDb, type Favorite, type Setting, type Stamp } from '../db'

export async function listFavorites(): Promise<Favorite[]> {
  return (await getDb()).getAll('favorites')
}

export async function putFavorite(favorite: Favorite): Promise<void> {
  const tx = (await getDb()).transaction('favorites', 'readwrite', { durability: 'strict' })
  await Promise.all([tx.store.put(favorite), tx.done])
}

export async function deleteFavorite(key: string): Promise<void> {
  const tx = (await getDb()).transaction('favorites', 'readwrite', { durability: 'strict' })
  await Promise.all([tx.store.delete(key), tx.done])
}

export async function listStamps(): Promise<Stamp[]> {
  return (await getDb()).getAll('stamps')
}

/** Adds a stamp unless that checkpoint already has one. Returns the stored stamp. */
export async function addStamp(stamp: Stamp): Promise<{ stamp: Stamp; added: boolean }> {
  const tx = (await getDb()).transaction('stamps', 'readwrite', { durability: 'strict' })
  const existing = await tx.store.get(stamp.key)
  if (existing) {
    await tx.done
    return { stamp: existing, added: false }
  }
  await Promise.all([tx.store.add(stamp), tx.done])
  return { stamp, added: true }
}

export async function getSetting(key: string): Promise<Setting['value'] | undefined> {
  return (await (await getDb()).get('settings', key))?.value
}

export async function putSetting(key: string, value: Setting['value']): Promise<void> {
  const tx = (await getDb()).transaction('settings', 'readwrite', { durability: 'strict' })
  await Promise.all([tx.store.put({ key, value }), tx.done])
}

/** Adds several favorites in one transaction (import); existing keys are left as they are. */
export async function addFavorites(favorites: readonly Favorite[]): Promise<number> {
  const tx = (await getDb()).transaction('favorites', 'readwrite', { durability: 'strict' })
  const existing = new Set(await tx.store.getAllKeys())
  const fresh = favorites.filter((f) => !existing.has(f.key))
  await Promise.all([...fresh.map((f) => tx.store.put(f)), tx.done])
  return fresh.length
}
