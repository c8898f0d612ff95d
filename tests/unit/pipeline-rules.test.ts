/** Region and plausibility rules, table-driven. */
import { describe, expect, it } from 'vitest'
import type { Municipality } from '@/domain/snapshot-schema'
import { eventCategory, spotCategory } from '../../scripts/snapshot/categories'
import type { Draft, SpotDraft } from '../../scripts/snapshot/importers'
import { parseDate, parsePhone, parsePoint, parseTime, parseUrl } from '../../scripts/snapshot/normalize'
import { municipalityFromAddress, municipalityInText, Region, sharedPlaceholders } from '../../scripts/snapshot/region'
import { SourceReport } from '../../scripts/snapshot/report'
import { applyRules } from '../../scripts/snapshot/rules'

describe('dates, times, phones, links, points', () => {
  it.each([
    ['2025/6/8', { ok: true, date: '2025-06-08' }],
    ['2020-11-18', { ok: true, date: '2020-11-18' }],
    ['２０２１年９月１１日', { ok: true, date: '2021-09-11' }],
    ['2022-03-下旬', { ok: false, note: '2022年3月下旬', reason: 'part of a month (late), not a day' }],
    ['2021-10-上旬', { ok: false, note: '2021年10月上旬', reason: 'part of a month (early), not a day' }],
    ['2023/2/30', { ok: false, note: '2023/2/30', reason: 'no such day: 2023/2/30' }],
    ['未定', { ok: false, note: '未定', reason: 'not a date' }],
  ])('parseDate(%s)', (input, expected) => {
    expect(parseDate(input)).toEqual(expected)
  })

  it.each([
    ['9:00', '09:00'],
    ['18:30', '18:30'],
    ['９時', '09:00'],
    ['25:00', undefined],
    ['午前中', undefined],
  ])('parseTime(%s) = %s', (input, expected) => {
    expect(parseTime(input)).toBe(expected)
  })

  it.each([
    ['(083)984-2201', '083-984-2201'],
    ['0836-31-5281', '0836-31-5281'],
    ['０８３５－２３－７７００', '0835-23-7700'],
    ['0836-34-8353（宇部市観光交流課）', undefined],
  ])('parsePhone(%s) = %s', (input, expected) => {
    expect(parsePhone(input)).toBe(expected)
  })

  it.each([
    ['https://www.ganjojuonsen.com/', { url: 'https://www.ganjojuonsen.com/' }],
    ['http://www.aioso.com/', { reason: 'URL is http:// (not https), left out' }],
    ['javascript:alert(1)', { reason: 'URL not usable, left out' }],
  ])('parseUrl(%s)', (input, expected) => {
    expect(parseUrl(input)).toEqual(expected)
  })

  it.each([
    ['34.189911', '131.47261', { point: { lat: 34.189911, lng: 131.47261 } }],
    ['36.124191', '139.877716', { point: { lat: 36.124191, lng: 139.877716 }, reason: 'point far outside the region' }],
    ['', '', {}],
    ['x', '131', { reason: 'coordinates not numbers' }],
  ])('parsePoint(%s, %s)', (lat, lng, expected) => {
    expect(parsePoint(lat, lng)).toEqual(expected)
  })
})

describe('municipality from the address', () => {
  it.each([
    ['山口県山口市香山町7-1', '35203'],
    ['山口県山陽小野田市大字高畑', '35216'],
    ['山陽小野田市大字小野田', '35216'],
    ['島根県鹿足郡津和野町後田', '32501'],
    ['山口県下関市竹崎町4-3-1', 'outside'],
    ['山口県阿武郡阿武町奈古', 'outside'],
    ['山口県大島郡周防大島町大字和田', 'outside'],
    ['則貞三丁目4番1号', undefined],
    ['', undefined],
  ])('%s → %s', (address, expected) => {
    expect(municipalityFromAddress(address)).toBe(expected)
  })

  it.each([
    ['山頭火生家跡（防府市八王子二丁目）', '35206'],
    ['山口市、宇部市、萩市…の各所', '35203'],
    ['県立おのだサッカー交流公園他', undefined],
  ])('named in text: %s → %s', (t, expected) => {
    expect(municipalityInText(t)).toBe(expected)
  })
})

