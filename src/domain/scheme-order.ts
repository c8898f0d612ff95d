/** The order the schemes browser lists schemes in. Pure: no Vue. */
import { SCHEME_CATEGORIES } from './snapshot-constants'
import type { Scheme } from './snapshot-schema'
import { compareCodeUnits } from './text-order'
import { townRank } from './town-order'

/** By category (the schema's order), then region-wide first and the towns in the usual order, then by id. */
export function inSchemeOrder<S extends Pick<Scheme, 'id' | 'category' | 'municipality'>>(schemes: readonly S[]): S[] {
  const town = (s: S) => (s.municipality === 'region' ? -1 : townRank(s.municipality))
  return [...schemes].sort((a, b) => SCHEME_CATEGORIES.indexOf(a.category) - SCHEME_CATEGORIES.indexOf(b.category) || town(a) - town(b) || compareCodeUnits(a.id, b.id))
}
