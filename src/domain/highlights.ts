/**
 * Home's places: the editorial "must see" picks first (data/curated/highlights.json, each with its
 * reason and source), in the towns' order, then the other places as listed.
 */
import { addDays, daysInMonth, isoOf, weekRange, type DateRange, type IsoDate } from './event-dates'
import type { Spot } from './snapshot-schema'
import { townRank } from './town-order'

const byTownThenId = (a: Spot, b: Spot) => townRank(a.municipality) - townRank(b.municipality) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function homeSpots(spots: readonly Spot[], count = 6): Spot[] {
  const picks = spots.filter((s) => s.highlight).sort(byTownThenId)
  const rest = spots.filter((s) => !s.highlight)
  return [...picks, ...rest].slice(0, count)
}

/** The month (1–12) of a Japan date. */
export const monthOf = (today: IsoDate): number => Number(today.slice(5, 7))

/**
 * "This season" on Home: the places whose source names something in this month (data/curated/seasons.json,
 * as `spot.season`), one per town first so every town has a turn, then the rest, in the towns' order.
 */
export function seasonSpots(spots: readonly Spot[], today: IsoDate, count = 4): Spot[] {
  const month = monthOf(today)
  const inSeason = spots.filter((s) => s.season?.months.includes(month)).sort(byTownThenId)
  const seen = new Set<string>()
  const firsts = inSeason.filter((s) => !seen.has(s.municipality) && seen.add(s.municipality))
  return [...firsts, ...inSeason.filter((s) => !firsts.includes(s))].slice(0, count)
}

/** The rest of this month after this week (Home's "this week" shows the days before); null when the month ends this week. */
export function laterThisMonth(today: IsoDate): DateRange | null {
  const [y, m] = [Number(today.slice(0, 4)), monthOf(today)]
  const start = addDays(weekRange(today).end, 1)
  const end = isoOf(y, m, daysInMonth(y, m))
  return start <= end ? { start, end } : null
}
