/**
 * Home's places: the editorial "must see" picks first (data/curated/highlights.json, each with its
 * reason and source), in the towns' order, then the other places as listed.
 */
import type { Spot } from './snapshot-schema'
import { townRank } from './town-order'

export function homeSpots(spots: readonly Spot[], count = 6): Spot[] {
  const picks = spots.filter((s) => s.highlight).sort((a, b) => townRank(a.municipality) - townRank(b.municipality) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const rest = spots.filter((s) => !s.highlight)
  return [...picks, ...rest].slice(0, count)
}
