/**
 * The app's translation runtime: `createI18n` and `useI18n` with the part of vue-i18n's Composition API
 * the app uses (`t` and `locale`), over the plain locale files in src/locales.
 *
 * Why not vue-i18n: its runtime (core, message resolver and the Vue bindings) was ≈ 17 KB gzip of the
 * entry that every first visit downloads and evaluates before anything works (issue 18's budget is
 * 60 KB for the whole entry). The app's messages use three of its syntax features, all kept here with
 * vue-i18n's meaning:
 *  - named interpolation: `{name}`;
 *  - plural choices separated by `|`: with two choices, 1 takes the first and any other number the
 *    second; with three, 0, 1 and more; the count is also given as `{count}` and `{n}`;
 *  - the fallback language: a key missing in English is read in Japanese; a key missing in both is
 *    shown as itself.
 * Anything else (linked `@:` messages, list `{0}` interpolation, HTML) is refused by the locale files'
 * test (tests/unit/translate.test.ts), so a message cannot silently mean something else here.
 */
import { inject, ref, shallowRef, type App, type InjectionKey, type Ref } from 'vue'

export type MessageTree = { [key: string]: string | MessageTree }
export type Named = Record<string, unknown>

/** A message cut into its literal parts and its `{name}` slots, per plural choice. */
type Part = string | { name: string }
type Compiled = Part[][]

const SLOT = /\{\s*([A-Za-z_][\w]*)\s*\}/g

export function compileMessage(message: string): Compiled {
  return message.split('|').map((choice, _i, all) => {
    const text = all.length > 1 ? choice.trim() : choice
    const parts: Part[] = []
    let last = 0
    for (const match of text.matchAll(SLOT)) {
      if (match.index > last) parts.push(text.slice(last, match.index))
      parts.push({ name: match[1]! })
      last = match.index + match[0].length
    }
    if (last < text.length) parts.push(text.slice(last))
    return parts
  })
}

/** vue-i18n's default plural rule. */
export function pluralChoice(count: number, choices: number): number {
  const n = Math.abs(count)
  if (choices === 2) return n === 1 ? 0 : 1
  return n ? Math.min(n, 2) : 0
}

function display(value: unknown): string {
  return value == null ? '' : String(value)
}

function lookup(tree: MessageTree | undefined, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree
  for (const segment of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[segment]
  }
  return typeof node === 'string' ? node : undefined
}

export interface I18nOptions<L extends string> {
  locale: L
  fallbackLocale: L
  messages?: Partial<Record<L, MessageTree>>
}

export interface Translate {
  (key: string, named?: Named | number, plural?: number): string
}

export interface I18nGlobal<L extends string = string> {
  locale: Ref<L>
  readonly availableLocales: L[]
  t: Translate
  /** Whether the language (the current one unless given) has this message. */
  te(key: string, locale?: L): boolean
  getLocaleMessage(locale: L): MessageTree
  setLocaleMessage(locale: L, messages: MessageTree): void
}

export interface I18n<L extends string = string> {
  global: I18nGlobal<L>
  install(app: App): void
}

const I18N: InjectionKey<I18n> = Symbol('i18n')

export function createI18n<L extends string>(options: I18nOptions<L>): I18n<L> {
  const locale = ref(options.locale) as Ref<L>
  const messages = shallowRef<Partial<Record<L, MessageTree>>>({ ...options.messages })
  const cache = new Map<string, Compiled | null>()

  function compiled(lang: L, key: string): Compiled | null {
    const id = `${lang}\u0000${key}`
    let hit = cache.get(id)
    if (hit === undefined) {
      const text = lookup(messages.value[lang], key)
      hit = text === undefined ? null : compileMessage(text)
      cache.set(id, hit)
    }
    return hit
  }

  const t: Translate = (key, named, plural) => {
    const lang = locale.value
    // Read so a render that ran before a language's messages arrived runs again when they do.
    void messages.value
    const message = compiled(lang, key) ?? (lang !== options.fallbackLocale ? compiled(options.fallbackLocale, key) : null)
    if (!message) return key
    const count = typeof named === 'number' ? named : plural
    const values: Named = typeof named === 'object' && named ? { ...named } : {}
    if (count !== undefined) {
      values.count ??= count
      values.n ??= count
    }
    const parts = message.length > 1 ? message[pluralChoice(count ?? 1, message.length)]! : message[0]!
    let out = ''
    for (const part of parts) out += typeof part === 'string' ? part : display(values[part.name])
    return out
  }

  const global: I18nGlobal<L> = {
    locale,
    get availableLocales() {
      return Object.keys(messages.value) as L[]
    },
    t,
    te: (key, lang = locale.value) => lookup(messages.value[lang], key) !== undefined,
    getLocaleMessage: (lang) => messages.value[lang] ?? {},
    setLocaleMessage(lang, tree) {
      cache.clear()
      messages.value = { ...messages.value, [lang]: tree }
    },
  }
  const i18n: I18n<L> = {
    global,
    install(app) {
      app.provide(I18N, i18n as unknown as I18n)
    },
  }
  return i18n
}

/** The app's `t` and `locale` (one global scope, as the app used vue-i18n). */
export function useI18n(): Pick<I18nGlobal, 't' | 'locale'> {
  const i18n = inject(I18N, null)
  if (!i18n) throw new Error('useI18n: the app has no i18n installed (app.use(createI18n(…))).')
  return { t: i18n.global.t, locale: i18n.global.locale }
}
