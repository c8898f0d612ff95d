import { useI18n } from 'vue-i18n'

export interface LocalizedLike {
  ja: string
  en?: string
}

/** Picks the record text for the UI language, falling back to Japanese (and saying so via `lang`). */
export function useLocalized() {
  const { locale } = useI18n()
  function pick(value: LocalizedLike | undefined | null): { text: string; lang: 'ja' | 'en' } {
    if (!value) return { text: '', lang: 'ja' }
    if (locale.value === 'en' && value.en && value.en.trim()) return { text: value.en, lang: 'en' }
    return { text: value.ja, lang: 'ja' }
  }
  return { pick, text: (value: LocalizedLike | undefined | null) => pick(value).text }
}
