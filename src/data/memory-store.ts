/**
 * Read-only fallback when IndexedDB is unavailable or hangs: the downloaded
 * snapshot is kept in memory for this visit only. The person's own data cannot
 * be saved in this mode (writes fail with a StorageWriteError 'read-only').
 */
import { BODY_KEYS, type BodyKey } from '@/domain/snapshot-keys'
import type { SnapshotMeta, YumeDB } from './db'

let meta: SnapshotMeta | undefined
const records = new Map<BodyKey, Map<string, unknown>>()

export function memoryMeta(): SnapshotMeta | undefined {
  return meta
}

export function memoryGetAll<S extends BodyKey>(store: S): YumeDB[S]['value'][] {
  return [...(records.get(store)?.values() ?? [])] as YumeDB[S]['value'][]
}

export function memoryGet<S extends BodyKey>(store: S, id: string): YumeDB[S]['value'] | undefined {
  return records.get(store)?.get(id) as YumeDB[S]['value'] | undefined
}

/** Swap the whole snapshot at once (nothing can fail halfway in memory). */
export function memoryReplace(next: SnapshotMeta, body: { [K in BodyKey]: ReadonlyArray<YumeDB[K]['value']> }): void {
  const fresh = new Map<BodyKey, Map<string, unknown>>()
  for (const store of BODY_KEYS) {
    const byId = new Map<string, unknown>()
    for (const record of body[store]) byId.set(String((record as { id?: string; code?: string }).id ?? (record as { code?: string }).code), record)
    fresh.set(store, byId)
  }
  records.clear()
  for (const [k, v] of fresh) records.set(k, v)
  meta = next
}

/** For tests. */
export function clearMemory(): void {
  records.clear()
  meta = undefined
}
