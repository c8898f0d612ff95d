/** Read and replace the region's data. Plain async functions; no Vue. */
import { BODY_KEYS } from '@/domain/snapshot-keys'
import type { Snapshot } from '@/domain/snapshot-schema'
import { getDb, type SnapshotMeta, type YumeDB } from '../db'

const ignore = () => undefined

type RecordStore = (typeof BODY_KEYS)[number]

export async function getSnapshotMeta(): Promise<SnapshotMeta | undefined> {
  return (await getDb()).get('meta', 'current')
}

export async function getAllRecords<S extends RecordStore>(store: S): Promise<YumeDB[S]['value'][]> {
  return (await getDb()).getAll(store)
}

export async function getRecord<S extends RecordStore>(store: S, id: string): Promise<YumeDB[S]['value'] | undefined> {
  return (await getDb()).get(store, id)
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
  const db = await getDb()
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
