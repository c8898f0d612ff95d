/** Curated files: points are checked against the boundaries; rally keys are read when present. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Spot } from '@/domain/snapshot-schema'
import { applyEnglishNames, applyPointFixes, applySeasons, curatedRallies, curatedSpots } from '../../scripts/snapshot/curated'
import { Region } from '../../scripts/snapshot/region'
import { SourceReport } from '../../scripts/snapshot/report'
import { loadCommittedSnapshot } from '../fixtures/snapshots'

const region = new Region(loadCommittedSnapshot().municipalities)
const KEY = { kid: 'k1', x: 'A'.repeat(43), y: 'B'.repeat(43) }
const base = { source: 'curated-editorial', asOf: '2026-11-23' }

function dir(files: Record<string, unknown>): string {
  const d = mkdtempSync(join(tmpdir(), 'curated-'))
  for (const [name, value] of Object.entries(files)) writeFileSync(join(d, name), JSON.stringify(value))
  return d
}

describe('curated records', () => {
  it('a curated spot whose point lies outside its municipality keeps its text but loses the point', () => {
    const report = new SourceReport('spots-curated.json', 'curated')
    const spots = curatedSpots(
      dir({
        'spots-curated.json': [
          { id: 'in', municipality: '35202', category: 'other', name: { ja: '宇部新川駅' }, point: { lat: 33.958369, lng: 131.242478 }, ...base },
          { id: 'out', municipality: '32501', category: 'other', name: { ja: '津和野のつもり' }, point: { lat: 33.958369, lng: 131.242478 }, ...base },
        ],
      }),
      region,
      report,
    )
    expect(spots.map((s) => [s.id, !!s.point])).toEqual([['in', true], ['out', false]])
    expect(report.notes.get('point outside its municipality: point removed')).toEqual(['津和野のつもり'])
  })

  it('rallies take public keys from rally-keys.json when it exists, and drop checkpoints outside their municipality', () => {
    const rally = {
      id: 'r1', name: { ja: 'テスト' }, description: { ja: 'テスト' }, period: { start: '2026-12-01' },
      reward: { rule: { type: 'all' }, text: { ja: '記念品' }, handover: 'code' }, ...base,
      checkpoints: [
        { id: 'a', name: { ja: '宇部新川駅' }, municipality: '35202', point: { lat: 33.958369, lng: 131.242478 }, radiusM: 200, qrId: 'q-a' },
        { id: 'b', name: { ja: '場所違い' }, municipality: '35204', point: { lat: 33.958369, lng: 131.242478 }, radiusM: 200, qrId: 'q-b' },
        { id: 'c', spotId: 's1', radiusM: 150, qrId: 'q-c' },
      ],
    }
    const spot: Spot = { id: 's1', municipality: '35202', category: 'culture', name: { ja: '石炭記念館' }, point: { lat: 33.946464, lng: 131.285406 }, ...base }
    const report = new SourceReport('rallies.json', 'curated')
    const withKeys = curatedRallies(dir({ 'rallies.json': [rally], 'rally-keys.json': { r1: [KEY] } }), new Map([['s1', spot]]), region, report)
    expect(withKeys[0]!.keys).toEqual([KEY])
    expect(withKeys[0]!.checkpoints.map((c) => [c.id, c.name.ja, c.municipality])).toEqual([['a', '宇部新川駅', '35202'], ['c', '石炭記念館', '35202']])
    expect(report.dropped.get('checkpoint without a trusted point inside its municipality')).toEqual(['r1/b'])
    const withoutKeys = curatedRallies(dir({ 'rallies.json': [rally] }), new Map([['s1', spot]]), region, new SourceReport('rallies.json', 'curated'))
    expect(withoutKeys[0]!.keys).toEqual([])
  })

  it('point fixes give a feed spot without a trusted point the point of a second source, and never move a trusted point', () => {
    const report = new SourceReport('point-fixes.json', 'curated')
    const spot = (id: string, change: Partial<Spot> = {}): Spot => ({ id, municipality: '35216', category: 'nature', name: { ja: id }, source: 'sanyoonoda-tourism', sourceRef: 'csv NO 1', asOf: '2022-03-31', ...change })
    const spots = new Map([
      ['placeholder', spot('placeholder')],
      ['trusted', spot('trusted', { point: { lat: 34.0, lng: 131.18 } })],
      ['elsewhere', spot('elsewhere')],
    ])
    const inside = { lat: 34.033285, lng: 131.192926 }
    applyPointFixes(
      dir({
        'point-fixes.json': [
          { spotId: 'placeholder', point: inside, sourceRef: '位置: 第二の出典' },
          { spotId: 'trusted', point: inside, sourceRef: 'x' },
          { spotId: 'elsewhere', point: { lat: 34.47, lng: 131.77 }, sourceRef: 'x' },
          { spotId: 'missing', point: inside, sourceRef: 'x' },
        ],
      }),
      spots,
      region,
      report,
    )
    expect(spots.get('placeholder')).toMatchObject({ point: inside, sourceRef: 'csv NO 1; 位置: 第二の出典' })
    expect(spots.get('trusted')!.point).toEqual({ lat: 34.0, lng: 131.18 })
    expect(spots.get('elsewhere')!.point).toBeUndefined()
    expect([report.read, report.kept]).toEqual([4, 1])
    expect([...report.dropped.keys()]).toEqual([
      'the spot already has a trusted point: fix not applied',
      'fix lies outside the spot\'s municipality',
      'fix for a spot the snapshot does not have',
    ])
  })

  it('no point-fixes.json: nothing changes', () => {
    const report = new SourceReport('point-fixes.json', 'curated')
    const spots = new Map<string, Spot>()
    applyPointFixes(dir({}), spots, region, report)
    expect(report.read).toBe(0)
  })
})

describe('English names', () => {
  const spot = (id: string, ja: string): Spot => ({ id, municipality: '35203', category: 'history', name: { ja }, source: 's', asOf: '2022-03-31' }) as Spot

  it('a bracketed name takes its own English name; the name without brackets only when it is unambiguous', () => {
    const d = dir({ 'english-names.json': { '萩往還（山口）': 'Hagi Okan Road (Yamaguchi)', '萩往還（萩）': 'Hagi Okan Road (Hagi)', '萩往還（防府）': 'Hagi Okan Road (Hofu)', 瑠璃光寺: 'Rurikoji Temple' } })
    const spots = [spot('a', '萩往還（山口）'), spot('b', '萩往還（萩）'), spot('c', '萩往還'), spot('d', '瑠璃光寺（五重塔）'), spot('e', '萩往還 （防府）')]
    applyEnglishNames(d, spots)
    expect(spots.map((s) => s.name.en)).toEqual(['Hagi Okan Road (Yamaguchi)', 'Hagi Okan Road (Hagi)', undefined, 'Rurikoji Temple', 'Hagi Okan Road (Hofu)'])
  })

  it('two different places that would share an English name stop the build with both ids', () => {
    const d = dir({ 'english-names.json': { 東隆寺: 'Toryuji Temple', 東龍寺: 'Toryuji Temple' } })
    expect(() => applyEnglishNames(d, [spot('x', '東隆寺'), spot('y', '東龍寺')])).toThrow(/x 東隆寺 \/ y 東龍寺/)
  })
})

describe('seasons.json: the months a source names', () => {
  const spot = (): Map<string, Spot> => new Map([['s1', { id: 's1', municipality: '35204', category: 'history', name: { ja: '寺' }, ...base } as Spot]])
  const entry = { spotId: 's1', months: [5, 11], reason: { ja: '5月の藤、11月の紅葉。', en: 'Wisteria in May, autumn leaves in November.' }, source: 'curated-editorial', sourceRef: 'x.csv 寺 説明「5月の藤、11月中旬の紅葉」' }
  const apply = (e: object) => {
    const spots = spot()
    applySeasons(dir({ 'seasons.json': [e] }), spots, new Set(['curated-editorial']), new SourceReport('seasons.json', 'curated'))
    return spots.get('s1')!
  }

  it('puts the months, the reason and the quoted source on the spot', () => {
    expect(apply(entry).season).toEqual({ months: [5, 11], reason: entry.reason, source: 'curated-editorial', sourceRef: entry.sourceRef })
  })

  it.each([
    [{ ...entry, spotId: 'nope' }, /unknown spot/],
    [{ ...entry, source: 'rumour' }, /unknown source/],
    [{ ...entry, months: [13] }, /1–12, each once/],
    [{ ...entry, months: [5, 5] }, /1–12, each once/],
    [{ ...entry, months: [] }, /1–12, each once/],
    [{ ...entry, months: [4.5] }, /1–12, each once/],
    [{ ...entry, reason: { ja: '藤' } }, /Japanese and English/],
    [{ ...entry, sourceRef: '' }, /quoted source words/],
  ])('refuses %j', (e, message) => {
    expect(() => apply(e)).toThrow(message)
  })
})
