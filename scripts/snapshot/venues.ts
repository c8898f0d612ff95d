/**
 * Events held at a place the snapshot already maps.
 *
 * An event's venue names a spot when, in the same municipality, exactly one
 * spot with a trusted point has that name: width, spaces and the town's own
 * name in front are ignored, and so are brackets the venue adds
 * (「渡辺翁記念会館(一階限定)」 = 宇部市渡辺翁記念会館); a spot's own brackets
 * count (「萩往還（萩）」 is not 「萩往還」). Only when no spot has the exact
 * name may a venue without 道の駅 name the 道の駅 of that name (「ハピネスふくえ」
 * = 道の駅 ハピネスふくえ), so 道の駅 長門峡 never stands in for the gorge 長門峡.
 * When both publish an address and area or house number differ, it is another
 * place of the same name. Nothing looser is tried: a venue such as
 * 「防府天満宮～周防国分寺～旧毛利家本邸一帯」 names no spot.
 *
 * A matched event names the spot (`venueSpotId`), so its page links to it, and
 * an event without a trusted point of its own (none published, or a
 * placeholder) takes the spot's point. An event's own point is replaced only
 * on positive evidence: more than VENUE_FAR_M from the spot its venue names,
 * and either the same address on both sides or a distinctive name (a 道の駅,
 * or six characters or more not ending in a generic word: 「秋吉台家族旅行村」,
 * not 「春日神社」 or 「コミュニティセンター」, of which a city may have several).
 */
import { distanceM } from '../../src/domain/geo'
import { plainPlaceName } from '../../src/domain/place-name'
import type { MunicipalityCode, RegionEvent, Spot } from '../../src/domain/snapshot-schema'
import { coreAddress, coreName, withoutTown } from './region'
import type { SourceReport } from './report'
import { nfkc } from './csv'

/** A spot's name as matched: its brackets kept. */
const spotName = (name: string, town: MunicipalityCode) => withoutTown(plainPlaceName(name), town)
/** A venue's name as matched: what it adds in brackets dropped. */
const venueName = (name: string, town: MunicipalityCode) => withoutTown(coreName(name), town)
const withoutStation = (name: string) => name.replace(/^道の駅/, '')

const KANJI_DIGITS = '一二三四五六七八九'
/** 一 … 九十九 → 1 … 99 (丁目 numbers). */
function kanjiNumber(text: string): number {
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text]
  const digit = (c: string | undefined) => (c ? KANJI_DIGITS.indexOf(c) + 1 : 0)
  return (text.includes('十') ? Math.max(1, digit(tens)) * 10 : 0) + digit(ones)
}

export interface AddressKey {
  /** The 町 or 大字 name after the town, without 大字/字 (「牟礼上坂本」). */
  area: string
  /** The first number group: 丁目-番-号 or 番地-枝番 (「8-1」). */
  number: string
}

/**
 * Where an address points within its town: area and house number, with any
 * postcode in front and any building or floor after the number left out
 * (「〒747-0001 防府市大字牟礼上坂本1354」 → 牟礼上坂本 / 1354; 「朝日町8番1号2F」,
 * 「朝日町8－1」 and 「朝日町8番の1」 → 朝日町 / 8-1; 「中央二丁目5-1 センタービル」 → 中央 / 2-5-1).
 */
export function addressKey(address: string | undefined): AddressKey | undefined {
  if (!address) return undefined
  const text = nfkc(address)
    .trim()
    .replace(/^〒?\s*\d{3}[-‐ー−]?\d{4}\s*/, '')
    .replace(/([一二三四五六七八九]?十?[一二三四五六七八九]?)丁目/, (m, n: string) => (n ? `${kanjiNumber(n)}丁目` : m))
    .replace(/(\d)号/g, '$1 ') // 号 ends the number: 「1号2F」 is not 12
    .replace(/(\d[^\s]*)\s.*$/s, '$1') // a building or floor after a space
  const core = coreAddress(text)
    ?.replace(/(\d)(?:丁目|番地の|番の|番地|番|の)(?=\d)/g, '$1-')
    .replace(/(\d)(?:丁目|番地|番)/g, '$1')
    .replace(/大字|字/g, '')
  const match = core?.match(/\d+(?:-\d+)*/)
  return match ? { area: core!.slice(0, match.index), number: match[0] } : undefined
}

