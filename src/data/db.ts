/**
 * The one IndexedDB database of the app: schema, opening and migrations.
 *
 * Snapshot stores hold the region's data and are replaced as a whole by an
 * import. User stores (stamps, favorites, settings, saved areas) belong to the person and
 * are never written by an import.
 *
 * Migrations are `if (oldVersion < N)` steps; each one has a test that opens a
 * database seeded at the version before it (tests/unit/db-migrations.test.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { Municipality, Rally, RegionEvent, Route, Scheme, Source, Spot } from '@/domain/snapshot-schema'
import { DB_NAME } from '@/domain/storage-keys'
import type { Favorite, SavedArea, Setting, Stamp } from '@/domain/user-data'

export { DB_NAME }
export type { Favorite, FavoriteKind, SavedArea, Setting, Stamp, StampMethod } from '@/domain/user-data'
/** v1: initial layout. v2: municipality indexes on spots/events, rally index on stamps. v3: saved map areas. */
export const DB_VERSION = 3

export interface SnapshotMeta {
  key: 'current'
  schemaVersion: string
  generatedAt: string
  hash: string
  importedAt: string
  counts: Record<string, number>
}

export interface YumeDB extends DBSchema {
  meta: { key: string; value: SnapshotMeta }
  sources: { key: string; value: Source }
  municipalities: { key: string; value: Municipality }
  spots: { key: string; value: Spot; indexes: { byMunicipality: string } }
  routes: { key: string; value: Route }
  events: { key: string; value: RegionEvent; indexes: { byMunicipality: string } }
  schemes: { key: string; value: Scheme }
  rallies: { key: string; value: Rally }
  stamps: { key: string; value: Stamp; indexes: { byRally: string } }
  favorites: { key: string; value: Favorite }
  settings: { key: string; value: Setting }
  savedAreas: { key: string; value: SavedArea }
}

export const SNAPSHOT_STORES = ['meta', 'sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies'] as const
export const USER_STORES = ['stamps', 'favorites', 'settings', 'savedAreas'] as const
export type SnapshotStore = (typeof SNAPSHOT_STORES)[number]
export type UserStore = (typeof USER_STORES)[number]

/**
 * versionchange: another tab opened a newer version, this tab closed its connection (reload banner).
 * blocked: this tab's upgrade waits for other tabs to close ("close other tabs").
 * unblocked: the wait is over. terminated: the browser closed the connection (it is reopened on next use).
 * memory: IndexedDB is unavailable or hangs; the app runs read-only from memory.
 */
export type DbEvent = 'versionchange' | 'blocked' | 'unblocked' | 'terminated' | 'memory'
const listeners = new Set<(event: DbEvent) => void>()
/** Tell the UI about other tabs and lost connections (reload banner). */
export function onDbEvent(listener: (event: DbEvent) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
/** The last tab-related state, for UI mounted after the event (the first open starts before the app mounts). */
let tabState: 'versionchange' | 'blocked' | null = null
export function getTabState(): 'versionchange' | 'blocked' | null {
  return tabState
}
function emit(event: DbEvent) {
  if (event === 'versionchange' || event === 'blocked') tabState = event
  else if (event === 'unblocked' && tabState === 'blocked') tabState = null
  for (const l of listeners) l(event)
}

export type DbUnavailableReason = 'newer-version' | 'unavailable' | 'read-only'
export class DbUnavailableError extends Error {
  readonly reason: DbUnavailableReason
  constructor(reason: DbUnavailableReason, message: string) {
    super(message)
    this.name = 'DbUnavailableError'
    this.reason = reason
  }
}

/** A storage write failed; `kind` says why, in terms the UI can explain. */
export class StorageWriteError extends Error {
  readonly kind: 'quota' | 'read-only' | 'failed'
  override readonly cause?: unknown
  constructor(kind: 'quota' | 'read-only' | 'failed', message: string, cause?: unknown) {
    super(message)
    this.name = 'StorageWriteError'
    this.kind = kind
    this.cause = cause
  }
}

export function isQuotaError(error: unknown): boolean {
  let e: unknown = error
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e === 'object' && 'name' in e && (e as { name?: unknown }).name === 'QuotaExceededError') return true
    if (e instanceof StorageWriteError) return e.kind === 'quota'
    e = (e as { cause?: unknown }).cause
  }
  return false
}

