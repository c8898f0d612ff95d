/**
 * Which records each prerendered route's first screen shows (domain/first-screen), chosen from the bundled snapshot at
 * build time (src/ssr/entry-server.ts). Kept apart from first-screen.ts, which the app's entry reads: this module's
 * ordering and filtering belong to the routes' own chunks.
 */
import { FIRST_CARDS, FIRST_SCHEMES, type FirstScreen, type SourceSummary, type SpotSummary } from './first-screen'
import { homeSpots } from './highlights'
import { byId } from './record-order'
import { inSchemeOrder } from './scheme-order'
import type { Municipality, Scheme, Source, Spot } from './snapshot-schema'
import { listSpots, parseSpotQuery } from './spot-filter'
import { inTownOrder } from './town-order'

const summary = ({ id, municipality, category, name, highlight, openingHours }: Spot): SpotSummary => ({
  id,
  municipality,
  category,
  name,
  ...(highlight ? { highlight } : {}),
  ...(openingHours ? { hasHours: true as const } : {}),
})
const sourceSummary = ({ id, title, publisher, credit, licence }: Source): SourceSummary => ({ id, title, publisher, credit, licence })

/**
 * The routes whose first screen shows records, and which: Home's places, the first of all places; the map's town
 * buttons; the list of sources (`/about`, whose page is that list); the schemes browser's filters (the towns) and
 * first schemes, with their sources' titles.
 */
const ROUTES: Record<string, { spots?: (spots: readonly Spot[]) => Spot[]; allTowns?: true; sources?: true; schemes?: true }> = {
  // In the order IndexedDB gives them back (by id), as Home picks from the stored ones.
  '/': { spots: (spots) => homeSpots(byId(spots)) },
  // "Open now" is not part of the order (a default query, no position): the time of the build does not matter.
  '/spots': { spots: (spots) => listSpots(spots, parseSpotQuery({}), null, new Date(0)).slice(0, FIRST_CARDS).map((item) => item.spot) },
  '/map': { allTowns: true },
  '/about': { sources: true },
  '/living': { allTowns: true, schemes: true },
}

export function firstScreenOf(
  path: string,
  snapshot: { spots: readonly Spot[]; municipalities: readonly Municipality[]; sources?: readonly Source[]; schemes?: readonly Scheme[] },
): FirstScreen | null {
  const route = ROUTES[path]
  if (!route) return null
  const spots = (route.spots?.(snapshot.spots) ?? []).map(summary)
  const codes = new Set(spots.map((s) => s.municipality))
  const towns = inTownOrder(snapshot.municipalities)
    .filter((m) => route.allTowns || codes.has(m.code))
    .map((m) => ({ code: m.code, name: m.name }))
  if (route.schemes) {
    const schemes = inSchemeOrder(snapshot.schemes ?? []).slice(0, FIRST_SCHEMES)
    const named = new Set(schemes.map((s) => s.source))
    const sources = byId((snapshot.sources ?? []).filter((s) => named.has(s.id))).map(sourceSummary)
    return { path, spots, towns, sources, schemes, schemeCount: snapshot.schemes?.length ?? 0 }
  }
  if (!route.sources) return { path, spots, towns }
  // In the order IndexedDB gives them back (domain/record-order): the stored list replaces these card for card.
  const sources = byId(snapshot.sources ?? []).map(sourceSummary)
  return { path, spots, towns, sources }
}
