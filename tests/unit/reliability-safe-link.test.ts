/** XSS, link layer (issue 10, item 10): only https:, tel: and mailto: hrefs from data are ever rendered. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeHref, telHref } from '@/domain/safe-link'

describe('safeHref', () => {
  it.each(['https://www.city.yamaguchi.lg.jp/', 'tel:0839221111', 'mailto:info@example.jp', 'HTTPS://EXAMPLE.JP/a?b=c#d'])('keeps %s', (href) => {
    expect(safeHref(href)).toBe(new URL(href).href)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript&colon;alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'http://example.jp/',
    '//evil.example/',
    '/spots/x',
    'https://user:pass@example.jp/',
    'file:///etc/passwd',
    'blob:https://example.jp/uuid',
    '',
    '<img src=x onerror=alert(1)>',
  ])('drops %j', (href) => {
    expect(safeHref(href)).toBeUndefined()
  })

  it('drops non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.jp/'], { toString: () => 'https://example.jp/' }]) expect(safeHref(value)).toBeUndefined()
  })

  it('property: whatever the input, the result is undefined or an https:/tel:/mailto: URL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `javascript:${s}`), fc.constantFrom('tel:', 'mailto:', 'https:', 'javascript:', 'data:').chain((p) => fc.string().map((s) => p + s))), (value) => {
        const href = safeHref(value)
        if (href !== undefined) expect(['https:', 'tel:', 'mailto:']).toContain(new URL(href).protocol)
      }),
      { numRuns: 1000 },
    )
  }, 30_000)
})

describe('telHref', () => {
  it('turns a written phone number into a dialable tel: link', () => {
    expect(telHref('083-922-1111')).toBe('tel:0839221111')
    expect(telHref('+81 83 922 1111')).toBe('tel:+81839221111')
  })
  it('refuses values without digits or with script', () => {
    expect(telHref('javascript:alert(1)')).toBeUndefined()
    expect(telHref('083-922-1111 (内線 12)')).toBeUndefined()
    expect(telHref('<script>')).toBeUndefined()
    expect(telHref(undefined)).toBeUndefined()
  })
})

describe('no HTML from strings anywhere in the app', () => {
  it('lint forbids v-html, and no source file uses v-html, innerHTML, insertAdjacentHTML, document.write, eval or new Function', async () => {
    const { readFileSync, readdirSync, statSync } = await import('node:fs')
    const { join, resolve } = await import('node:path')
    const root = resolve(__dirname, '../..')
    expect(readFileSync(join(root, 'eslint.config.js'), 'utf8')).toMatch(/'vue\/no-v-html':\s*'error'/)
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name)
        if (statSync(full).isDirectory()) walk(full)
        else if (/\.(vue|ts)$/.test(name) && /v-html|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/.test(readFileSync(full, 'utf8'))) offenders.push(full)
      }
    }
    walk(join(root, 'src'))
    expect(offenders).toEqual([])
  })
})