const storageErrorListeners = new Set<(error: StorageWriteError) => void>()
/** The UI hears about every failed write of the person's data (quota, read-only mode). */
export function onStorageError(listener: (error: StorageWriteError) => void): () => void {
  storageErrorListeners.add(listener)
  return () => storageErrorListeners.delete(listener)
}
export function toStorageWriteError(error: unknown): StorageWriteError {
  if (error instanceof StorageWriteError) return error
  if (error instanceof DbUnavailableError && error.reason === 'newer-version') return new StorageWriteError('failed', 'a newer version of the app is open; reload this page', error)
  if (error instanceof DbUnavailableError) return new StorageWriteError('read-only', 'This device cannot store data right now.', error)
  if (isQuotaError(error)) return new StorageWriteError('quota', 'The storage on this device is full.', error)
  return new StorageWriteError('failed', error instanceof Error ? error.message : String(error), error)
}
/** Wrap a write: failures are reported to the UI and rethrown as StorageWriteError. */
export async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    const failure = toStorageWriteError(error)
    for (const l of storageErrorListeners) l(failure)
    throw failure
  }
}

/** How long opening IndexedDB may take before the app gives up and runs from memory. */
export const OPEN_TIMEOUT_MS = 6000

let dbPromise: Promise<IDBPDatabase<YumeDB>> | null = null
let memoryMode = false

/** True once IndexedDB proved unusable: data is kept in memory, read-only for the person's data. */
export function isMemoryMode(): boolean {
  return memoryMode
}

function enterMemoryMode() {
  if (memoryMode) return
  memoryMode = true
  emit('memory')
}

export function openYumeDB(name = DB_NAME, hooks: { onBlocked?: () => void } = {}): Promise<IDBPDatabase<YumeDB>> {
  if (typeof indexedDB === 'undefined' || !indexedDB) {
    return Promise.reject(new DbUnavailableError('unavailable', 'IndexedDB is not available in this browser.'))
  }
  let wasBlocked = false
  return openDB<YumeDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('meta', { keyPath: 'key' })
        db.createObjectStore('sources', { keyPath: 'id' })
        db.createObjectStore('municipalities', { keyPath: 'code' })
        db.createObjectStore('spots', { keyPath: 'id' })
        db.createObjectStore('routes', { keyPath: 'id' })
        db.createObjectStore('events', { keyPath: 'id' })
        db.createObjectStore('schemes', { keyPath: 'id' })
        db.createObjectStore('rallies', { keyPath: 'id' })
        db.createObjectStore('stamps', { keyPath: 'key' })
        db.createObjectStore('favorites', { keyPath: 'key' })
        db.createObjectStore('settings', { keyPath: 'key' })
      }
      if (oldVersion < 2) {
        // Take existing stores from the upgrade transaction: creating them again would throw.
        tx.objectStore('spots').createIndex('byMunicipality', 'municipality')
        tx.objectStore('events').createIndex('byMunicipality', 'municipality')
        tx.objectStore('stamps').createIndex('byRally', 'rallyId')
      }
      if (oldVersion < 3) {
        // Saved map areas' metadata, until now in localStorage (copied on first use, see user-repo).
        db.createObjectStore('savedAreas', { keyPath: 'id' })
      }
    },
    blocked() {
      // Another tab holds an older version open and did not close it: say so instead of waiting silently.
      wasBlocked = true
      hooks.onBlocked?.()
      emit('blocked')
    },
    blocking() {
      // A newer version of the app opened in another tab (or the data is being deleted): let it proceed.
      void dbPromise?.then((db) => db.close())
      dbPromise = null
      emit('versionchange')
    },
    terminated() {
      dbPromise = null
      emit('terminated')
    },
  }).then(
    (db) => {
      if (wasBlocked) emit('unblocked')
      return db
    },
  ).catch((error: unknown) => {
    if (error instanceof DbUnavailableError) throw error
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new DbUnavailableError('newer-version', 'The saved data was written by a newer version of the app.')
    }
    throw new DbUnavailableError('unavailable', error instanceof Error ? error.message : String(error))
  })
}

