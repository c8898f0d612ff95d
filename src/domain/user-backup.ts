/**
 * Backup of the person's own data (stamps, favorites, settings) as a JSON
 * file, validated on import and MERGED: an import only ever adds, so no stamp
 * is lost whatever file is imported.
 */
import * as v from 'valibot'
import { tokyoClock } from './tokyo-clock'

export const BACKUP_KIND = 'yume-kairo-user-data'
export const BACKUP_VERSION = 1

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._:-]{0,127}$/))
const Timestamp = v.pipe(v.string(), v.isoTimestamp())
const Name = v.object({ ja: v.pipe(v.string(), v.maxLength(500)), en: v.optional(v.pipe(v.string(), v.maxLength(500))) })

export const BackupStampSchema = v.pipe(
  v.object({ key: v.string(), rallyId: Id, checkpointId: Id, at: Timestamp, method: v.picklist(['gps', 'qr', 'code']) }),
  v.check((s) => s.key === `${s.rallyId}/${s.checkpointId}`, 'stamp key must be rallyId/checkpointId'),
)
export const BackupFavoriteSchema = v.pipe(
  v.object({ key: v.string(), kind: v.picklist(['spot', 'event', 'route', 'scheme']), id: Id, name: Name, addedAt: Timestamp }),
  v.check((f) => f.key === `${f.kind}:${f.id}`, 'favorite key must be kind:id'),
)
export const BackupSettingSchema = v.object({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(100)), value: v.nullable(v.union([v.string(), v.number(), v.boolean()])) })

export const UserBackupSchema = v.object({
  kind: v.literal(BACKUP_KIND),
  version: v.literal(BACKUP_VERSION),
  exportedAt: Timestamp,
  stamps: v.pipe(v.array(BackupStampSchema), v.maxLength(10_000)),
  favorites: v.pipe(v.array(BackupFavoriteSchema), v.maxLength(10_000)),
  settings: v.pipe(v.array(BackupSettingSchema), v.maxLength(1_000)),
})
export type UserBackup = v.InferOutput<typeof UserBackupSchema>

export type BackupParse = { ok: true; backup: UserBackup } | { ok: false; detail: string }

export function parseBackup(text: string): BackupParse {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, detail: 'not JSON' }
  }
  const result = v.safeParse(UserBackupSchema, json)
  if (result.success) return { ok: true, backup: result.output }
  const issue = result.issues[0]
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? ''
  return { ok: false, detail: `${path ? `${path}: ` : ''}${issue.message}` }
}

export function backupFileName(now: Date): string {
  const day = tokyoClock(now).date
  return `yume-kairo-backup-${day}.json`
}
