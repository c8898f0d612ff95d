import { useI18n } from '@/modules/translate'

export interface LocalizedLike {
  ja: string
  en?: string
  /** A transliteration of the Japanese reading (place names only). */
  latn?: string
}

export type PickedLang = 'ja' | 'en' | 'ja-Latn'

/**
 * Picks the record text for the UI language: in English the English text, else a place name's
 * transliteration (`lang="ja-Latn"`: Japanese written in Latin letters, not a translation), else Japanese.
 */
export function useLocalized() {
  const { locale } = useI18n()
  function pick(value: LocalizedLike | undefined | null): { text: string; lang: PickedLang } {
    if (!value) return { text: '', lang: 'ja' }
    if (locale.value === 'en' && value.en && value.en.trim()) return { text: value.en, lang: 'en' }
    if (locale.value === 'en' && value.latn && value.latn.trim()) return { text: value.latn, lang: 'ja-Latn' }
    return { text: value.ja, lang: 'ja' }
  }
  return { pick, text: (value: LocalizedLike | undefined | null) => pick(value).text }
}