/**
 * Open with a time limit. A browser whose IndexedDB never answers (some private
 * modes, broken profiles) would otherwise leave the app blank. While blocked by
 * another tab the clock stops: the banner asks to close the other tabs instead.
 */
function openWithTimeout(timeoutMs: number): Promise<IDBPDatabase<YumeDB>> {
  return new Promise((resolve, reject) => {
    let settled = false
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(onTimeout, timeoutMs)
    function onTimeout() {
      settled = true
      reject(new DbUnavailableError('unavailable', `IndexedDB did not open within ${Math.round(timeoutMs / 1000)} s.`))
    }
    openYumeDB(DB_NAME, {
      onBlocked() {
        clearTimeout(timer)
        timer = undefined
      },
    }).then(
      (db) => {
        clearTimeout(timer)
        // Too late: the app already runs from memory; do not keep a second source of truth.
        if (settled) db.close()
        else resolve(db)
        settled = true
      },
      (error: unknown) => {
        clearTimeout(timer)
        if (!settled) reject(error)
        settled = true
      },
    )
  })
}

/**
 * The app's database, opened once, lazily; reopened after a terminated
 * connection. Rejects with DbUnavailableError: 'newer-version' (reload),
 * or 'unavailable' — from then on the app runs from memory (isMemoryMode()).
 */
export function getDb(): Promise<IDBPDatabase<YumeDB>> {
  if (memoryMode) return Promise.reject(new DbUnavailableError('unavailable', 'IndexedDB is not available; running from memory.'))
  if (!dbPromise) {
    const opening = openWithTimeout(openTimeoutMs)
    dbPromise = opening
    opening.catch((error: unknown) => {
      if (dbPromise === opening) dbPromise = null
      if (error instanceof DbUnavailableError && error.reason === 'unavailable') enterMemoryMode()
    })
  }
  return dbPromise
}

/** A connection the system closed under us (iOS does in the background): the next call opens a new one. */
export function isClosedConnection(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'InvalidStateError'
}

/**
 * Runs `work` on the database; if the connection turns out closed by the system, opens a new
 * one and runs it once more (the first attempt wrote nothing: its transaction never started).
 */
export async function withDb<T>(work: (db: IDBPDatabase<YumeDB>) => Promise<T>): Promise<T> {
  const db = await getDb()
  try {
    return await work(db)
  } catch (error) {
    if (!isClosedConnection(error)) throw error
    if (dbPromise && (await dbPromise.catch(() => null)) === db) dbPromise = null
    db.close() // it is going anyway; never keep two connections (it would block upgrades and deletes)
    return work(await getDb())
  }
}

// Coming back to the app (iOS may have closed the connection while it was hidden): check it now,
// so the first tap after returning does not meet a dead connection.
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !dbPromise) return
    const current = dbPromise
    void current.then((db) => {
      try {
        db.transaction('settings', 'readonly').abort()
      } catch (error) {
        if (isClosedConnection(error) && dbPromise === current) dbPromise = null
      }
    }, () => undefined)
  })
}

let openTimeoutMs = OPEN_TIMEOUT_MS
/** For tests: shorten the open time limit. */
export function setOpenTimeoutForTests(ms: number) {
  openTimeoutMs = ms
}

/** For tests: forget the open connection and leave memory mode. */
export async function closeDb(): Promise<void> {
  const pending = dbPromise
  dbPromise = null
  memoryMode = false
  tabState = null
  openTimeoutMs = OPEN_TIMEOUT_MS
  if (pending) (await pending.catch(() => null))?.close()
}
