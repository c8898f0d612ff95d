/**
 * Every user-visible string lives in the locale files, in both languages.
 * - ja and en locale files have the same keys;
 * - every `t('key')` used in src/ exists;
 * - no .vue template contains literal text or literal labels (aria-label, title, alt, placeholder).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parse } from '@vue/compiler-sfc'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const localeDir = join(root, 'src/locales')

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path, ext) : path.endsWith(ext) ? [path] : []
  })
}

function flatten(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
  return [prefix]
}

function keysOf(locale: string): Map<string, string[]> {
  const files = new Map<string, string[]>()
  for (const file of readdirSync(join(localeDir, locale))) {
    files.set(file, flatten(JSON.parse(readFileSync(join(localeDir, locale, file), 'utf8'))).sort())
  }
  return files
}

/** Visible text must contain a letter (kana, kanji or Latin); lone symbols like "·" are fine. */
const WORDY = /[A-Za-z\u3041-\u30fa\u3400-\u9fff]/ // not ・ or ー alone
const LABEL_ATTRS = new Set(['aria-label', 'title', 'alt', 'placeholder', 'aria-description', 'label'])

interface TemplateNode {
  type: number
  content?: string
  tag?: string
  props?: Array<{ type: number; name: string; value?: { content: string } }>
  children?: TemplateNode[]
  loc: { start: { line: number } }
}

export function literalTextIn(source: string): string[] {
  const { descriptor } = parse(source)
  const found: string[] = []
  const visit = (node: TemplateNode) => {
    if (node.type === 2 && node.content && WORDY.test(node.content)) found.push(`line ${node.loc.start.line}: "${node.content.trim()}"`)
    for (const prop of node.props ?? []) {
      if (prop.type === 6 && LABEL_ATTRS.has(prop.name) && prop.value && WORDY.test(prop.value.content)) found.push(`line ${node.loc.start.line}: ${prop.name}="${prop.value.content}"`)
    }
    for (const child of node.children ?? []) visit(child)
  }
  if (descriptor.template?.ast) visit(descriptor.template.ast as unknown as TemplateNode)
  return found
}

describe('locale files', () => {
  const ja = keysOf('ja')
  const en = keysOf('en')

  it('exist as the same files in ja and en', () => {
    expect([...en.keys()].sort()).toEqual([...ja.keys()].sort())
  })

  it('no two locale files of a language define the same top-level key (they are merged one level deep)', () => {
    for (const locale of ['ja', 'en']) {
      const owners = new Map<string, string>()
      const clashes: string[] = []
      for (const file of readdirSync(join(localeDir, locale))) {
        for (const key of Object.keys(JSON.parse(readFileSync(join(localeDir, locale, file), 'utf8')))) {
          if (owners.has(key)) clashes.push(`${locale}: "${key}" in ${owners.get(key)} and ${file}`)
          owners.set(key, file)
        }
      }
      expect(clashes).toEqual([])
    }
  })

  it.each([...ja.keys()])('%s has the same keys in ja and en', (file) => {
    expect(en.get(file)).toEqual(ja.get(file))
  })

  it('every translation key used in the source exists', () => {
    const all = new Set([...ja.values()].flat())
    const prefixes = new Set([...all].flatMap((k) => k.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))))
    const missing: string[] = []
    for (const file of [...walk(join(root, 'src'), '.vue'), ...walk(join(root, 'src'), '.ts')]) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        if (!all.has(match[1]!)) missing.push(`${relative(root, file)}: ${match[1]}`)
      }
      // Template-literal keys like t(`data.error.${x}`): the static prefix must exist.
      for (const match of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.-]+)\.\$\{/g)) {
        if (!prefixes.has(match[1]!)) missing.push(`${relative(root, file)}: ${match[1]}.*`)
      }
    }
    expect(missing).toEqual([])
  })
})

describe('no literal user-visible text in components', () => {
  it('detects literal text and labels (the scan itself works)', () => {
    expect(literalTextIn('<template><p>こんにちは</p><button aria-label="Close">{{ t("x") }}</button></template>')).toHaveLength(2)
    expect(literalTextIn('<template><p>{{ t("x") }} · <b>{{ n }}</b></p></template>')).toEqual([])
  })

  it.each(walk(join(root, 'src'), '.vue').map((f) => relative(root, f)))('%s has none', (file) => {
    expect(literalTextIn(readFileSync(join(root, file), 'utf8'))).toEqual([])
  })
})
