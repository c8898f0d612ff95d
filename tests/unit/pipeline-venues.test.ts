/** Events placed at the mapped place they are held at: only on an unambiguous, uncontradicted match. */
import { describe, expect, it } from 'vitest'
import type { RegionEvent, Spot } from '@/domain/snapshot-schema'
import { SourceReport } from '../../scripts/snapshot/report'
import { addressKey, distinctiveName, houseNumber, placeEventsAtVenues, sameAddressKey, VENUE_FAR, VENUE_FAR_KEPT, VENUE_MISMATCH, VENUE_NOTE } from '../../scripts/snapshot/venues'

const spot = (id: string, name: string, change: Partial<Spot> = {}): Spot => ({
  id, municipality: '35206', category: 'history', name: { ja: name }, point: { lat: 34.07, lng: 131.61 }, source: 'test', asOf: '2026-01-01', ...change,
})
const event = (venue: string | undefined, change: Partial<RegionEvent> = {}): RegionEvent => ({
  id: 'ev-1', municipality: '35206', category: 'festival', name: { ja: '例大祭' }, dates: [], ...(venue ? { venue: { ja: venue } } : {}), source: 'test', sourceRef: 'event.csv NO 1', asOf: '2026-01-01', ...change,
})

function place(ev: RegionEvent, spots: Spot[], address?: string) {
  const report = new SourceReport('event.csv', 'test')
  const [out] = placeEventsAtVenues([ev], spots, () => address, () => report)
  return { out: out!, report }
}

describe('houseNumber', () => {
  it.each([
    ['山口県防府市大字牟礼上坂本1354', '1354'],
    ['宇部市朝日町8番1号', '8-1'],
    ['宇部市朝日町8－1', '8-1'],
    ['山口県萩市椿東4160-61', '4160-61'],
    ['山口県宇部市琴芝町2丁目1番10号', '2-1-10'],
    ['山口県宇部市琴芝町二丁目1番10号', '2-1-10'],
    ['宇部市朝日町8番の1', '8-1'],
    ['山口県萩市大字下田万2849番地の1', '2849-1'],
    ['山口県山口市中央2丁目5-1 山口センタービル2F', '2-5-1'],
    ['山口県山口市中央2丁目5-1山口センタービル3階', '2-5-1'],
    ['山口県 宇部市 朝日町8-1', '8-1'],
    ['〒754-0894 山口県山口市佐山', undefined],
    ['山口県萩市川上', undefined],
    [undefined, undefined],
  ])('%s → %s', (address, expected) => {
    expect(houseNumber(address)).toBe(expected)
  })

  it.each([
    ['〒７５４－０８９４ 山口県山口市佐山１２', '12'],
    ['7540894 山口県山口市佐山12', '12'],
    ['山口県宇部市朝日町5番1号2F', '5-1'],
  ])('%s → %s (postcode and floor are not the house number)', (address, expected) => {
    expect(houseNumber(address)).toBe(expected)
  })

  it.each([
    ['山口県防府市大字牟礼1354', '山口県防府市大字牟礼上坂本1354', true],
    ['山口県防府市大字牟礼1354', '山口県防府市牟礼1354-1', true],
    ['山口県防府市大字牟礼1354', '山口県防府市大字台道1354', false],
    ['山口県防府市大字牟礼1354', '山口県防府市大字牟礼1355', false],
    ['山口県防府市大字牟礼1354', '山口県防府市大字牟礼13540', false],
    ['宇部市朝日町8番1号', '山口県宇部市朝日町8-2', false],
    ['宇部市琴芝町二丁目1番10号', '山口県宇部市琴芝町2-1-10', true],
  ])('same place: %s / %s → %s', (a, b, expected) => {
    expect(sameAddressKey(addressKey(a)!, addressKey(b)!)).toBe(expected)
  })

  it.each([
    ['秋吉台家族旅行村', true],
    ['道の駅あいお', true],
    ['春日神社', false],
    ['コミュニティセンター', false],
    ['ふれあいパーク大原湖', true],
  ])('distinctiveName(%s) = %s', (name, expected) => {
    expect(distinctiveName(name)).toBe(expected)
  })
})

