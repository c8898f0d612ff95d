import { describe, expect, it } from 'vitest'
import { homeSpots } from '@/domain/highlights'
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
