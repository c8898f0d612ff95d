/**
 * The favorites export file: what it looks like and how an imported file is
 * checked (valibot, strict) before anything is written. Pure: no Vue.
 */
import * as v from 'valibot'
import type { Favorite, FavoriteKind } from '@/data/db'
import { IdSchema, LocalizedShortSchema } from './snapshot-schema'

export const FAVORITES_FORMAT = 'yume-kairo-favorites'
export const FAVORITES_FILE_VERSION = 1
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024
export const FAVORITE_KINDS = ['spot', 'event', 'route', 'scheme'] as const satisfies readonly FavoriteKind[]

const FavoriteSchema = v.pipe(
  v.strictObject({
    key: v.pipe(v.string(), v.maxLength(200)),
    kind: v.picklist(FAVORITE_KINDS),
    id: IdSchema,
    name: LocalizedShortSchema,
    addedAt: v.pipe(v.string(), v.isoTimestamp('is not a timestamp')),
  }),
  v.check((f) => f.key === `${f.kind}:${f.id}`, 'key does not match kind and id'),
)

export const FavoritesFileSchema = v.strictObject({
  format: v.literal(FAVORITES_FORMAT),
  version: v.literal(FAVORITES_FILE_VERSION),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  favorites: v.pipe(v.array(FavoriteSchema), v.maxLength(10_000)),
})

export function favoritesFile(favorites: readonly Favorite[], now = new Date()): string {
  const file: v.InferOutput<typeof FavoritesFileSchema> = {
    format: FAVORITES_FORMAT,
    version: FAVORITES_FILE_VERSION,
    exportedAt: now.toISOString(),
    favorites: favorites.map(({ key, kind, id, name, addedAt }) => ({ key, kind, id, name: name.en ? { ja: name.ja, en: name.en } : { ja: name.ja }, addedAt })),
  }
  return JSON.stringify(file, null, 2)
}

export class FavoritesFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FavoritesFileError'
  }
}

/** Parse and check an imported file; throws FavoritesFileError with the first problem. */
export function parseFavoritesFile(text: string): Favorite[] {
  if (text.length > MAX_IMPORT_BYTES) throw new FavoritesFileError('file too large')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new FavoritesFileError('not JSON')
  }
  const result = v.safeParse(FavoritesFileSchema, json)
  if (!result.success) {
    const issue = result.issues[0]
    const path = v.getDotPath(issue) ?? ''
    throw new FavoritesFileError(`${path ? `${path}: ` : ''}${issue.message}`)
  }
  return result.output.favorites
}
