/**
 * The person's own data — stamps, favourites, settings, saved map areas — as types, and the
 * backup file's content. Pure: no Vue, no IndexedDB. The file's schema and its one reader
 * (valibot) are in user-data-file.ts, loaded only when a file is opened.
 */
import { isDeviceSetting } from './storage-keys'
import { tokyoClock } from './tokyo-clock'

export const FAVORITE_KINDS = ['spot', 'event', 'route', 'scheme'] as const
export type FavoriteKind = (typeof FAVORITE_KINDS)[number]
export const STAMP_METHODS = ['gps', 'qr', 'code'] as const
export type StampMethod = (typeof STAMP_METHODS)[number]

export interface Favorite {
  /** `${kind}:${id}` */
  key: string
  kind: FavoriteKind
  id: string
  /** Name at the time it was saved, shown when the record leaves the snapshot. */
  name: { ja: string; en?: string }
  addedAt: string
}

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

export interface Bbox {
  south: number
  west: number
  north: number
  east: number
}

/** A map area saved for offline use: its metadata (the tile bytes stay in Cache Storage). */
export interface SavedArea {
  id: string
  name: string
  bbox: Bbox
  minZoom: number
  maxZoom: number
  count: number
  /** Tiles actually stored. */
  saved: number
  savedAt: string
}

/** The backup file (version 2). Checked on import by UserBackupSchema (user-data-file.ts). */
export interface UserBackup {
  kind: typeof BACKUP_KIND
  version: typeof BACKUP_VERSION
  exportedAt: string
  stamps: Stamp[]
  favorites: Favorite[]
  settings: Setting[]
  savedAreas: SavedArea[]
}

export const BACKUP_KIND = 'yume-kairo-user-data'
export const BACKUP_VERSION = 2
/** The favourites-only export of the first versions; still read. */
export const LEGACY_FAVORITES_FORMAT = 'yume-kairo-favorites'
/** Larger files are refused before they are read. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

export interface UserDataLists {
  stamps: readonly Stamp[]
  favorites: readonly Favorite[]
  settings: readonly Setting[]
  savedAreas: readonly SavedArea[]
}

/** The backup file's content. Only the fields of each record are written (nothing the app added at runtime). */
export function toBackup(data: UserDataLists, now = new Date()): UserBackup {
  return {
    kind: BACKUP_KIND,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    stamps: data.stamps.map(({ key, rallyId, checkpointId, at, method }) => ({ key, rallyId, checkpointId, at, method })),
    favorites: data.favorites.map(({ key, kind, id, name, addedAt }) => ({ key, kind, id, name: name.en ? { ja: name.ja, en: name.en } : { ja: name.ja }, addedAt })),
    settings: data.settings.filter((s) => !isDeviceSetting(s.key)).map(({ key, value }) => ({ key, value })),
    savedAreas: data.savedAreas.map(({ id, name, bbox, minZoom, maxZoom, count, saved, savedAt }) => ({ id, name, bbox: { south: bbox.south, west: bbox.west, north: bbox.north, east: bbox.east }, minZoom, maxZoom, count, saved, savedAt })),
  }
}

export function backupFileName(now: Date): string {
  return `yume-kairo-backup-${tokyoClock(now).date}.json`
}

/** Approximate bytes the person's data takes (as it would in a backup file). */
export function userDataBytes(data: UserDataLists): number {
  return new TextEncoder().encode(JSON.stringify(toBackup(data, new Date(0)))).length
}

/** Stamps collected after the last backup (all of them when there never was one). */
export function stampsSinceBackup(stamps: readonly Stamp[], lastBackupAt: string | null): number {
  return lastBackupAt ? stamps.filter((s) => s.at > lastBackupAt).length : stamps.length
}

const isNum = (n: unknown, min: number, max: number) => typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max
const isInt = (n: unknown, min: number, max: number) => isNum(n, min, max) && Number.isInteger(n)

/** One saved area of the first versions' localStorage list, if it still reads as one (our own format). */
function legacyArea(a: unknown): SavedArea | null {
  if (!a || typeof a !== 'object') return null
  const o = a as Record<string, unknown>
  const b = (o.bbox ?? {}) as Record<string, unknown>
  const ok =
    typeof o.id === 'string' && /^area-[a-z0-9-]{1,60}$/.test(o.id) && typeof o.name === 'string' && o.name.length <= 200 &&
    isNum(b.south, -90, 90) && isNum(b.north, -90, 90) && isNum(b.west, -180, 180) && isNum(b.east, -180, 180) && (b.south as number) < (b.north as number) && (b.west as number) < (b.east as number) &&
    isInt(o.minZoom, 0, 22) && isInt(o.maxZoom, 0, 22) && (o.minZoom as number) <= (o.maxZoom as number) &&
    isInt(o.count, 0, 1e7) && isInt(o.saved, 0, 1e7) && typeof o.savedAt === 'string' && !Number.isNaN(Date.parse(o.savedAt))
  if (!ok) return null
  return { id: o.id as string, name: o.name as string, bbox: { south: b.south as number, west: b.west as number, north: b.north as number, east: b.east as number }, minZoom: o.minZoom as number, maxZoom: o.maxZoom as number, count: o.count as number, saved: o.saved as number, savedAt: o.savedAt as string }
}

/** Old saved areas (localStorage, first versions): the ones that still read as areas. */
export function legacySavedAreas(json: string | null): SavedArea[] {
  if (!json) return []
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.map(legacyArea).filter((a): a is SavedArea => a !== null) : []
  } catch {
    return []
  }
}
