import { describe, expect, it } from 'vitest'
import { homeSpots, laterThisMonth, seasonSpots } from '@/domain/highlights'
import type { Spot } from '@/domain/snapshot-schema'

const spot = (id: string, municipality: string, highlight = false) =>
  ({ id, municipality, category: 'history', name: { ja: id }, source: 's', asOf: '2022-03-31', ...(highlight ? { highlight: { reason: { ja: '理由', en: 'Reason' }, source: 's' } } : {}) }) as Spot

describe("Home's places", () => {
  it('puts the must-see picks first, in the towns’ order (津和野町 last), then the others as listed', () => {
    const spots = [spot('michinoeki-a', '35203'), spot('michinoeki-b', '35204'), spot('tsuwano-church', '32501', true), spot('hagi-town', '35204', true), spot('ruriko', '35203', true), spot('other', '35202')]
    expect(homeSpots(spots, 5).map((s) => s.id)).toEqual(['ruriko', 'hagi-town', 'tsuwano-church', 'michinoeki-a', 'michinoeki-b'])
  })

  it('without picks it is the list as before', () => {
    expect(homeSpots([spot('a', '35203'), spot('b', '35202')]).map((s) => s.id)).toEqual(['a', 'b'])
  })
})

describe('"this season" on Home', () => {
  const inSeason = (id: string, municipality: string, months: number[]) =>
    ({ ...spot(id, municipality), season: { months, reason: { ja: `${months[0]}月の行事`, en: 'A rite' }, source: 's' } }) as Spot

  it('takes the places whose source names this month, one per town first, in the towns’ order', () => {
    const spots = [inSeason('hagi-a', '35204', [5, 11]), inSeason('hagi-b', '35204', [11]), inSeason('hofu', '35206', [1, 11]), inSeason('yamaguchi', '35203', [11]), inSeason('may-only', '35202', [5]), spot('plain', '35203')]
    expect(seasonSpots(spots, '2026-11-20').map((s) => s.id)).toEqual(['yamaguchi', 'hagi-a', 'hofu', 'hagi-b'])
    expect(seasonSpots(spots, '2026-05-01').map((s) => s.id)).toEqual(['may-only', 'hagi-a'])
    expect(seasonSpots(spots, '2026-12-02')).toEqual([])
  })

  it('"later this month" starts after this week (Sunday) and ends with the month; none when the month ends this week', () => {
    expect(laterThisMonth('2026-12-02')).toEqual({ start: '2026-12-07', end: '2026-12-31' })
    expect(laterThisMonth('2026-02-01')).toEqual({ start: '2026-02-02', end: '2026-02-28' })
    expect(laterThisMonth('2026-12-28')).toBeNull()
  })
})
