import { describe, expect, it } from 'vitest'
import { buildSearchIndex, naiveSearch, type SearchDoc } from '@/domain/search-index'
import { katakanaToHiragana, normalizeForSearch, queryTerms } from '@/domain/search-normalize'

describe('normalizeForSearch folds the ways people type the same word', () => {
  it.each([
    ['カタカナ', 'かたかな'],
    ['ｶﾀｶﾅ', 'かたかな'],
    ['ひらがな', 'ひらがな'],
    ['ｱｷﾖｼﾄﾞｳ', 'あきよしどう'],
    ['ガイド', 'がいど'],
    ['ｶﾞｲﾄﾞ', 'がいど'],
    ['ＡＫＩＹＯＳＨＩ', 'akiyoshi'],
    ['Akiyoshido Cave', 'akiyoshidocave'],
    ['１２３', '123'],
    ['１２3', '123'],
    ['瑠璃光寺　五重塔', '瑠璃光寺五重塔'],
    ['ルリコウジ・ゴジュウノトウ', 'るりこうじごじゅうのとう'],
    ['コーヒー', 'こーひー'],
    ['ヴ', 'ゔ'],
  ])('%s → %s', (input, folded) => {
    expect(normalizeForSearch(input)).toBe(folded)
  })

  it('converts only katakana, leaving kanji and latin alone', () => {
    expect(katakanaToHiragana('秋芳洞アキヨシドウabc')).toBe('秋芳洞あきよしどうabc')
  })

  it('splits queries on half- and full-width spaces', () => {
    expect(queryTerms(' 萩　ｼﾛ  castle ')).toEqual(['萩', 'しろ', 'castle'])
  })
})

const docs: SearchDoc[] = [
  { kind: 'spot', id: 'cave', names: ['秋芳洞', 'Akiyoshido Cave', 'アキヨシドウ'], texts: ['美祢市', '日本最大級の鍾乳洞'] },
  { kind: 'spot', id: 'museum', names: ['ミュージアム山口', undefined, undefined], texts: ['山口市'] },
  { kind: 'spot', id: 'pagoda', names: ['国宝瑠璃光寺五重塔', 'Rurikoji Pagoda', 'コクホウルリコウジゴジュウノトウ'], texts: ['山口市', '大内氏の菩提寺'] },
  { kind: 'event', id: 'fest', names: ['秋吉台山焼き', 'Akiyoshidai grass burning'], texts: ['美祢市'] },
  { kind: 'route', id: 'okan', names: ['萩往還をたどる', 'Hagi Okan'], texts: ['松下村塾', '瑠璃光寺'] },
  { kind: 'scheme', id: 'rent', names: ['おためし暮らし', 'Trial stay'], texts: ['家賃の補助'] },
]
const index = buildSearchIndex(docs)
const ids = (query: string) => Object.values(index.search(query).groups).flat().map((h) => h.id)

describe('search index', () => {
  it.each([
    ['みゅーじあむ', ['museum']],
    ['ミュージアム', ['museum']],
    ['ﾐｭｰｼﾞｱﾑ', ['museum']],
    ['あきよしどう', ['cave']],
    ['ｱｷﾖｼ', ['cave']],
    ['Akiyoshi', ['cave', 'fest']],
    ['AKIYOSHIDO', ['cave']],
    ['ａｋｉｙｏｓｈｉｄｏ', ['cave']],
    ['pagoda', ['pagoda']],
    ['瑠璃光寺', ['pagoda', 'okan']],
    ['五重塔', ['pagoda']],
    ['山口 ミュージアム', ['museum']],
    ['鍾乳洞', ['cave']],
    ['存在しない', []],
    ['   ', []],
  ])('%s finds %j', (query, expected) => {
    expect(ids(query).sort()).toEqual([...expected].sort())
  })

  it('groups results by kind with counts', () => {
    const result = index.search('ａｋｉｙｏｓｈｉ')
    expect(result.groups.spot.map((h) => h.id)).toEqual(['cave'])
    expect(result.groups.event.map((h) => h.id)).toEqual(['fest'])
    expect(result.counts).toEqual({ spot: 1, event: 1, route: 0, scheme: 0 })
    expect(result.total).toBe(2)
  })

  it('ranks a name match before a match in other text', () => {
    const result = index.search('瑠璃光寺')
    expect(result.groups.spot[0]).toMatchObject({ id: 'pagoda', rank: 1 })
    expect(result.groups.route[0]).toMatchObject({ id: 'okan', rank: 2 })
    expect(index.search('あきよし').groups.spot[0]!.rank).toBe(0)
  })

  it('limits hits per kind but counts them all', () => {
    const many: SearchDoc[] = Array.from({ length: 50 }, (_, i) => ({ kind: 'spot', id: `s${i}`, names: [`テスト${i}`], texts: [] }))
    const result = buildSearchIndex(many).search('てすと', 10)
    expect(result.groups.spot).toHaveLength(10)
    expect(result.counts.spot).toBe(50)
  })

  it('finds the same records as the naive scan', () => {
    for (const q of ['あき', '山口', 'ｶﾞ', 'cave', '寺']) {
      expect(ids(q).sort()).toEqual(naiveSearch(docs, q).map((h) => h.id).sort())
    }
  })
})