/** A house number for the tests and the report: see addressKey. */
export const houseNumber = (address: string | undefined): string | undefined => addressKey(address)?.number

/**
 * Two addresses that can be the same place: the number agrees (1354 and 1354-1,
 * a lot and its sub-lot) and one area name starts with the other (牟礼 /
 * 牟礼上坂本); lot numbers restart in every 大字, so 台道1354 is not 牟礼1354.
 */
export function sameAddressKey(a: AddressKey, b: AddressKey): boolean {
  const [short, long] = a.number.length <= b.number.length ? [a.number, b.number] : [b.number, a.number]
  const numbers = long === short || long.startsWith(`${short}-`)
  return numbers && (a.area.startsWith(b.area) || b.area.startsWith(a.area))
}

/** Names too common to identify a place without an address (a city may have several). */
const GENERIC = /(センター|公民館|会館|体育館|公園|広場|運動場|グラウンド|集会所|神社|八幡宮|天満宮|寺|駅|ホール|市民館|交流館)$/
/** A name specific enough to trust over the event's own point: a 道の駅, or six characters or more that do not end in a generic word. */
export function distinctiveName(name: string): boolean {
  return name.startsWith('道の駅') || (name.length >= 6 && !GENERIC.test(name))
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
    // The venue as written (brackets kept: 「萩往還（萩）」), then without what it adds in brackets.
    const names = [...new Set([spotName(event.venue.ja, event.municipality), venueName(event.venue.ja, event.municipality)])]
    for (const name of names) {
      const same = exact.get(`${event.municipality}|${name}`) ?? []
      if (same.length) return same.length === 1 && same[0]!.point ? same[0] : undefined
    }
    // No exact name: a venue without 道の駅 may name the 道の駅 of that name (「ハピネスふくえ」), never the reverse
    // (「道の駅萩往還」 is not the 萩往還 trail).
    const name = names.at(-1)!
    if (name.startsWith('道の駅')) return undefined
    const stations = (loose.get(`${event.municipality}|${name}`) ?? []).filter((s) => spotName(s.name.ja, s.municipality).startsWith('道の駅'))
    return stations.length === 1 && stations[0]!.point ? stations[0] : undefined
  }

  return events.map((event) => {
    if (!event.venue) return event
    const spot = spotFor(event as RegionEvent & { venue: NonNullable<RegionEvent['venue']> })
    if (!spot) return event
    const [a, b] = [addressKey(addressOf(event)), addressKey(spot.address)]
    const sameAddress = !!a && !!b && sameAddressKey(a, b)
    if (a && b && !sameAddress) {
      if (!event.point) reportOf(event)?.note(VENUE_MISMATCH, `${event.name.ja}: ${event.venue.ja} (${a.area}${a.number} / ${spot.id} ${b.area}${b.number})`)
      return event
    }
    if (event.point) {
      const far = distanceM(event.point, spot.point!)
      if (far <= VENUE_FAR_M) return { ...event, venueSpotId: spot.id }
      if (!sameAddress && !distinctiveName(spotName(spot.name.ja, spot.municipality))) {
        reportOf(event)?.note(VENUE_FAR_KEPT, `${event.name.ja}: ${(far / 1000).toFixed(1)} km from ${spot.id}`)
        return event
      }
      reportOf(event)?.note(VENUE_FAR, `${event.name.ja}: ${(far / 1000).toFixed(1)} km from ${spot.id}`)
    } else reportOf(event)?.note(VENUE_NOTE, `${event.name.ja} → ${spot.id}`)
    return { ...event, venueSpotId: spot.id, point: spot.point, sourceRef: [event.sourceRef, `会場の位置: ${spot.name.ja} (${spot.id})`].filter(Boolean).join('; ') }
  })
}
