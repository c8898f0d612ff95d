/**
 * Events held at a place the snapshot already maps.
 *
 * An event's venue names a spot when, in the same municipality, exactly one
 * spot with a trusted point has that name: width, spaces and the town's own
 * name in front are ignored, and so are brackets the venue adds
 * (「渡辺翁記念会館(一階限定)」 = 宇部市渡辺翁記念会館); a spot's own brackets
 * count (「萩往還（萩）」 is not 「萩往還」). Only when no spot has the exact
 * name may a 道の駅 on one side only be ignored (「ハピネスふくえ」 = 道の駅
 * ハピネスふくえ), so 道の駅 長門峡 never stands in for the gorge 長門峡.
 * When both publish a house number and the numbers differ, it is another place
 * of the same name. Nothing looser is tried: a venue such as
 * 「防府天満宮～周防国分寺～旧毛利家本邸一帯」 names no spot.
 *
 * A matched event names the spot (`venueSpotId`), so its page links to it, and
 * an event without a trusted point of its own (none published, or a
 * placeholder) takes the spot's point. An event's own point is replaced only
 * on positive evidence: more than VENUE_FAR_M from the spot its venue names,
 * and either the same house number on both sides or a distinctive name
 * (a 道の駅, or six characters or more: 「秋吉台家族旅行村」, not 「春日神社」,
 * of which a city may have several while only one is mapped).
 */
import { distanceM } from '../../src/domain/geo'
import type { MunicipalityCode, RegionEvent, Spot } from '../../src/domain/snapshot-schema'
import { coreAddress, coreName, withoutTown } from './region'
import type { SourceReport } from './report'
import { nfkc } from './csv'

/** A spot's name as matched: its brackets kept. */
const spotName = (name: string, town: MunicipalityCode) => withoutTown(nfkc(name).replace(/[\s「」『』【】]/g, ''), town)
/** A venue's name as matched: what it adds in brackets dropped. */
const venueName = (name: string, town: MunicipalityCode) => withoutTown(coreName(name), town)
const withoutStation = (name: string) => name.replace(/^道の駅/, '')

/**
 * The house number of an address: the first number group after the town,
 * before any building or floor (「大字牟礼上坂本1354」 → 1354; 「朝日町8番1号」,
 * 「朝日町8－1」 and 「朝日町8番の1」 → 8-1; 「中央2丁目5-1 センタービル2F」 and
 * 「中央二丁目5-1」 → 2-5-1).
 */
export function houseNumber(address: string | undefined): string | undefined {
  // No postcode in front; nothing after the first space that follows a number (a building, a floor).
  const trimmed = address?.replace(/^\s*〒?\s*\d{3}[-－ー‐]\d{4}\s*/, '').replace(/([0-9０-９][^\s　]*)[\s　].*$/s, '$1')
  const hyphenated = coreAddress(trimmed?.replace(/([一二三四五六七八九]?十?[一二三四五六七八九]?)丁目/, (m, n: string) => (n ? `${kanjiNumber(n)}丁目` : m)))
    ?.replace(/(\d)(?:丁目|番地の|番の|番地|番|の)(?=\d)/g, '$1-')
    .replace(/(\d)(?:番地|号)/g, '$1')
  return hyphenated?.match(/\d+(?:-\d+)*/)?.[0]
}

const KANJI_DIGITS = '一二三四五六七八九'
/** 一 … 九十九 → 1 … 99 (丁目 numbers). */
function kanjiNumber(text: string): number {
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text]
  const digit = (c: string | undefined) => (c ? KANJI_DIGITS.indexOf(c) + 1 : 0)
  return (text.includes('十') ? Math.max(1, digit(tens)) * 10 : 0) + digit(ones)
}

/** 1354 and 1354-1 agree (a lot and its sub-lot); 1354 and 1355 do not. */
export function sameHouse(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  return long === short || long.startsWith(`${short}-`)
}

export const VENUE_NOTE = 'no trusted point of its own: the point of the place it is held at (same name, same municipality)'
export const VENUE_MISMATCH = 'venue has the name of a mapped place, but another house number: no point'
export const VENUE_FAR = 'point far from the place named as the venue: the place\'s point is used'
export const VENUE_FAR_KEPT = 'point far from the place named as the venue, but the name is too common to be sure: own point kept'
export const VENUE_FAR_M = 1000

function index(spots: Spot[], key: (spot: Spot) => string): Map<string, Spot[]> {
  const map = new Map<string, Spot[]>()
  for (const spot of spots) map.set(key(spot), [...(map.get(key(spot)) ?? []), spot])
  return map
}

export function placeEventsAtVenues(
  events: RegionEvent[],
  spots: Spot[],
  addressOf: (event: RegionEvent) => string | undefined,
  reportOf: (event: RegionEvent) => SourceReport | undefined,
): RegionEvent[] {
  const exact = index(spots, (s) => `${s.municipality}|${spotName(s.name.ja, s.municipality)}`)
  const loose = index(spots, (s) => `${s.municipality}|${withoutStation(spotName(s.name.ja, s.municipality))}`)

  function spotFor(event: RegionEvent & { venue: NonNullable<RegionEvent['venue']> }): Spot | undefined {
    const name = venueName(event.venue.ja, event.municipality)
    const same = exact.get(`${event.municipality}|${name}`) ?? []
    // With no exact name, a 道の駅 on one side only: 「ハピネスふくえ」 and 「道の駅 ハピネスふくえ」.
    const candidates = same.length ? same : (loose.get(`${event.municipality}|${withoutStation(name)}`) ?? []).filter((s) => spotName(s.name.ja, s.municipality).startsWith('道の駅') !== name.startsWith('道の駅'))
    return candidates.length === 1 && candidates[0]!.point ? candidates[0] : undefined
  }

  return events.map((event) => {
    if (!event.venue) return event
    const spot = spotFor(event as RegionEvent & { venue: NonNullable<RegionEvent['venue']> })
    if (!spot) return event
    const [a, b] = [houseNumber(addressOf(event)), houseNumber(spot.address)]
    if (a && b && !sameHouse(a, b)) {
      if (!event.point) reportOf(event)?.note(VENUE_MISMATCH, `${event.name.ja}: ${event.venue.ja} (${a} / ${spot.id} ${b})`)
      return event
    }
    if (event.point) {
      const far = distanceM(event.point, spot.point!)
      if (far <= VENUE_FAR_M) return { ...event, venueSpotId: spot.id }
      const name = venueName(event.venue.ja, event.municipality)
      const distinctive = name.startsWith('道の駅') || spot.name.ja.startsWith('道の駅') || name.length >= 6
      if (!(a && b) && !distinctive) {
        reportOf(event)?.note(VENUE_FAR_KEPT, `${event.name.ja}: ${(far / 1000).toFixed(1)} km from ${spot.id}`)
        return event
      }
      reportOf(event)?.note(VENUE_FAR, `${event.name.ja}: ${(far / 1000).toFixed(1)} km from ${spot.id}`)
    } else reportOf(event)?.note(VENUE_NOTE, `${event.name.ja} → ${spot.id}`)
    return { ...event, venueSpotId: spot.id, point: spot.point, sourceRef: [event.sourceRef, `会場の位置: ${spot.name.ja} (${spot.id})`].filter(Boolean).join('; ') }
  })
}
