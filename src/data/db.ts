/**
 * The one IndexedDB database of the app: schema, opening and migrations.
 *
 * Snapshot stores hold the region's data and are replaced as a whole by an
 * import. User stores (stamps, favorites, settings) belong to the person and
 * are never written by an import.
 *
 * Migrations are `if (oldVersion < N)` steps; each one has a test that opens a
 * database seeded at the version before it (tests/unit/db-migrations.test.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { Municipality, Rally, RegionEvent, Route, Scheme, Source, Spot } from '@/domain/snapshot-schema'

export const DB_NAME = 'yume-kairo'
/** v1: initial layout. v2: municipality indexes on spots/events, rally index on stamps. */
export const DB_VERSION = 2

export interface SnapshotMeta {
  key: 'current'
  schemaVersion: string
  generatedAt: string
  hash: string
  importedAt: string
  counts: Record<string, number>
}

export type FavoriteKind = 'spot' | 'event' | 'route' | 'scheme'
export interface Favorite {
  /** `${kind}:${id}` */
  key: string
  kind: FavoriteKind
  id: string
  /** Name at the time it was saved, shown when the record leaves the snapshot. */
  name: { ja: string; en?: string }
  addedAt: string
}

export type StampMethod = 'gps' | 'qr' | 'code'
export interface Stamp {
  /** `${rallyId}/${checkpointId}`: one stamp per checkpoint. */
  key: string
  rallyId: string
  checkpointId: string
  at: string
  method: StampMethod
}

export interface Setting {
  key: string
  value: string | number | boolean | null
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
}

export const SNAPSHOT_STORES = ['meta', 'sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies'] as const
export const USER_STORES = ['stamps', 'favorites', 'settings'] as const
export type SnapshotStore = (typeof SNAPSHOT_STORES)[number]
export type UserStore = (typeof USER_STORES)[number]

export type DbEvent = 'versionchange' | 'blocked' | 'terminated'
const listeners = new Set<(event: DbEvent) => void>()
/** Tell the UI about other tabs and lost connections (reload banner). */
export function onDbEvent(listener: (event: DbEvent) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
function emit(event: DbEvent) {
  for (const l of listeners) l(event)
}

export class DbUnavailableError extends Error {
  readonly reason: 'newer-version' | 'unavailable'
  constructor(reason: 'newer-version' | 'unavailable', message: string) {
    super(message)
    this.name = 'DbUnavailableError'
    this.reason = reason
  }
}

let dbPromise: Promise<IDBPDatabase<YumeDB>> | null = null

export function openYumeDB(name = DB_NAME): Promise<IDBPDatabase<YumeDB>> {
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
    },
    blocked() {
      emit('blocked')
    },
    blocking() {
      // A newer version of the app opened in another tab: let it proceed.
      void dbPromise?.then((db) => db.close())
      dbPromise = null
      emit('versionchange')
    },
    terminated() {
      dbPromise = null
      emit('terminated')
    },
  }).catch((error: unknown) => {
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new DbUnavailableError('newer-version', 'The saved data was written by a newer version of the app.')
    }
    throw new DbUnavailableError('unavailable', error instanceof Error ? error.message : String(error))
  })
}

/** The app's database, opened once, lazily; reopened after a terminated connection. */
export function getDb(): Promise<IDBPDatabase<YumeDB>> {
  if (!dbPromise) {
    dbPromise = openYumeDB()
    dbPromise.catch(() => {
      dbPromise = null
    })
  }
  return dbPromise
}

/** For tests: forget the open connection. */
export async function closeDb(): Promise<void> {
  const pending = dbPromise
  dbPromise = null
  if (pending) (await pending.catch(() => null))?.close()
}
