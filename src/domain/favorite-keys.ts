/** Keys and paths of favorites: tiny and dependency-free, so the heart on every card costs nothing at start-up. */
import type { FavoriteKind } from './user-data'

export function favoriteKey(kind: FavoriteKind, id: string): string {
  return `${kind}:${id}`
}

/** Where a record of each kind is shown. */
export function recordPath(kind: FavoriteKind, id: string): string {
  const enc = encodeURIComponent(id)
  if (kind === 'spot') return `/spots/${enc}`
  if (kind === 'event') return `/events/${enc}`
  if (kind === 'route') return `/routes/${enc}`
  return `/living#scheme-${enc}`
}