describe('placeEventsAtVenues', () => {
  const shrine = spot('pref-1', '春日神社', { address: '山口県防府市大字牟礼1354' })

  it('an event without a point takes the point of the one place of that name in its town, and says so', () => {
    const { out, report } = place(event('春日神社\n'), [shrine], '山口県防府市大字牟礼上坂本1354')
    expect(out.point).toEqual(shrine.point)
    expect(out.venueSpotId).toBe('pref-1')
    expect(out.sourceRef).toBe('event.csv NO 1; 会場の位置: 春日神社 (pref-1)')
    expect(report.notes.get(VENUE_NOTE)).toEqual(['例大祭 → pref-1'])
  })

  it.each([
    ['brackets the venue adds', '渡辺翁記念会館(一階限定)', spot('s', '渡辺翁記念会館')],
    ['full-width brackets and spaces', '渡辺翁記念会館　（一階限定）', spot('s', '渡辺翁記念会館')],
    ['a leading 道の駅 on either side', '道の駅ゆとりパークたまがわ', spot('s', '道の駅 ゆとりパークたまがわ')],
    ['道の駅 only on the spot', 'ハピネスふくえ', spot('s', '道の駅 ハピネスふくえ')],
    ['the town\'s own name in front', '天神ギャラリー', spot('s', '防府市天神ギャラリー')],
  ])('names match ignoring %s', (_, venue, target) => {
    const { out } = place(event(venue), [target])
    expect(out.point).toEqual(target.point)
    expect(out.venueSpotId).toBe('s')
  })

  it.each([
    ['no venue', event(undefined), [shrine], undefined],
    ['the venue only contains the name', event('防府天満宮～周防国分寺～旧毛利家本邸一帯'), [spot('s', '防府天満宮')], undefined],
    ['the place is in another town', event('春日神社', { municipality: '35203' }), [shrine], undefined],
    ['the name in front is another town\'s', event('天神ギャラリー'), [spot('s', '山口市天神ギャラリー')], undefined],
    ['two places of that name in the town', event('八坂神社'), [spot('a', '八坂神社'), spot('b', '八坂神社', { point: { lat: 34.1, lng: 131.6 } })], undefined],
    ['the place has no trusted point', event('秋吉台'), [spot('s', '秋吉台', { point: undefined })], undefined],
    ['only the spot\'s own brackets differ', event('萩往還'), [spot('s', '萩往還（萩）')], undefined],
    ['the venue is a gorge whose spot has no point (the 道の駅 named after it is not used instead)', event('長門峡'), [spot('gorge', '長門峡', { point: undefined }), spot('station', '道の駅 長門峡')], undefined],
  ])('no point when %s', (_, ev, spots, address) => {
    const { out } = place(ev, spots, address)
    expect(out.point).toBeUndefined()
    expect(out.venueSpotId).toBeUndefined()
    expect(out.sourceRef).toBe('event.csv NO 1')
  })

  it('a different house number means another place of the same name: no point, and the report says why', () => {
    const { out, report } = place(event('春日神社'), [shrine], '山口県防府市大字台道2000')
    expect(out.point).toBeUndefined()
    expect(report.notes.get(VENUE_MISMATCH)).toEqual(['例大祭: 春日神社 (台道2000 / pref-1 牟礼1354)'])
  })

  it('an event with its own point near the named place keeps it', () => {
    const own = { lat: 34.075, lng: 131.61 } // 556 m north
    const { out, report } = place(event('春日神社', { point: own }), [shrine])
    expect(out.point).toEqual(own)
    expect(out.venueSpotId).toBe('pref-1')
    expect(out.sourceRef).toBe('event.csv NO 1')
    expect(report.notes.size).toBe(0)
  })

  it('an event point more than 1 km from the place its venue names is replaced by the place\'s point, and reported', () => {
    const { out, report } = place(event('道の駅　あいお', { point: { lat: 34.175529, lng: 131.475235 } }), [spot('michinoeki-aio', '道の駅 あいお', { point: { lat: 34.0288046, lng: 131.4572464 } })])
    expect(out.point).toEqual({ lat: 34.0288046, lng: 131.4572464 })
    expect(out.sourceRef).toBe('event.csv NO 1; 会場の位置: 道の駅 あいお (michinoeki-aio)')
    expect(report.notes.get(VENUE_FAR)).toEqual(['例大祭: 16.4 km from michinoeki-aio'])
  })

  it('the exact name wins over a 道の駅 of the same name', () => {
    const gorge = spot('gorge', '長門峡', { point: { lat: 34.35, lng: 131.49 } })
    const { out } = place(event('長門峡'), [gorge, spot('station', '道の駅 長門峡')])
    expect(out.venueSpotId).toBe('gorge')
    expect(out.point).toEqual(gorge.point)
  })

  it('a common name more than 1 km away without house numbers on both sides: the event keeps its own point, and the report says so', () => {
    const own = { lat: 34.2, lng: 131.7 }
    const { out, report } = place(event('春日神社', { point: own }), [shrine])
    expect(out.point).toEqual(own)
    expect(out.venueSpotId).toBeUndefined()
    expect(report.notes.get(VENUE_FAR_KEPT)).toHaveLength(1)
  })

  it('the same lot number in another 大字 is another place: a common-name event keeps its own point', () => {
    const own = { lat: 34.2, lng: 131.7 }
    const { out } = place(event('春日神社', { point: own }), [shrine], '山口県防府市大字台道1354')
    expect(out.point).toEqual(own)
    expect(out.venueSpotId).toBeUndefined()
  })

  it('a distinctive name more than 1 km away, no address on either side: the place\'s point is used; a generic long name is not enough', () => {
    const village = spot('mine-15', '秋吉台家族旅行村', { municipality: '35213', point: { lat: 34.24, lng: 131.31 } })
    const far = { lat: 34.25, lng: 131.33 }
    expect(place(event('秋吉台家族旅行村', { municipality: '35213', point: far }), [village]).out.point).toEqual(village.point)
    const hall = spot('hall', 'コミュニティセンター', { municipality: '35213', point: { lat: 34.24, lng: 131.31 } })
    expect(place(event('コミュニティセンター', { municipality: '35213', point: far }), [hall]).out.point).toEqual(far)
  })

  it('a venue written with the spot\'s own brackets matches it; 道の駅 in the venue never names a place without it', () => {
    const trail = spot('trail', '萩往還（萩）', { municipality: '35204' })
    expect(place(event('萩往還（萩）', { municipality: '35204' }), [trail]).out.venueSpotId).toBe('trail')
    const road = spot('road', '萩往還', { municipality: '35204' })
    expect(place(event('道の駅萩往還', { municipality: '35204' }), [road]).out.venueSpotId).toBeUndefined()
  })

  it('a common name more than 1 km away with the same house number on both sides: the place\'s point is used', () => {
    const { out } = place(event('春日神社', { point: { lat: 34.2, lng: 131.7 } }), [shrine], '山口県防府市大字牟礼上坂本1354')
    expect(out.point).toEqual(shrine.point)
  })

  it('an event with its own point and another house number than the named place keeps its point', () => {
    const own = { lat: 34.2, lng: 131.7 }
    const { out } = place(event('春日神社', { point: own }), [shrine], '山口県防府市大字台道2000')
    expect(out.point).toEqual(own)
    expect(out.venueSpotId).toBeUndefined()
  })
})
