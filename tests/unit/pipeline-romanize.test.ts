// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Spot } from '@/domain/snapshot-schema'
import { applyTransliterations, transliterate } from '../../scripts/snapshot/romanize'

describe('Hepburn transliteration of a published kana reading', () => {
  it.each([
    ['アキヨシドウアンナイショ', 'Akiyoshidouannaisho'],
    ['しんやまぐち', "Shin'yamaguchi"],
    ['ミュージアム', 'Myūjiamu'],
    ['ハギハンシュモウリケボショ（コウザンボショ）', 'Hagihanshumourikebosho (Kouzanbosho)'],
    ['ﾂﾜﾉ', 'Tsuwano'], // half-width kana, as some feeds write it
    ['ガラスエ・タイセイ', 'Garasue Taisei'],
  ])('%s → %s', (kana, latin) => {
    expect(transliterate(kana)).toBe(latin)
  })

  it.each([['秋芳洞'], ['ABC'], ['アキヨシ台'], ['']])('a reading that is not wholly kana (%s) is not transliterated', (kana) => {
    expect(transliterate(kana)).toBeUndefined()
  })

  it('only spots without an English name get one, and the tally counts per source', () => {
    const spot = (id: string, name: Spot['name'], kana?: string, source = 'feed-a') => ({ id, municipality: '35203', category: 'history', name, ...(kana ? { kana } : {}), source, asOf: '2022-03-31' }) as Spot
    const spots = [spot('a', { ja: '瑠璃光寺', en: 'Rurikoji Temple' }, 'ルリコウジ'), spot('b', { ja: '香山公園' }, 'コウザンコウエン'), spot('c', { ja: '常栄寺' }), spot('d', { ja: '雪舟庭' }, 'セッシュウテイ', 'feed-b')]
    const { bySource } = applyTransliterations(spots)
    expect(spots.map((s) => s.name)).toEqual([{ ja: '瑠璃光寺', en: 'Rurikoji Temple' }, { ja: '香山公園', latn: 'Kouzankouen' }, { ja: '常栄寺' }, { ja: '雪舟庭', latn: 'Sesshuutei' }])
    expect(Object.fromEntries(bySource)).toEqual({ 'feed-a': [3, 1, 1, 1], 'feed-b': [1, 0, 1, 0] })
  })
})
