import { describe, expect, it } from 'vitest'
import { matchScheme, matchSchemes, type MatchReason, type MoverProfile } from '@/domain/scheme-match'
import type { Scheme } from '@/domain/snapshot-schema'
import { busTour, consultation, kosodateHagi, kosodateYamaguchi, library, livingSchemes, otameshi, succession } from '../fixtures/living'

const family: MoverProfile = { household: 'children', work: 'telework', municipality: 'undecided', trialStay: true }
const founderInHagi: MoverProfile = { household: 'single', work: 'startup', municipality: '35204', trialStay: false }
const studentInYamaguchi: MoverProfile = { ageBand: 'u30', household: 'single', work: 'student', municipality: '35203' }
const nothingSaid: MoverProfile = { municipality: 'undecided' }

const young: Scheme = { ...library, id: 'test-young', municipality: 'region', audience: ['young'], conditions: { ageBands: ['u30', '30s'] } }

type Row = [string, MoverProfile, Scheme, boolean, MatchReason[]]
// prettier-ignore
const table: Row[] = [
  ['family × trial-stay rent aid', family, otameshi, true, [{ key: 'regionWide' }, { key: 'trialStay' }, { key: 'movingIn' }]],
  ['family × childcare app in 山口市 (town undecided)', family, kosodateYamaguchi, true, [{ key: 'townUndecided', params: { town: '35203' } }, { key: 'household', params: { kind: 'household', values: ['children'] } }, { key: 'audience', params: { kind: 'audience', values: ['families'] } }]],
  ['family × business succession', family, succession, false, [{ key: 'work', params: { kind: 'work', values: ['succession'] } }]],
  ['family × business scheme without a work condition: for businesses only', family, { ...succession, conditions: {} }, false, [{ key: 'audienceOnly', params: { kind: 'audience', values: ['businesses'] } }]],
  ['family × student bus tour', family, busTour, false, [{ key: 'work', params: { kind: 'work', values: ['student'] } }]],
  ['family × library (no conditions)', family, library, true, [{ key: 'townUndecided', params: { town: '35203' } }]],
  ['founder in 萩市 × trial-stay rent aid (no trial stay)', founderInHagi, otameshi, false, [{ key: 'trialStay' }]],
  ['founder in 萩市 × childcare app in 山口市', founderInHagi, kosodateYamaguchi, false, [{ key: 'otherTown', params: { town: '35203' } }, { key: 'household', params: { kind: 'household', values: ['children'] } }]],
  ['founder in 萩市 × childcare app in 萩市 (single)', founderInHagi, kosodateHagi, false, [{ key: 'household', params: { kind: 'household', values: ['children'] } }]],
  ['founder in 萩市 × childcare scheme without a household condition', founderInHagi, { ...kosodateHagi, conditions: {} }, false, [{ key: 'audienceOnly', params: { kind: 'audience', values: ['families'] } }]],
  ['founder in 萩市 × succession (starting, not taking over)', founderInHagi, succession, false, [{ key: 'work', params: { kind: 'work', values: ['succession'] } }]],
  ['founder in 萩市 × 萩市 migration desk', founderInHagi, consultation, true, [{ key: 'town', params: { town: '35204' } }, { key: 'movingIn' }]],
  ['student in 山口市 × bus tour', studentInYamaguchi, busTour, true, [{ key: 'regionWide' }, { key: 'work', params: { kind: 'work', values: ['student'] } }, { key: 'audience', params: { kind: 'audience', values: ['students'] } }]],
  ['student in 山口市 × 萩市 migration desk', studentInYamaguchi, consultation, false, [{ key: 'otherTown', params: { town: '35204' } }]],
  ['student under 30 × scheme for under-40s', studentInYamaguchi, young, true, [{ key: 'regionWide' }, { key: 'ageBand', params: { kind: 'ageBand', values: ['u30'] } }]],
  ['50s × scheme for under-40s', { ...nothingSaid, ageBand: '50s' }, young, false, [{ key: 'ageBand', params: { kind: 'ageBand', values: ['u30', '30s'] } }]],
  ['no answers × succession: unanswered never excludes', nothingSaid, succession, true, [{ key: 'regionWide' }]],
  ['no answers × trial-stay rent aid', nothingSaid, otameshi, true, [{ key: 'regionWide' }, { key: 'movingIn' }]],
  ['no answers × childcare app', nothingSaid, kosodateYamaguchi, true, [{ key: 'townUndecided', params: { town: '35203' } }]],
]

describe('matchScheme: profiles × schemes', () => {
  it.each(table)('%s', (_name, profile, scheme, matched, expected) => {
    const result = matchScheme(profile, scheme)
    expect(result.matched).toBe(matched)
    expect(matched ? result.reasons : result.misses).toEqual(expected)
    expect(matched ? result.misses : result.reasons).toEqual([])
  })

  it('every matched scheme has at least one reason, for every profile', () => {
    for (const profile of [family, founderInHagi, studentInYamaguchi, nothingSaid])
      for (const scheme of livingSchemes) {
        const r = matchScheme(profile, scheme)
        expect(r.matched ? r.reasons.length : r.misses.length).toBeGreaterThan(0)
      }
  })

  it('a scheme open to businesses or families fits when either holds', () => {
    const mixed: Scheme = { ...library, audience: ['businesses', 'families'] }
    expect(matchScheme({ municipality: '35203', work: 'startup', household: 'single' }, mixed)).toMatchObject({ matched: true, reasons: [{ key: 'town' }, { key: 'audience', params: { values: ['businesses'] } }] })
    expect(matchScheme({ municipality: '35203', work: 'employed', household: 'single' }, mixed).misses).toEqual([{ key: 'audienceOnly', params: { kind: 'audience', values: ['businesses', 'families'] } }])
  })
})

describe('matchSchemes', () => {
  it('lists matched schemes first, keeping the data order inside each group', () => {
    const results = matchSchemes(family, livingSchemes)
    expect(results.map((r) => [r.scheme.id, r.matched])).toEqual([
      [otameshi.id, true],
      [kosodateYamaguchi.id, true],
      [kosodateHagi.id, true],
      [library.id, true],
      [consultation.id, true],
      [succession.id, false],
      [busTour.id, false],
    ])
  })
})
