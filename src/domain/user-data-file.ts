/**
 * The backup file's schema (valibot) and the one reader for every file the app ever wrote: the
 * backup (version 2, with saved areas), the first backup (version 1) and the favourites-only
 * export. Loaded only when a file is opened (or old saved areas are copied), not at start.
 */
import * as v from 'valibot'
import { BACKUP_KIND, BACKUP_VERSION, FAVORITE_KINDS, LEGACY_FAVORITES_FORMAT, MAX_IMPORT_BYTES, STAMP_METHODS, type UserBackup } from './user-data'

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._:-]{0,127}$/, 'is not an id'))
const Timestamp = v.pipe(v.string(), v.isoTimestamp('is not a timestamp'))
const Name = v.object({ ja: v.pipe(v.string(), v.minLength(1), v.maxLength(500)), en: v.optional(v.pipe(v.string(), v.maxLength(500))) })
const Lat = v.pipe(v.number(), v.minValue(-90), v.maxValue(90))
const Lng = v.pipe(v.number(), v.minValue(-180), v.maxValue(180))
const Zoom = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(22))
const Count = v.pipe(v.number(), v.integer(), v.minValue(0))

export const StampSchema = v.pipe(
  v.object({ key: v.string(), rallyId: Id, checkpointId: Id, at: Timestamp, method: v.picklist(STAMP_METHODS) }),
  v.check((s) => s.key === `${s.rallyId}/${s.checkpointId}`, 'stamp key must be rallyId/checkpointId'),
)
export const FavoriteSchema = v.pipe(
  v.object({ key: v.pipe(v.string(), v.maxLength(200)), kind: v.picklist(FAVORITE_KINDS), id: Id, name: Name, addedAt: Timestamp }),
  v.check((f) => f.key === `${f.kind}:${f.id}`, 'favorite key must be kind:id'),
)
export const SettingSchema = v.object({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(100)), value: v.nullable(v.union([v.pipe(v.string(), v.maxLength(100_000)), v.number(), v.boolean()])) })
export const SavedAreaSchema = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.regex(/^area-[a-z0-9-]{1,60}$/, 'is not an area id')),
    name: v.pipe(v.string(), v.maxLength(200)),
    bbox: v.object({ south: Lat, west: Lng, north: Lat, east: Lng }),
    minZoom: Zoom,
    maxZoom: Zoom,
    count: Count,
    saved: Count,
    savedAt: Timestamp,
  }),
  v.check((a) => a.bbox.south < a.bbox.north && a.bbox.west < a.bbox.east && a.minZoom <= a.maxZoom, 'area bounds or zooms out of order'),
)

const lists = {
  stamps: v.pipe(v.array(StampSchema), v.maxLength(10_000)),
  favorites: v.pipe(v.array(FavoriteSchema), v.maxLength(10_000)),
  settings: v.pipe(v.array(SettingSchema), v.maxLength(1_000)),
}
export const UserBackupSchema = v.object({
  kind: v.literal(BACKUP_KIND),
  version: v.literal(BACKUP_VERSION),
  exportedAt: Timestamp,
  ...lists,
  savedAreas: v.pipe(v.array(SavedAreaSchema), v.maxLength(100)),
})

/** Version 1 of the backup: the same without saved areas. */
const BackupV1Schema = v.object({ kind: v.literal(BACKUP_KIND), version: v.literal(1), exportedAt: Timestamp, ...lists })
/** The favourites-only export. */
const FavoritesFileSchema = v.object({ format: v.literal(LEGACY_FAVORITES_FORMAT), version: v.literal(1), exportedAt: Timestamp, favorites: lists.favorites })

export type UserFileRead = { ok: true; data: UserBackup; from: 'backup' | 'backup-v1' | 'favorites' } | { ok: false; detail: string }

function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!
  const path = v.getDotPath(issue)
  return `${path ? `${path}: ` : ''}${issue.message}`
}

/** Reads any file the app ever exported. Fails with the first problem found, in the file's terms. */
export function readUserFile(text: string): UserFileRead {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, detail: 'file too large' }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, detail: 'not JSON' }
  }
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>
  if (o.format === LEGACY_FAVORITES_FORMAT) {
    const r = v.safeParse(FavoritesFileSchema, json)
    return r.success ? { ok: true, from: 'favorites', data: { kind: BACKUP_KIND, version: BACKUP_VERSION, exportedAt: r.output.exportedAt, stamps: [], favorites: r.output.favorites, settings: [], savedAreas: [] } } : { ok: false, detail: firstIssue(r.issues) }
  }
  if (o.kind === BACKUP_KIND && o.version === 1) {
    const r = v.safeParse(BackupV1Schema, json)
    return r.success ? { ok: true, from: 'backup-v1', data: { ...r.output, version: BACKUP_VERSION, savedAreas: [] } } : { ok: false, detail: firstIssue(r.issues) }
  }
  const r = v.safeParse(UserBackupSchema, json)
  return r.success ? { ok: true, from: 'backup', data: r.output } : { ok: false, detail: firstIssue(r.issues) }
}
