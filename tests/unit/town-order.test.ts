import { describe, expect, it } from 'vitest'
import { inTownOrder } from '@/domain/town-order'
import { sortMarkers, type MapMarker } from '@/domain/map-markers'

describe('the towns in one order everywhere', () => {
  it('IndexedDB key order (津和野町 32501 first) becomes the region order: 山口市 … 山陽小野田市, 津和野町 last', () => {
    const byKey = ['32501', '35202', '35203', '35204', '35206', '35213', '35216'].map((code) => ({ code }))
    expect(inTownOrder(byKey).map((m) => m.code)).toEqual(['35203', '35202', '35204', '35206', '35213', '35216', '32501'])
  })

  it('the map list without a position follows the same order, then the name', () => {
    const marker = (key: string, municipality: string, ja: string) => ({ key, municipality, name: { ja }, point: { lat: 34, lng: 131 } }) as unknown as MapMarker
    const sorted = sortMarkers([marker('a', '32501', '殿町'), marker('b', '35202', 'ときわ公園'), marker('c', '35203', '瑠璃光寺'), marker('d', '35203', '香山公園')], null)
    expect(sorted.map((m) => m.key)).toEqual(['d', 'c', 'b', 'a'])
  })
})
