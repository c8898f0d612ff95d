import { describe, expect, it } from 'vitest'

const files = import.meta.glob<Record<string, unknown>>('../../src/locales/*/*.json', { import: 'default', eager: true })
const AREAS = ['spots', 'search', 'routes', 'favorites', 'events', 'home']

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort()
}

describe('tourism locale files', () => {
  it.each(AREAS)('%s.json has the same keys in Japanese and English, and no empty strings', (area) => {
    const ja = files[`../../src/locales/ja/${area}.json`]
    const en = files[`../../src/locales/en/${area}.json`]
    expect(ja).toBeDefined()
    expect(keys(en)).toEqual(keys(ja))
    for (const file of [ja, en]) expect(JSON.stringify(file)).not.toMatch(/:""/)
  })
})
