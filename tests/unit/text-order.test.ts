import { describe, expect, it } from 'vitest'
import { compareCodeUnits, compareJapanese } from '@/domain/text-order'

describe('how lists compare text', () => {
  it('puts ids, keys and ISO dates in the order IndexedDB keeps them', () => {
    expect(['scheme-b', 'scheme-a-2', 'scheme-a', '2026-12-05', '2026-01-31'].sort(compareCodeUnits)).toEqual(['2026-01-31', '2026-12-05', 'scheme-a', 'scheme-a-2', 'scheme-b'])
    expect(compareCodeUnits('x', 'x')).toBe(0)
  })

  it('puts Japanese names in gojūon order, a voiced kana read as its plain one first (not by code units)', () => {
    // By code units ほ (U+307B) comes before ぼ (U+307C), so ほたる would precede ぼうふ.
    expect(['ほたる', 'はぎ', 'ぼうふ', 'うべ', 'あきよしどう'].sort(compareJapanese)).toEqual(['あきよしどう', 'うべ', 'はぎ', 'ぼうふ', 'ほたる'])
  })
})