describe('placeholder points', () => {
  const p = { lat: 34.426121, lng: 131.413086 }
  it.each([
    ['same numbered address (瑠璃光寺 / 五重塔)', [['瑠璃光寺', '山口県山口市香山町7-1'], ['国宝瑠璃光寺五重塔', '山口県山口市香山町7-1']], false],
    ['one name starts with the other (功山寺 / 功山寺仏殿)', [['功山寺', '山口県下関市長府川端1丁目'], ['功山寺仏殿', '山口県下関市長府川端一丁目']], false],
    ['unrelated Hagi sites on 松下村塾\'s point', [['松下村塾', '山口県萩市椿東松本市1537'], ['東光寺', '山口県萩市椿東椎原1647'], ['萩反射炉', '山口県萩市椿東上ノ原']], true],
    ['a name that only contains the other (秋吉台 / Karstar on the city hall)', [['秋吉台', '山口県美祢市秋芳町秋吉'], ['Mine秋吉台ジオパークセンター「Karstar」', '山口県美祢市大嶺町東分']], true],
    ['same number, one address with a note (木戸神社 / 木戸孝允旧邸跡)', [['木戸神社', '山口県山口市糸米２-９'], ['木戸孝允旧邸跡', '山口県山口市糸米２-９　木戸神社先']], false],
    ['1-1 and 1-10 are different addresses', [['旧山口藩庁門', '山口県山口市滝町1-1'], ['どこか', '山口県山口市滝町1-10']], true],
    ['a point used once', [['防府天満宮', '山口県防府市松崎町14-1']], false],
  ])('%s → placeholder: %s', (_, records, placeholder) => {
    const result = sharedPlaceholders((records as string[][]).map(([name, address], i) => ({ key: String(i), name: name!, address, point: p })))
    expect(result.size > 0).toBe(placeholder)
  })
})

describe('categories (documented mapping)', () => {
  it.each([
    ['東萩駅観光案内所', 'facility'],
    ['道の駅「願成就温泉」', 'shopping'],
    ['景清洞トロン温泉', 'onsen'],
    ['石炭記念館', 'culture'],
    ['秋吉台オートキャンプ場', 'experience'],
    ['永山本家酒造場', 'food'],
    ['防府天満宮', 'history'],
    ['秋芳洞', 'nature'],
  ])('spot %s → %s', (name, category) => {
    expect(spotCategory(name)).toBe(category)
  })
  it.each([
    ['山口県央連携都市圏移住イベント', 'migration'],
    ['やまぐち未来のしごとフェスタ', 'business'],
    ['防府読売マラソン', 'sports'],
    ['山口七夕ちょうちんまつり', 'festival'],
    ['一の坂川　桜のライトアップ', 'festival'],
    ['令和7年度マタニティ❤サロン', 'other'],
  ])('event %s → %s', (name, category) => {
    expect(eventCategory(name)).toBe(category)
  })
})

