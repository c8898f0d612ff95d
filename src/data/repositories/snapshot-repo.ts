/** Read and replace the region's data. Plain async functions; no Vue. */
import { BODY_KEYS } from '@/domain/snapshot-keys'
import type { Snapshot } from '@/domain/snapshot-schema'
import { DbUnavailableError, getDb, isMemoryMode, type SnapshotMeta, type YumeDB } from '../db'
import { memoryGet, memoryGetAll, memoryMeta, memoryReplace } from '../memory-store'
import { keepSnapshotMark, markSnapshotWriting } from '../early-snapshot'

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

export type StoredRecords = { [K in RecordStore]: YumeDB[K]['value'][] }
export interface StoredSnapshot {
  meta: SnapshotMeta | undefined
  records: StoredRecords | null
}

/**
 * The stored snapshot as one consistent read (one transaction): its meta, and every record kind in key
 * order; records null when nothing is stored. Start-up reads this while the app's code is still
 * loading, so the first screen's data is ready when the app has rendered.
 */
export async function readStoredSnapshot(): Promise<StoredSnapshot> {
  const db = await dbOrMemory()
  if (!db) {
    const meta = memoryMeta()
    return { meta, records: meta ? (Object.fromEntries(BODY_KEYS.map((key) => [key, memoryGetAll(key)])) as StoredRecords) : null }
  }
  const tx = db.transaction(['meta', ...BODY_KEYS], 'readonly')
  const meta = await tx.objectStore('meta').get('current')
  if (!meta) return { meta, records: null }
  const lists = await Promise.all(BODY_KEYS.map((key) => tx.objectStore(key).getAll()))
  return { meta, records: Object.fromEntries(BODY_KEYS.map((key, i) => [key, lists[i]])) as StoredRecords }
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

/** Most records written per step of an import (see replaceSnapshot). */
export const WRITE_CHUNK = 50
/** Copying records for a step stops after about this long, measured on this device (see replaceSnapshot). */
export const WRITE_SLICE_MS = 8

/**
 * Replace the whole snapshot in ONE transaction: clear and refill every
 * snapshot store, then write the meta record. Any failure aborts the
 * transaction, so the previous snapshot stays exactly as it was. User stores
 * are not part of the transaction's scope at all.
 *
 * The records go in chunks: each put copies its record (a structured clone) at once, so queueing all
 * ≈ 800 KB in one go was one long task. A chunk ends after WRITE_CHUNK records or WRITE_SLICE_MS of
 * copying, whichever comes first (a town's boundary is 20 KB, a place 1 KB: a count alone made tasks of
 * very different length, up to ≈ 60 ms on a cheap phone). The next chunk is queued when the last
 * request of the one before succeeds; a transaction with a request in flight stays open (only awaiting something
 * that is not an IndexedDB request would let it commit early), so the write is still all or nothing,
 * and the page can paint and answer a tap between chunks.
 */
export async function replaceSnapshot(snapshot: Snapshot, hooks: ReplaceHooks = {}): Promise<SnapshotMeta> {
  const db = await dbOrMemory()
  if (!db) return replaceInMemory(snapshot, hooks)
  const tx = db.transaction(['meta', ...BODY_KEYS], 'readwrite', { durability: 'strict' })
  // The write spans many tasks. A page left in the middle of it (a tap on a link) abandons it; WebKit then kept the
  // abandoned transaction's stores locked for the next page, whose read of the stored data never answered (seen in
  // the cross-engine journeys). Aborted here, the next page reads the data as it was and checks again.
  const abandon = () => {
    try {
      tx.abort()
    } catch {
      // already finished
    }
  }
  addEventListener('pagehide', abandon)
  const previousMark = markSnapshotWriting()
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
      // Failures surface through tx.done (and the awaited last request of a chunk); the other
      // requests' promises are only silenced.
      os.clear().catch(ignore)
      const records = snapshot[store] as Array<YumeDB[typeof store]['value']>
      let next = 0
      while (next < records.length) {
        const started = performance.now()
        const end = Math.min(records.length, next + WRITE_CHUNK)
        let last: Promise<unknown>
        do {
          last = os.put(records[next++] as never)
          last.catch(ignore)
        } while (next < end && performance.now() - started < WRITE_SLICE_MS)
        // Waiting on the chunk's last request keeps the transaction open and lets the page run between chunks.
        await last
      }
      counts[store] = records.length
      hooks.afterStore?.(store)
    }
    tx.objectStore('meta').put(meta).catch(ignore)
    await tx.done
    keepSnapshotMark(snapshot.hash)
    return meta
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // already aborted
    }
    await tx.done.catch(() => undefined)
    keepSnapshotMark(previousMark)
    // A failed put (a full disk) aborts the transaction, and the requests after it fail as "aborted":
    // report the cause, not the echo.
    throw tx.error ?? error
  } finally {
    removeEventListener('pagehide', abandon)
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
