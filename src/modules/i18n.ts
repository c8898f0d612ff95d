/**
 * The app's translations (./translate.ts) with lazily loaded locale files: only the active language is
 * in the first load. The choice is remembered (settings store) and sets <html lang>.
 */
import { createI18n, type MessageTree } from './translate'
import { hydrateNow } from './hydrate-in-turn'
import { SETTING } from '@/domain/storage-keys'
import { useUserDataStore } from '@/stores/user-data'

export const LOCALES = ['ja', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const LOCALE_SETTING = SETTING.locale

type Messages = MessageTree
/** One chunk per language: src/locales/messages-<lang>.ts merges that language's per-area files. */
const loaders = import.meta.glob<Messages>('../locales/messages-*.ts', { import: 'default' })

export const i18n = createI18n<Locale>({
  locale: 'ja',
  fallbackLocale: 'ja',
})

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** Japanese unless the browser prefers English first. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0]
    if (base === 'ja') return 'ja'
    if (base === 'en') return 'en'
  }
  return 'ja'
}

async function ensureMessages(locale: Locale): Promise<void> {
  if (i18n.global.availableLocales.includes(locale) && Object.keys(i18n.global.getLocaleMessage(locale)).length) return
  const load = loaders[`../locales/messages-${locale}.ts`]
  if (!load) throw new Error(`No messages for ${locale}`)
  i18n.global.setLocaleMessage(locale, await load())
}

export async function setLocale(locale: Locale, remember = true): Promise<void> {
  await ensureMessages(locale)
  if (locale !== 'ja') await ensureMessages('ja').catch(() => undefined)
  // Parts of a prerendered page still waiting for their turn are hydrated in the language of their HTML first.
  hydrateNow()
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  if (remember) await useUserDataStore().setSetting(LOCALE_SETTING, locale).catch(() => undefined)
}

/** How long the first render waits for the remembered language (storage may be blocked by another tab). */
const SAVED_LOCALE_WAIT_MS = 1500

/**
 * Sets the language the first render uses (the remembered one, else the browser's), its messages loaded. The setting's
 * copy on this device answers at once; the database's answer comes after it and wins, once `switchAfter` has settled
 * (start-up passes the hydration: a page hydrated in one language must not change before it is done), unless the
 * person has chosen a language meanwhile. Without a copy, the first render waits for the database, up to
 * SAVED_LOCALE_WAIT_MS.
 */
export async function prepareLocale({ switchAfter }: { switchAfter?: Promise<unknown> } = {}): Promise<void> {
  const user = useUserDataStore()
  // Most people keep the browser's language: fetch its messages while the setting is read.
  void ensureMessages(browserLocale()).catch(() => undefined)
  const reading = user.setting(LOCALE_SETTING).then(
    (value) => {
      user.keepLocaleCopy(value)
      return { value }
    },
    () => null,
  )
  const copy = user.localeCopy()
  if (copy !== null) {
    const initial = isLocale(copy) ? copy : browserLocale()
    await setLocale(initial, false)
    followSaved(reading, initial, switchAfter)
    return
  }
  const late = Symbol('late')
  const read = await Promise.race([reading, new Promise<typeof late>((resolve) => setTimeout(resolve, SAVED_LOCALE_WAIT_MS, late))])
  if (read !== late) {
    const saved = read?.value
    await setLocale(isLocale(saved) ? saved : browserLocale(), false)
    return
  }
  // Storage is slow or blocked: render now (the banners explain why), apply the remembered language when it arrives.
  const initial = browserLocale()
  await setLocale(initial, false)
  followSaved(reading, initial, switchAfter)
}

/** The remembered language once the database answers and `switchAfter` has settled, unless the person has chosen one since `initial`. */
function followSaved(reading: Promise<{ value: unknown } | null>, initial: Locale, switchAfter?: Promise<unknown>) {
  void Promise.all([reading, switchAfter?.catch(() => undefined)]).then(([read]) => {
    if (!read) return
    const saved = isLocale(read.value) ? read.value : browserLocale()
    if (saved !== i18n.global.locale.value && i18n.global.locale.value === initial) void setLocale(saved, false)
  })
}
