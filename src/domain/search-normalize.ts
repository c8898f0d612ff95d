/**
 * Text folding for search: what a person types and what a record says are
 * compared after the same normalisation, so that ｶﾀｶﾅ / カタカナ / ひらがな,
 * full- and half-width letters and digits, and upper/lower case all match.
 *
 * 1. NFKC: half-width katakana → full-width (ｶﾞ → ガ), full-width ASCII → ASCII (Ａ１ → A1).
 * 2. Lower case (English names).
 * 3. Katakana → hiragana (ァ-ヶ and ヽヾ; ー is kept, it is the same in both).
 * 4. Spaces, middle dots and common punctuation removed, so 「瑠璃光寺 五重塔」 finds 「瑠璃光寺五重塔」.
 * Pure: no Vue, no DOM.
 */

const KATAKANA_START = 0x30a1 // ァ
const KATAKANA_END = 0x30f6 // ヶ
const KANA_OFFSET = 0x60

/** Characters that carry no meaning for matching (whitespace, ・, punctuation, brackets). */
const IGNORED = /[\p{Cc}\s\u30fb\u00b7'"`.,、。「」『』（）()[\]【】〈〉《》!！?？:：;；~〜～_\-‐–—/／]+/gu

export function katakanaToHiragana(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code >= KATAKANA_START && code <= KATAKANA_END) || code === 0x30fd || code === 0x30fe) out += String.fromCharCode(code - KANA_OFFSET)
    else out += text[i]
  }
  return out
}

/** Fold a string for matching (record text and queries alike). */
export function normalizeForSearch(text: string): string {
  return katakanaToHiragana(text.normalize('NFKC').toLowerCase()).replace(IGNORED, '')
}

/** Split a query into folded terms (space-separated, full-width spaces too); empty terms dropped. */
export function queryTerms(query: string): string[] {
  return query
    .normalize('NFKC')
    .split(/\s+/u)
    .map(normalizeForSearch)
    .filter((t) => t.length > 0)
}
