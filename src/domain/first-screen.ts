/**
 * A prerendered route's first screen of records (issue 18): the few records the route shows first, taken from the
 * bundled snapshot at build time, rendered into its HTML and carried in the page beside it, so the browser hydrates
 * those cards with the very records they were rendered from. The first screen paints its places before any script
 * has run or any data has been downloaded; the stored (or just imported) data replaces them once it is read.
 *
 * Only what does not depend on the visit is in it: records in the data's own order, never "open now", today's
 * events, a distance or the person's favourites (those follow with the stored data, as before).
 */
import { homeSpots } from './highlights'
import type { Municipality, Spot } from './snapshot-schema'

/** What a place's card shows (components/spot/SpotCard): all a first screen carries of a place. */
export type SpotSummary = Pick<Spot, 'id' | 'municipality' | 'category' | 'name' | 'highlight'>
const summary = ({ id, municipality, category, name, highlight }: Spot): SpotSummary => ({ id, municipality, category, name, ...(highlight ? { highlight } : {}) })

export interface FirstScreen {
  /** The places the route shows first, in its order. */
  spots: SpotSummary[]
  /** The names of those places' towns. */
  towns: Pick<Municipality, 'code' | 'name'>[]
}

/** The element of a prerendered page that carries its first screen (JSON). */
export const FIRST_SCREEN_ELEMENT_ID = 'first-screen'

/** The routes whose first screen shows records, and which records. */
const ROUTES: Record<string, (spots: readonly Spot[]) => Spot[]> = {
  '/': (spots) => homeSpots(spots),
}

export function firstScreenOf(path: string, snapshot: { spots: readonly Spot[]; municipalities: readonly Municipality[] }): FirstScreen | null {
  const pick = ROUTES[path]
  if (!pick) return null
  const spots = pick(snapshot.spots).map(summary)
  const codes = new Set(spots.map((s) => s.municipality))
  const towns = snapshot.municipalities.filter((m) => codes.has(m.code)).map((m) => ({ code: m.code, name: m.name }))
  return { spots, towns }
}

/** The page's first screen as it travels inside a `<script type="application/json">`: never closes that element. */
export function firstScreenJson(screen: FirstScreen): string {
  return JSON.stringify(screen).replace(/</g, '\\u003c')
}
