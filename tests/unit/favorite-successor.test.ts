/** A saved place no longer listed under its id: the one listed place with the same name. */
import { describe, expect, it } from 'vitest'
import { successorSpot } from '@/domain/favorite-successor'
import type { Municipality, Spot } from '@/domain/snapshot-schema'

const towns = [{ code: '35202', name: { ja: '宇部市' } }, { code: '35206', name: { ja: '防府市' } }] as Municipality[]
const spot = (id: string, ja: string): Spot => ({ id, municipality: '35202', category: 'culture', name: { ja }, source: 't', asOf: '2026-01-01' })

describe('successorSpot', () => {
  it.each([
    ['the town in front on the listed name', '渡辺翁記念会館', [spot('ube-291', '宇部市渡辺翁記念会館')], 'ube-291'],
    ['the town in front on the saved name', '宇部市渡辺翁記念会館', [spot('p', '渡辺翁記念会館')], 'p'],
    ['width and spaces', 'ときわ 公園', [spot('t', 'ときわ公園')], 't'],
    ['two places of that name', '春日神社', [spot('a', '春日神社'), spot('b', '春日神社')], null],
    ['no place of that name', '旧館', [spot('a', '新館')], null],
    ['a name that only contains it', '記念会館', [spot('a', '渡辺翁記念会館')], null],
  ])('%s', (_, saved, spots, expected) => {
    expect(successorSpot({ ja: saved }, spots, towns)?.id ?? null).toBe(expected)
  })
})
