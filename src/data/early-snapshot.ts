/**
 * The first visit's snapshot download, started by a prerendered page's boot script (vite.config.ts) as soon as
 * the page has painted, in parallel with the app's own scripts. Before, it began only after the scripts had
 * loaded, the page had hydrated and the worker had started: on a slow network, the data (and with it the
 * first place cards, the largest thing on the first screen) came seconds later (issue 18).
 *
 * The boot script starts it only when SNAPSHOT_STORED_KEY is not in localStorage (nothing stored yet). The app
 * takes it at most once; it is only a head start: when it failed, or was not started, the import downloads
 * as before. When stored data turns out to be current, it is cancelled.
 */
import { EARLY_SNAPSHOT_GLOBAL, SNAPSHOT_STORED_KEY } from '@/domain/storage-keys'
import { readLocal, writeLocal } from './local-storage'

export interface EarlySnapshot {
  controller: AbortController
  response: Promise<Response>
}

type WithEarly = typeof globalThis & { [EARLY_SNAPSHOT_GLOBAL]?: EarlySnapshot }

/** The download the boot script started, handed over once (null when there was none, or it was taken). */
export function takeEarlySnapshot(): EarlySnapshot | null {
  const g = globalThis as WithEarly
  const early = g[EARLY_SNAPSHOT_GLOBAL] ?? null
  delete g[EARLY_SNAPSHOT_GLOBAL]
  return early
}

export const hasEarlySnapshot = () => !!(globalThis as WithEarly)[EARLY_SNAPSHOT_GLOBAL]

/** Stored data is current: the early download is not needed. */
export function dropEarlySnapshot() {
  takeEarlySnapshot()?.controller.abort()
}

/**
 * The mark while a snapshot is being written over a stored one: a stored snapshot (no early download), but none a page
 * was built from. A page closed between the write and the mark leaves it, not the old hash: the next start's first
 * screen stays busy, and that start puts the mark right.
 */
const WRITING = 'writing'

/** Before a snapshot is written to IndexedDB; returns the mark to put back should the write fail. */
export function markSnapshotWriting(): string | null {
  const previous = readLocal(SNAPSHOT_STORED_KEY)
  if (previous) writeLocal(SNAPSHOT_STORED_KEY, WRITING)
  return previous
}

/**
 * The mark follows what the database holds: after each write (the written snapshot's hash: the next page load is not
 * a first visit, and a prerendered page built from this same snapshot shows the stored records on its first screen),
 * and at start, once the stored snapshot's meta is read (a device whose mark is from a version before the hash was
 * kept, or whose database was emptied without its localStorage; null when nothing is stored, or the app runs from
 * memory). It is a prediction, written beside the database and not with it: a start may find it wrong, and puts it
 * right. Without localStorage, the next visit starts the download early again, which is only slower.
 */
export function keepSnapshotMark(hash: string | null) {
  writeLocal(SNAPSHOT_STORED_KEY, hash)
}
