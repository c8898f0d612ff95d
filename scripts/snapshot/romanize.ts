/**
 * A Hepburn transliteration of a spot's published kana reading (名称_カナ), for an English UI where
 * no source gives an English name: shown marked as a transliteration, never as a translation.
 * The romanisation is the `hepburn` library's (long vowels written as the kana are: ou, uu; ー as a macron).
 */
import { fromKana } from 'hepburn'
import type { Spot } from '../../src/domain/snapshot-schema'
import { nfkc } from './csv'

/** Only a reading written wholly in kana (and spaces, ・, ー, brackets) is transliterated. */
const KANA_ONLY = /^[\u3041-\u3096\u30a1-\u30fa\u30fc\u30fb\s()]+$/u

export function transliterate(kana: string): string | undefined {
  const reading = nfkc(kana)
  if (!KANA_ONLY.test(reading)) return undefined
  const latin = reading
    .replace(/・/g, ' ')
    .split(/([()\s])/)
    .map((part) => (/^[()\s]*$/.test(part) ? part : fromKana(part).toLowerCase()))
    .join('')
  if (/[^a-zāīūēō' ()-]/.test(latin)) return undefined
  return latin
    .replace(/\s*\(\s*/g, ' (')
    .replace(/\s*\)/g, ')')
    .replace(/(^|[\s(-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/\s+/g, ' ')
    .trim()
}

export interface RomanizeTally {
  /** source → [spots, with an English name, with a transliteration, with neither] */
  bySource: Map<string, [number, number, number, number]>
}

/** Gives every spot without an English name a transliteration of its kana, where it has one. */
export function applyTransliterations(spots: Spot[]): RomanizeTally {
  const bySource = new Map<string, [number, number, number, number]>()
  for (const spot of spots) {
    const t = bySource.get(spot.source) ?? [0, 0, 0, 0]
    t[0]++
    if (spot.name.en) t[1]++
    else {
      const latn = spot.kana ? transliterate(spot.kana) : undefined
      if (latn) {
        spot.name = { ...spot.name, latn }
        t[2]++
      } else t[3]++
    }
    bySource.set(spot.source, t)
  }
  return { bySource }
}

export function formatRomanizeTally({ bySource }: RomanizeTally): string {
  const lines = ['English names of spots (per source: spots / English name / transliterated kana / Japanese only):']
  const total = [0, 0, 0, 0]
  for (const [source, t] of [...bySource].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push(`  ${source.padEnd(28)} ${t.join(' / ')}`)
    t.forEach((n, i) => (total[i]! += n))
  }
  lines.push(`  ${'all'.padEnd(28)} ${total.join(' / ')}`)
  return lines.join('\n')
}
