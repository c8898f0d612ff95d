/**
 * The app's translation runtime (src/modules/translate.ts): what a person reads for each kind of
 * message, the fallback to Japanese, the screen following a change of language, and a check that every
 * message in the locale files uses only the syntax this runtime gives vue-i18n's meaning to.
 */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { compileMessage, createI18n, pluralChoice, useI18n, type MessageTree } from '@/modules/translate'
import { messages } from '../fixtures/messages'

const tree: Record<'ja' | 'en', MessageTree> = {
  ja: { greet: 'こんにちは、{name}さん', only: '日本語だけ', count: '{n}件', cluster: { spot: '{count}か所' } },
  en: { greet: 'Hello, {name}', count: '{n} items', cluster: { spot: '{count} spot (tap) | {count} spots (tap)' }, three: 'none | one | {count} many' },
}

describe('t', () => {
  const i18n = createI18n({ locale: 'en' as 'ja' | 'en', fallbackLocale: 'ja', messages: tree })
  const { t } = i18n.global

  it('fills named slots, and leaves a slot with no value empty', () => {
    expect(t('greet', { name: 'Aiko' })).toBe('Hello, Aiko')
    expect(t('count', { n: 3 })).toBe('3 items')
    expect(t('greet')).toBe('Hello, ')
  })

  it('chooses the plural form as vue-i18n does, and gives the number as {count} and {n}', () => {
    expect(t('cluster.spot', { count: 1 }, 1)).toBe('1 spot (tap)')
    expect(t('cluster.spot', { count: 12 }, 12)).toBe('12 spots (tap)')
    expect(t('cluster.spot', 12)).toBe('12 spots (tap)')
    expect(t('three', 0)).toBe('none')
    expect(t('three', 1)).toBe('one')
    expect(t('three', 5)).toBe('5 many')
    expect([0, 1, 2, 7].map((n) => pluralChoice(n, 2))).toEqual([1, 0, 1, 1])
  })

  it('a message English lacks is read in Japanese; one neither has shows its key', () => {
    expect(t('only')).toBe('日本語だけ')
    expect(t('nowhere.to.be.found')).toBe('nowhere.to.be.found')
    expect(i18n.global.te('only')).toBe(false)
    expect(i18n.global.te('only', 'ja')).toBe(true)
  })

  it('keeps text that only looks like syntax: a lone brace, a pipe in a message without slots is a choice', () => {
    expect(compileMessage('a { b')).toEqual([['a { b']])
    expect(compileMessage('{x}y')).toEqual([[{ name: 'x' }, 'y']])
  })
})

describe('on screen', () => {
  const Greeting = defineComponent({
    setup() {
      const { t, locale } = useI18n()
      return () => h('p', { lang: locale.value }, t('greet', { name: 'Aiko' }))
    },
  })

  it('a change of language, or messages that arrive later, show on the screen already rendered', async () => {
    const i18n = createI18n<'ja' | 'en'>({ locale: 'ja', fallbackLocale: 'ja', messages: { ja: tree.ja } })
    const wrapper = mount(Greeting, { global: { plugins: [i18n] } })
    expect(wrapper.text()).toBe('こんにちは、Aikoさん')
    i18n.global.locale.value = 'en'
    await nextTick()
    // English is not loaded yet: Japanese stands in.
    expect(wrapper.text()).toBe('こんにちは、Aikoさん')
    i18n.global.setLocaleMessage('en', tree.en)
    await nextTick()
    expect(wrapper.text()).toBe('Hello, Aiko')
    expect(wrapper.get('p').attributes('lang')).toBe('en')
  })

  it('says plainly when a component asks for translations the app has not installed', () => {
    expect(() => mount(Greeting)).toThrow(/no i18n installed/)
  })
})

describe('the locale files use only what this runtime reads', () => {
  function entries(node: MessageTree, prefix = ''): Array<[string, string]> {
    return Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : entries(value, `${prefix}${key}.`)))
  }
  it.each(['ja', 'en'] as const)('%s: named slots only, balanced braces, no linked messages or HTML, two or three plural forms', (lang) => {
    const all = entries(messages[lang] as MessageTree)
    expect(all.length).toBeGreaterThan(100)
    const problems: string[] = []
    for (const [key, text] of all) {
      const withoutSlots = text.replace(/\{\s*[A-Za-z_]\w*\s*\}/g, '')
      if (/[{}]/.test(withoutSlots)) problems.push(`${key}: a brace that is not a {name} slot`)
      if (/@[:.]/.test(text)) problems.push(`${key}: a linked message (@:)`)
      if (/<\/?[a-z][^>]*>/i.test(text)) problems.push(`${key}: HTML`)
      const forms = text.split('|').length
      if (forms > 3) problems.push(`${key}: ${forms} plural forms`)
    }
    expect(problems).toEqual([])
  })
})
