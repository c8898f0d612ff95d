/**
 * Events held at a place the snapshot already maps.
 *
 * An event without a trusted point of its own (none published, or a placeholder)
 * takes the point of its venue when the venue names exactly one place in the
 * same municipality that has a trusted point: same name once brackets, spaces,
 * width, a leading 道の駅 and the town's own name are ignored
 * (「渡辺翁記念会館(一階限定)」 = 宇部市渡辺翁記念会館).
 * When both publish a house number and the numbers differ, it is another place
 * of the same name and the event stays without a point. Nothing looser is tried:
 * a venue such as 「防府天満宮～周防国分寺～旧毛利家本邸一帯」 keeps no point.
 *
 * A matched event names the place (`venueSpotId`), so its page links to it.
 * The same match checks events that do have a point: one more than
 * VENUE_FAR_M from the place its venue names (「道の駅 あいお」 published 16 km
 * away) is wrong by the source's own words, and the place's point replaces it.
 */
import { distanceM } from '../../src/domain/geo'
import type { MunicipalityCode, RegionEvent, Spot } from '../../src/domain/snapshot-schema'
import { coreAddress, coreName, withoutTown } from './region'
import type { SourceReport } from './report'

const placeName = (name: string, town: MunicipalityCode) => withoutTown(coreName(name).replace(/^道の駅/, ''), town)

/** The last house number of an address (「大字牟礼上坂本1354」 → 1354, 「朝日町8番1号」 and 「朝日町8－1」 → 8-1). */
export function houseNumber(address: string | undefined): string | undefined {
  const hyphenated = coreAddress(address)
    ?.replace(/(\d)(?:丁目|番地|番|の)(?=\d)/g, '$1-')
    .replace(/(\d)(?:番地|号)/g, '$1')
  return hyphenated?.match(/\d+(?:-\d+)*/g)?.at(-1)
}

export const VENUE_NOTE = 'no trusted point of its own: the point of the place it is held at (same name, same municipality)'
export const VENUE_MISMATCH = 'venue has the name of a mapped place, but another house number: no point'
export const VENUE_FAR = 'point far from the place named as the venue: the place\'s point is used'
export const VENUE_FAR_M = 1000

export function placeEventsAtVenues(
  events: RegionEvent[],
  spots: Spot[],
  addressOf: (event: RegionEvent) => string | undefined,
  reportOf: (event: RegionEvent) => SourceReport | undefined,
): RegionEvent[] {
  const places = new Map<string, Spot[]>()
  for (const spot of spots) {
    const key = `${spot.municipality}|${placeName(spot.name.ja, spot.municipality)}`
    places.set(key, [...(places.get(key) ?? []), spot])
  }
  return events.map((event) => {
    if (!event.venue) return event
    const candidates = places.get(`${event.municipality}|${placeName(event.venue.ja, event.municipality)}`) ?? []
    if (candidates.length !== 1 || !candidates[0]!.point) return event
    const spot = candidates[0]!
    const [a, b] = [houseNumber(addressOf(event)), houseNumber(spot.address)]
    if (a && b && a !== b) {
      if (!event.point) reportOf(event)?.note(VENUE_MISMATCH, `${event.name.ja}: ${event.venue.ja} (${a} / ${spot.id} ${b})`)
      return event
    }
    if (event.point) {
      const far = distanceM(event.point, spot.point!)
      if (far <= VENUE_FAR_M) return { ...event, venueSpotId: spot.id }
      reportOf(event)?.note(VENUE_FAR, `${event.name.ja}: ${(far / 1000).toFixed(1)} km from ${spot.id}`)
    } else reportOf(event)?.note(VENUE_NOTE, `${event.name.ja} → ${spot.id}`)
    return { ...event, venueSpotId: spot.id, point: spot.point, sourceRef: [event.sourceRef, `会場の位置: ${spot.name.ja} (${spot.id})`].filter(Boolean).join('; ') }
  })
}
