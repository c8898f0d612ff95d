/**
 * The open-data importers on real rows copied from the feeds in data/feeds
 * (tests/fixtures/opendata/*.csv are excerpts, unchanged), including the defects the
 * feeds' README lists.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../scripts/snapshot/csv'
import { importCsv, type Draft, type EventDraft, type SpotDraft } from '../../scripts/snapshot/importers'
import { detectLayout, LayoutError } from '../../scripts/snapshot/layouts'
import { SourceReport } from '../../scripts/snapshot/report'

const fixture = (file: string) => readFileSync(resolve(__dirname, '../fixtures/opendata', file))

function run(file: string): { drafts: Draft[]; report: SourceReport } {
  const report = new SourceReport(file, 'test')
  const drafts = importCsv(fixture(file), { file, source: 'test', idPrefix: 't', asOf: '2022-03-31' }, report)
  return { drafts, report }
}
const spots = (d: Draft[]) => d.filter((x): x is SpotDraft => x.kind === 'spot')
const events = (d: Draft[]) => d.filter((x): x is EventDraft => x.kind === 'event')
const byName = <T extends Draft>(d: T[], name: string) => d.find((x) => x.name === name)!

describe('CSV reading', () => {
  it('strips the BOM and matches headers after NFKC (料金（基本） = 料金(基本))', () => {
    const table = parseCsv('\uFEFF名称,料金（基本）\n秋芳洞,"大人1,300円"\n')
    expect(table.headers).toEqual(['名称', '料金(基本)'])
    expect(table.rows[0]!.values['料金(基本)']).toBe('大人1,300円')
  })

  it('keeps multi-line quoted fields whole and reports the line where the record starts', () => {
    const table = parseCsv('名称,説明\nA,"一行目\n二行目"\nB,x\n')
    expect(table.rows.map((r) => [r.values['名称'], r.line])).toEqual([['A', 2], ['B', 4]])
    expect(table.rows[0]!.values['説明']).toBe('一行目\n二行目')
  })

  it.each([
    ['350001_tourism.csv', 'tourism-recommended'],
    ['3101.csv', 'tourism-recommended'],
    ['641.csv', 'tourism-standard'],
    ['352161_tourism.csv', 'tourism-reduced'],
    ['kankospot.csv', 'ube-kankospot'],
    ['350001_event.csv', 'event-recommended'],
    ['ube_event.csv', 'event-recommended'],
  ])('recognises the layout of %s', (file, layout) => {
    expect(detectLayout(file, parseCsv(fixture(file)).headers).id).toBe(layout)
  })

  it('an unknown layout names the file and the columns it expected', () => {
    const error = (() => {
      try {
        detectLayout('mystery.csv', ['施設名', '所在地'])
      } catch (e) {
        return e as Error
      }
      throw new Error('expected a LayoutError')
    })()
    expect(error).toBeInstanceOf(LayoutError)
    expect(error.message).toContain('mystery.csv')
    expect(error.message).toContain('名称, 住所, 緯度, 経度')
    expect(error.message).toContain('所在地_連結表記')
  })
})

describe('観光施設一覧 (推奨データセット, 山口県)', () => {
  const { drafts, report } = run('350001_tourism.csv')

  it('reads every row; the empty 市区町村名 is made up for by the address', () => {
    expect(report.read).toBe(10)
    expect(byName(spots(drafts), '国宝瑠璃光寺五重塔').addressMunicipality).toBe('35203')
    expect(byName(spots(drafts), '六連島の雲母玄武岩').addressMunicipality).toBe('outside')
  })

  it('keeps multi-line descriptions, phone numbers and the source row reference', () => {
    const tenmangu = byName(spots(drafts), '防府天満宮')
    expect(tenmangu.record.phone).toBe('0835-23-7700')
    expect(tenmangu.record.sourceRef).toBe('350001_tourism.csv NO 3500150396')
    const rurikoji = byName(spots(drafts), '瑠璃光寺')
    expect(rurikoji.record.description?.ja).toContain('\n')
    expect(rurikoji.record.category).toBe('history')
  })

  it('a point far outside the prefecture is flagged, and the municipality is found inside the address text', () => {
    const santoka = byName(spots(drafts), '山頭火の小径')
    expect(santoka.pointReason).toBe('point far outside the region')
    expect(santoka.addressMunicipality).toBe('35206')
  })
})

describe('観光施設一覧 (美祢市 3101.csv, full-width brackets, no BOM)', () => {
  const { drafts } = run('3101.csv')
  it('reads 料金（基本） through the NFKC header and the municipality from 市区町村名', () => {
    expect(drafts).toHaveLength(4)
    expect(drafts.every((d) => d.statedMunicipality === '35213')).toBe(true)
    expect(byName(spots(drafts), '秋吉台観光交流センター').record.hours?.ja).toBe('月火水木金土日 08:30～20:00')
  })
})

describe('観光交流施設 (山口市 641.csv, 自治体標準)', () => {
  const { drafts, report } = run('641.csv')
  it('reads 所在地_連結表記, normalises (083)984-2201 and lists the barrier-free flags', () => {
    const aio = byName(spots(drafts), '海眺の宿あいお荘 （国民宿舎）')
    expect(aio.address).toBe('山口県山口市秋穂東10768ｰ13')
    expect(aio.addressMunicipality).toBe('35203')
    expect(aio.record.phone).toBe('083-984-2201')
    const eki = byName(spots(drafts), '道の駅「願成就温泉」')
    expect(eki.record.barrierFree?.ja).toContain('車椅子可')
    expect(eki.record.id).toBe('t-jj1001000006')
  })
  it('drops trailing empty rows and leaves http:// links out, saying so', () => {
    expect(report.dropped.get('empty row')).toHaveLength(1)
    expect(byName(spots(drafts), '十種ヶ峰ウッドパーク').notes.map(([reason]) => reason)).toContain('URL is http:// (not https), left out')
    expect(byName(spots(drafts), '道の駅「願成就温泉」').record.url).toBe('https://www.ganjojuonsen.com/')
  })
})

describe('観光施設一覧 reduced (山陽小野田市 352161)', () => {
  const { drafts } = run('352161_tourism.csv')
  it('imports all four rows without points', () => {
    expect(drafts.map((d) => d.name)).toEqual(['江汐公園', '竜王山公園', 'きららガラス未来館', 'きららビーチ焼野'])
    expect(drafts.every((d) => !d.rawPoint && d.statedMunicipality === '35216')).toBe(true)
    expect(byName(spots(drafts), '江汐公園').record.parking?.ja).toBe('約620台（無料）')
  })
})

describe('宇部市 kankospot.csv', () => {
  const { drafts, report } = run('kankospot.csv')
  it('adds 「山口県宇部市」 to the short addresses and maps the city columns', () => {
    const coal = byName(spots(drafts), '石炭記念館')
    expect(coal.address).toBe('山口県宇部市則貞三丁目4番1号')
    expect(coal.record.closed?.ja).toContain('火曜日')
    expect(coal.record.fees?.ja).toBe('無料')
    expect(coal.rawPoint).toEqual({ lat: 33.946464, lng: 131.285406 })
  })
  it('a record broken by an unquoted line break is merged back, the continuation is not a record', () => {
    expect(drafts.map((d) => d.name)).toEqual(['石炭記念館', '赤間硯の里', 'たましげ琴製作所'])
    expect(byName(spots(drafts), '赤間硯の里').record.description?.ja).toContain('山口県赤間硯生産協同組合')
    expect(report.dropped.get('continuation of the previous row (line break inside an unquoted field), merged into it')).toHaveLength(1)
  })
})

describe('イベント一覧 (山口県 350001_event.csv)', () => {
  const { drafts, report } = run('350001_event.csv')
  it('keeps 「2022-03-下旬」 as a date note and says why', () => {
    const sakura = byName(events(drafts), '一の坂川　桜のライトアップ')
    expect(sakura.record.dates).toEqual([])
    expect(sakura.record.dateNote?.ja).toContain('2022年3月下旬')
    expect(sakura.notes.map(([reason]) => reason)).toContain('date kept as text: part of a month (late), not a day')
  })
  it('two events with the same name at different places stay two events', () => {
    expect(events(drafts).filter((e) => e.name === 'つつじまつり')).toHaveLength(2)
    const first = events(drafts).find((e) => e.name === 'つつじまつり')!
    expect(first.record.dates).toEqual([{ start: '2021-04-29', startTime: '09:00', endTime: '16:00' }])
  })
  it('drops the trailing empty rows', () => {
    expect(report.dropped.get('empty row')).toHaveLength(1)
  })
})

describe('イベント一覧 (宇部市 ube_event.csv)', () => {
  const { drafts, report } = run('ube_event.csv')
  it('parses 2025/6/8, ignores the 3.00002E+12 code and takes 宇部市 from 市区町村名', () => {
    const deco = byName(events(drafts), '「デコ活」街頭啓発キャンペーン')
    expect(deco.record.dates).toEqual([{ start: '2025-06-08', startTime: '10:00', endTime: '15:00' }])
    expect(deco.statedMunicipality).toBe('35202')
    expect(deco.record.id).toBe('t-1013813')
  })
  it('groups the one-row-per-date rows of one 番号 into one event with all its dates', () => {
    expect(events(drafts)).toHaveLength(2)
    const grouped = events(drafts).find((e) => e.record.id === 't-1024784')!
    expect(grouped.record.dates.length).toBe(report.read - 1)
    expect(grouped.record.dates.map((d) => d.start)).toEqual([...grouped.record.dates.map((d) => d.start)].sort())
  })
})
