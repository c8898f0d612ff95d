/**
 * Export and merge the person's own data. The merge runs in ONE strict
 * transaction over the user stores and only adds what is missing: an existing
 * stamp, favorite or setting on this device is never overwritten or removed.
 */
import type { UserBackup } from '@/domain/user-backup'
import { BACKUP_KIND, BACKUP_VERSION } from '@/domain/user-backup'
import { getDb } from '../db'

export async function exportUserData(now = new Date()): Promise<UserBackup> {
  const db = await getDb()
  const tx = db.transaction(['stamps', 'favorites', 'settings'], 'readonly')
  const [stamps, favorites, settings] = await Promise.all([tx.objectStore('stamps').getAll(), tx.objectStore('favorites').getAll(), tx.objectStore('settings').getAll()])
  await tx.done
  return { kind: BACKUP_KIND, version: BACKUP_VERSION, exportedAt: now.toISOString(), stamps, favorites, settings }
}

export interface MergeCounts {
  stamps: number
  favorites: number
  settings: number
}

export async function mergeUserData(backup: UserBackup): Promise<MergeCounts> {
  const db = await getDb()
  const tx = db.transaction(['stamps', 'favorites', 'settings'], 'readwrite', { durability: 'strict' })
  const counts: MergeCounts = { stamps: 0, favorites: 0, settings: 0 }
  const stamps = tx.objectStore('stamps')
  const favorites = tx.objectStore('favorites')
  const settings = tx.objectStore('settings')
  for (const s of backup.stamps) {
    if (!(await stamps.getKey(s.key))) {
      await stamps.add({ key: s.key, rallyId: s.rallyId, checkpointId: s.checkpointId, at: s.at, method: s.method })
      counts.stamps++
    }
  }
  for (const f of backup.favorites) {
    if (!(await favorites.getKey(f.key))) {
      await favorites.add({ key: f.key, kind: f.kind, id: f.id, name: f.name, addedAt: f.addedAt })
      counts.favorites++
    }
  }
  for (const s of backup.settings) {
    if (!(await settings.getKey(s.key))) {
      await settings.add({ key: s.key, value: s.value })
      counts.settings++
    }
  }
  await tx.done
  return counts
}
