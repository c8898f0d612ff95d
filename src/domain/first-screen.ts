/**
 * A prerendered route's first screen of records (issue 18): the few records the route shows first, taken from the
 * bundled snapshot at build time, rendered into its HTML and carried in the page beside it, so the browser hydrates
 * those cards with the very records they were rendered from. The first screen paints its places before any script
 * has run or any data has been downloaded; the stored (or just imported) data replaces them once it is read.
 *
 * Only what does not depend on the visit is in it: records in the data's own order, never "open now", today's
 * events, a distance or the person's favourites (those follow with the stored data, as before).
 */
import type { Municipality, Scheme, Source, Spot } from './snapshot-schema'

/**
 * What a place's card shows (components/spot/SpotCard): all a first screen carries of a place. `hasHours`: its hours
 * can be read, so its card will show whether it is open now (kept a line for, until the stored data says).
 */
export type SpotSummary = Pick<Spot, 'id' | 'municipality' | 'category' | 'name' | 'highlight'> & { hasHours?: true }

/** What a source's card shows (pages/AboutPage): all a first screen carries of a source. */
export type SourceSummary = Pick<Source, 'id' | 'title' | 'publisher' | 'credit' | 'licence'>

export interface FirstScreen {
  /** The route it was rendered for: no other route shows it. */
  path: string
  /** The places the route shows first, in its order. */
  spots: SpotSummary[]
  /** The names of those places' towns, or of all seven (in the towns' order) where the route lists the towns. */
  towns: Pick<Municipality, 'code' | 'name'>[]
  /**
   * The data's sources, in the order they are stored (by id): all of them where the route lists them (`/about`), else
   * those of the records it carries (`/living`'s schemes, whose cards name their source).
   */
  sources?: SourceSummary[]
  /** The schemes `/living` lists first (FIRST_SCHEMES, in the browser's order), whole: their cards show every field. */
  schemes?: Scheme[]
  /** How many schemes there are (the browser's count, "19件の制度"). */
  schemeCount?: number
}

/**
 * The cards a long list renders at once (composables/useProgressiveList), and so the places a prerendered /spots
 * carries: a screenful under the filters and more (3 event cards or 5 places fit on a 412×823 phone, 6 and 8 on a
 * tablet). The same number on both sides: the stored list replaces the built cards card for card.
 */
export const FIRST_CARDS = 10

/**
 * The cards a list renders at once when its page was prerendered without them (/events): they are all new nodes,
 * built and laid out in the task that shows the data, so only a phone's screenful (3 event cards fit on a 412×823
 * phone, under the filters); the rest follow a slice at a time.
 */
export const SCREENFUL_CARDS = 4

/**
 * The scheme cards `/living` renders at once, and so the schemes its prerendered page carries: on a 412×823 phone the
 * filters fill the first screen, and two cards fill a tablet's. The rest follow a slice at a time.
 */
export const FIRST_SCHEMES = 2

/**
 * A page with a first screen carries the hash of the snapshot it was built from (`data-snapshot` on the app's
 * element). When the device's stored snapshot is that one (storage-keys' SNAPSHOT_STORED_KEY), the first screen's
 * records are the stored ones, and a list that waited only for them (marked `data-first-screen`) is final: before
 * the app runs (as a rule, before the first paint), the boot script (vite.config.ts) takes its busy mark off and marks
 * the app's element with `data-first-screen="stored"`, and the app renders the same (stores/records' firstScreenBusy).
 */
export const FIRST_SCREEN_STORED = 'stored'

/** The element of a prerendered page that carries its first screen (JSON). */
export const FIRST_SCREEN_ELEMENT_ID = 'first-screen'

/** The page's first screen as it travels inside a `<script type="application/json">`: never closes that element. */
export function firstScreenJson(screen: FirstScreen): string {
  return JSON.stringify(screen).replace(/</g, '\\u003c')
}
