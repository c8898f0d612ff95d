/**
 * How lists compare text. `localeCompare` loads ICU's collator at a page's first call (the first Intl object
 * of a page: 30–80 ms here) and, given a locale, is ≈ 20× slower than a kept collator: ids, keys and ISO
 * dates compare by code units instead, and Japanese names with one collator, made at the first comparison.
 */

/** Code-unit order: for ids, keys and ISO 8601 dates and times (ASCII, where it is the alphabetical order). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

let japanese: Intl.Collator | undefined
/** The one collator for Japanese order, made at its first use (composables/useJapaneseOrderAhead makes it early). */
export function japaneseCollator(): Intl.Collator {
  return (japanese ??= new Intl.Collator('ja'))
}

/** Japanese order (gojūon for kana), as people expect a list of names. */
export function compareJapanese(a: string, b: string): number {
  return japaneseCollator().compare(a, b)
}
