/** Applies the region and plausibility rules to the drafts of all feeds. */
import { plainPlaceName } from '../../src/domain/place-name'
import type { MunicipalityCode, Point, RegionEvent, Spot } from '../../src/domain/snapshot-schema'
import type { Draft, EventDraft, SpotDraft } from './importers'
import { pointKey, Region, REGION_NAMES, sharedPlaceholders, withoutTown } from './region'
import type { SourceReport } from './report'


const NAME_OF = Object.fromEntries(Object.entries(REGION_NAMES).map(([n, c]) => [c, n])) as Record<MunicipalityCode, string>
const label = (m: string | undefined) => (m === undefined ? '?' : m === 'outside' ? 'outside the region' : NAME_OF[m as MunicipalityCode])

export interface RuleResult {
  spots: Spot[]
  events: RegionEvent[]
  /** Points found to be placeholders (shared by unrelated records). */
  placeholderPoints: Set<string>
  /** The feeds' event addresses by event id (the schema has no address field for events). */
  eventAddresses: Map<string, string>
}

export function applyRules(drafts: Array<{ draft: Draft; report: SourceReport }>, region: Region): RuleResult {
  // Among places (spots), a point shared by two unrelated places is a placeholder. Across every record
  // kind of the feeds, events included: an event rightly borrows the point of the place it is held at, so
  // there it takes three unrelated places (an event counts under its venue's name) — e.g. a city hall's
  // point given to five events in five different venues and to a shrine 3.7 km away.
  const spotHolders = drafts
    .filter(({ draft }) => draft.kind === 'spot' && !!draft.rawPoint && !draft.pointReason)
    .map(({ draft }) => ({ key: draft.ref, name: draft.name, address: draft.address, point: draft.rawPoint! }))
  // An event without a venue names no place, so it cannot tell a placeholder from a place: left out.
  const allHolders = drafts
    .filter(({ draft }) => !!draft.rawPoint && !draft.pointReason && (draft.kind === 'spot' || !!(draft as EventDraft).record.venue?.ja))
    .map(({ draft }) => ({ key: draft.ref, name: draft.kind === 'event' ? (draft as EventDraft).record.venue!.ja : draft.name, address: draft.address, point: draft.rawPoint! }))
  const placeholders = new Map([...sharedPlaceholders(allHolders, 3), ...sharedPlaceholders(spotHolders)])
  const placeholderPoints = new Set(allHolders.filter((h) => placeholders.has(h.key)).map((h) => pointKey(h.point)))

  const spots: Array<{ spot: Spot; report: SourceReport; draft: SpotDraft }> = []
  const events: RegionEvent[] = []
  const eventAddresses = new Map<string, string>()
  for (const { draft, report } of drafts) {
    const byPoint = draft.rawPoint && !draft.pointReason ? region.municipalityAt(draft.rawPoint) : undefined
    const a = draft.addressMunicipality
    const s = draft.statedMunicipality
    if (a && s && a !== s) report.note('address and the stated municipality (市区町村名/code) disagree; the address is used', `${draft.name}: ${label(a)} / ${label(s)}`)
    const municipality = a ?? s ?? byPoint
    if (municipality === 'outside') {
      if (byPoint) report.drop('outside the 7 municipalities by address, but the point lies inside one: address and point disagree', `${draft.name}: point in ${label(byPoint)}`)
      else report.drop('outside the 7 municipalities', draft.name)
      continue
    }
    if (!municipality) {
      if (draft.rawPoint && !draft.pointReason) report.drop('outside the 7 municipalities (no municipality in the address; the point lies outside the region)', draft.name)
      else report.drop('municipality unknown (no address, no usable point)', draft.name)
      continue
    }
    let point: Point | undefined
    if (draft.rawPoint) {
      if (draft.pointReason) report.note(`no trusted point: ${draft.pointReason}`, `${draft.name} (${draft.rawPoint.lat}, ${draft.rawPoint.lng})`)
      else if (byPoint !== municipality) {
        report.note('address and point disagree: no trusted point', `${draft.name}: address ${label(municipality)}, point in ${label(byPoint)}`)
      } else if (placeholders.has(draft.ref)) {
        report.note('no trusted point: placeholder shared exactly with unrelated records', `${draft.name} = ${placeholders.get(draft.ref)!.slice(0, 2).join(', ')}${placeholders.get(draft.ref)!.length > 2 ? ' …' : ''}`)
      } else if (draft.kind === 'event' && placeholderPoints.has(pointKey(draft.rawPoint))) {
        report.note('no trusted point: a known placeholder point', draft.name)
      } else point = draft.rawPoint
    }
    if (draft.kind === 'spot') {
      const spot = { ...draft.record, municipality, ...(point ? { point } : {}) } as Spot
      spots.push({ spot, report, draft })
    } else {
      events.push({ ...(draft as EventDraft).record, municipality, ...(point ? { point } : {}) } as RegionEvent)
      if (draft.address) eventAddresses.set(draft.record.id, draft.address)
      for (const [reason, example] of draft.notes) report.note(reason, example)
      report.kept++
    }
  }

  // The same place in two feeds (or twice in one): keep the first in feed order
  // (the municipalities' own files come first), preferring one with a trusted point.
  const kept = new Map<string, { spot: Spot; report: SourceReport; draft: SpotDraft }>()
  for (const entry of spots) {
    // 「宇部市渡辺翁記念会館」 in 宇部市's file is 「渡辺翁記念会館」 in the prefecture's.
    const key = `${entry.spot.municipality}|${withoutTown(plainPlaceName(entry.spot.name.ja), entry.spot.municipality)}`
    const prior = kept.get(key)
    if (!prior) {
      kept.set(key, entry)
      continue
    }
    if (!prior.spot.point && entry.spot.point) {
      prior.report.drop('duplicate of a record with a trusted point', `${prior.spot.name.ja} → ${entry.spot.id}`)
      kept.set(key, entry)
    } else {
      entry.report.drop('duplicate (same name in the same municipality)', `${entry.spot.name.ja} → ${prior.spot.id}`)
    }
  }
  for (const { report, draft } of kept.values()) {
    for (const [reason, example] of draft.notes) report.note(reason, example)
    report.kept++
  }
  return { spots: [...kept.values()].map((e) => e.spot), events, placeholderPoints, eventAddresses }
}