describe('applyRules', () => {
  // Two simple square "municipalities" for the rules (the real polygons are tested on the snapshot).
  const square = (code: Municipality['code'], west: number): Municipality =>
    ({ code, boundary: { type: 'Polygon', coordinates: [[[west, 34], [west + 0.1, 34], [west + 0.1, 34.1], [west, 34.1], [west, 34]]] } }) as Municipality
  const region = new Region([square('35203', 131.4), square('35206', 131.5)])
  const draft = (name: string, over: Partial<SpotDraft>): Draft => ({
    kind: 'spot', ref: name, name, addressMunicipality: undefined, statedMunicipality: undefined, notes: [],
    record: { id: `t-${name}`, category: 'other', name: { ja: name }, source: 't', asOf: '2022-03-31' }, ...over,
  })

  it.each([
    ['address and point agree → trusted point', { addressMunicipality: '35203', rawPoint: { lat: 34.05, lng: 131.45 } }, '35203', true, undefined],
    ['address outside the region → dropped', { addressMunicipality: 'outside' }, undefined, false, 'outside the 7 municipalities'],
    ['address outside, point inside → dropped, the disagreement reported', { addressMunicipality: 'outside', rawPoint: { lat: 34.05, lng: 131.45 } }, undefined, false, 'outside the 7 municipalities by address, but the point lies inside one: address and point disagree'],
    ['address and point disagree → kept by address, no point', { addressMunicipality: '35206', rawPoint: { lat: 34.05, lng: 131.45 } }, '35206', false, 'address and point disagree: no trusted point'],
    ['no address → municipality from the point', { rawPoint: { lat: 34.05, lng: 131.55 } }, '35206', true, undefined],
    ['no address, point at sea → dropped', { rawPoint: { lat: 33.9, lng: 131.45 } }, undefined, false, 'outside the 7 municipalities (no municipality in the address; the point lies outside the region)'],
    ['nothing to go by → dropped', {}, undefined, false, 'municipality unknown (no address, no usable point)'],
    ['stated municipality only, no point', { statedMunicipality: '35203' }, '35203', false, undefined],
  ] as const)('%s', (_, over, municipality, hasPoint, reason) => {
    const report = new SourceReport('f.csv', 't')
    const { spots } = applyRules([{ draft: draft('x', over as Partial<SpotDraft>), report }], region)
    expect(spots[0]?.municipality).toBe(municipality)
    expect(!!spots[0]?.point).toBe(hasPoint)
    if (reason) expect([...report.dropped.keys(), ...report.notes.keys()]).toContain(reason)
  })

  it('a point shared by unrelated records is nobody\'s trusted point; the records keep their text', () => {
    const report = new SourceReport('f.csv', 't')
    const at = { lat: 34.05, lng: 131.45 }
    const { spots } = applyRules(
      [
        { draft: draft('松下村塾', { addressMunicipality: '35203', address: '山口市椿東1537', rawPoint: at }), report },
        { draft: draft('萩反射炉', { addressMunicipality: '35203', address: '山口市椿東上ノ原', rawPoint: at }), report },
      ],
      region,
    )
    expect(spots.map((s) => [s.name.ja, s.point])).toEqual([['松下村塾', undefined], ['萩反射炉', undefined]])
    expect(report.notes.get('no trusted point: placeholder shared exactly with unrelated records')).toHaveLength(2)
    expect(report.kept).toBe(2)
  })

  const eventDraft = (name: string, venue: string | undefined, rawPoint: { lat: number; lng: number }): Draft =>
    ({
      kind: 'event', ref: `ev:${name}`, name, addressMunicipality: '35203', statedMunicipality: undefined, notes: [], rawPoint,
      record: { id: `ev-${name}`, category: 'festival', name: { ja: name }, dates: [{ start: '2021-07-20' }], ...(venue ? { venue: { ja: venue } } : {}), source: 't', asOf: '2022-03-31' },
    }) as Draft

  it.each([
    // name, records at one point (spot names, then event venues), which keep the point
    ['a city hall point given to events at three venues and to a shrine: a placeholder for all with a venue', ['護国神社'], ['亀山公園ほか市内各所', 'JR阿知須駅前広場等', '山口市竪小路及び中心商店街'], []],
    ['a place and two events without a venue at its point: venue-less events name no place, the place keeps it', ['護国神社'], [undefined, undefined], ['護国神社', 'e0', 'e1']],
    ['three events held at the museum whose point they borrow: the museum and the events keep it', ['中原中也記念館'], ['中原中也記念館', '中原中也記念館', '中原中也記念館'], ['中原中也記念館', 'e0', 'e1', 'e2']],
    ['one place and events at one other venue: two places are not enough to call an event point a placeholder', ['錦の御旗製作所跡'], ['一の坂川', '一の坂川'], ['錦の御旗製作所跡', 'e0', 'e1']],
  ] as const)('placeholders across record kinds: %s', (_, spotNames, venues, keep) => {
    const report = new SourceReport('f.csv', 't')
    const at = { lat: 34.05, lng: 131.45 }
    const drafts = [
      ...spotNames.map((n) => ({ draft: draft(n, { addressMunicipality: '35203', rawPoint: at }), report })),
      ...venues.map((v, i) => ({ draft: eventDraft(`e${i}`, v, at), report })),
    ]
    const { spots, events } = applyRules(drafts, region)
    const withPoint = [...spots.filter((s) => s.point).map((s) => s.name.ja), ...events.filter((e) => e.point).map((e) => e.name.ja)]
    expect(withPoint).toEqual(keep)
    expect(spots.length + events.length).toBe(drafts.length) // the records stay, only the point goes
  })

  it('the same place in two feeds is kept once, preferring the record with a trusted point', () => {
    const a = new SourceReport('city.csv', 'city')
    const b = new SourceReport('pref.csv', 'pref')
    const { spots } = applyRules(
      [
        { draft: draft('宗隣寺', { addressMunicipality: '35203' }), report: a },
        { draft: { ...draft('宗隣寺', { addressMunicipality: '35203', rawPoint: { lat: 34.02, lng: 131.42 } }), record: { id: 'p-1', category: 'history', name: { ja: '宗隣寺' }, source: 'pref', asOf: '2022-03-31' } } as Draft, report: b },
      ],
      region,
    )
    expect(spots.map((s) => s.id)).toEqual(['p-1'])
    expect(a.dropped.get('duplicate of a record with a trusted point')).toHaveLength(1)
  })

  it('a name that only adds its own town in front (宇部市渡辺翁記念会館 / 渡辺翁記念会館) is the same place; another town\'s name is not stripped', () => {
    const a = new SourceReport('city.csv', 'city')
    const b = new SourceReport('pref.csv', 'pref')
    const at = (lng: number) => ({ lat: 34.05, lng })
    const { spots } = applyRules(
      [
        { draft: draft('山口市渡辺翁記念会館', { addressMunicipality: '35203', rawPoint: at(131.45) }), report: a },
        { draft: draft('渡辺翁記念会館', { addressMunicipality: '35203', rawPoint: at(131.46) }), report: b },
        { draft: draft('防府市民会館', { addressMunicipality: '35203', rawPoint: at(131.47) }), report: b },
        { draft: draft('民会館', { addressMunicipality: '35203', rawPoint: at(131.48) }), report: b },
      ],
      region,
    )
    expect(spots.map((s) => s.name.ja)).toEqual(['山口市渡辺翁記念会館', '防府市民会館', '民会館'])
    expect(b.dropped.get('duplicate (same name in the same municipality)')).toEqual(['渡辺翁記念会館 → t-山口市渡辺翁記念会館'])
  })
})
