/** Read and replace the region's data. Plain async functions; no Vue. */
import { BODY_KEYS } from '@/domain/snapshot-keys'
import type { Snapshot } from '@/domain/snapshot-schema'
import { DbUnavailableError, getDb, isMemoryMode, type SnapshotMeta, type YumeDB } from '../db'
import { memoryGet, memoryGetAll, memoryMeta, memoryReplace } from '../memory-store'

const ignore = () => undefined

type RecordStore = (typeof BODY_KEYS)[number]

/** The database, or null when the app runs from memory (IndexedDB unavailable or hanging). */
async function dbOrMemory() {
  try {
    return await getDb()
  } catch (error) {
    if (isMemoryMode() || (error instanceof DbUnavailableError && error.reason === 'unavailable')) return null
    throw error
  }
}

export async function getSnapshotMeta(): Promise<SnapshotMeta | undefined> {
  const db = await dbOrMemory()
  return db ? db.get('meta', 'current') : memoryMeta()
}

export async function getAllRecords<S extends RecordStore>(store: S): Promise<YumeDB[S]['value'][]> {
  const db = await dbOrMemory()
  return db ? db.getAll(store) : memoryGetAll(store)
}

export async function getRecord<S extends RecordStore>(store: S, id: string): Promise<YumeDB[S]['value'] | undefined> {
  const db = await dbOrMemory()
  return db ? db.get(store, id) : memoryGet(store, id)
}

export interface ReplaceHooks {
  /** Called after each store is written, inside the transaction. Throwing aborts the import (used by tests). */
  afterStore?: (store: RecordStore) => void
}

/**
 * Replace the whole snapshot in ONE transaction: clear and refill every
 * snapshot store, then write the meta record. Any failure aborts the
 * transaction, so the previous snapshot stays exactly as it was. User stores
 * are not part of the transaction's scope at all.
 */
export async function replaceSnapshot(snapshot: Snapshot, hooks: ReplaceHooks = {}): Promise<SnapshotMeta> {
  const db = await dbOrMemory()
  if (!db) return replaceInMemory(snapshot, hooks)
  const tx = db.transaction(['meta', ...BODY_KEYS], 'readwrite', { durability: 'strict' })
  const counts: Record<string, number> = {}
  const meta: SnapshotMeta = {
    key: 'current',
    schemaVersion: snapshot.schemaVersion,
    generatedAt: snapshot.generatedAt,
    hash: snapshot.hash,
    importedAt: new Date().toISOString(),
    counts,
  }
  try {
    for (const store of BODY_KEYS) {
      const os = tx.objectStore(store)
      // Queue requests without awaiting each: awaiting non-IDB work would commit early.
      // Failures surface through tx.done; the per-request promises are only silenced.
      os.clear().catch(ignore)
      const records = snapshot[store] as Array<YumeDB[typeof store]['value']>
      for (const record of records) os.put(record as never).catch(ignore)
      counts[store] = records.length
      hooks.afterStore?.(store)
    }
    tx.objectStore('meta').put(meta).catch(ignore)
    await tx.done
    return meta
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // already aborted
    }
    await tx.done.catch(() => undefined)
    throw error
  }
}

function replaceInMemory(snapshot: Snapshot, hooks: ReplaceHooks): SnapshotMeta {
  const counts: Record<string, number> = {}
  for (const store of BODY_KEYS) {
    counts[store] = snapshot[store].length
    hooks.afterStore?.(store)
  }
  const meta: SnapshotMeta = { key: 'current', schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash, importedAt: new Date().toISOString(), counts }
  memoryReplace(meta, snapshot as never)
  return meta
}
