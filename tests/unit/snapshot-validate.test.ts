import { describe, expect, it } from 'vitest'
import { parseSnapshot, SnapshotError, validateSnapshot } from '@/domain/snapshot-validate'
import { loadCommittedSnapshot, variantSnapshot } from '../fixtures/snapshots'

async function rejection(text: string): Promise<SnapshotError> {
  try {
    await parseSnapshot(text)
  } catch (error) {
    if (error instanceof SnapshotError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

describe('snapshot validator', () => {
  it('accepts the committed snapshot with all 7 municipalities and a matching hash', async () => {
    const text = JSON.stringify(loadCommittedSnapshot())
    const snapshot = await parseSnapshot(text)
    expect(snapshot.municipalities.map((m) => m.name.ja).sort()).toEqual(['宇部市', '山口市', '山陽小野田市', '津和野町', '美祢市', '萩市', '防府市'].sort())
    expect(snapshot.spots.length).toBeGreaterThan(0)
  })

  it('says the file is damaged when the JSON is truncated', async () => {
    const text = JSON.stringify(loadCommittedSnapshot())
    const error = await rejection(text.slice(0, text.length / 2))
    expect(error.code).toBe('invalid-json')
    expect(error.message).toMatch(/damaged/)
  })

  it('names the field and the problem when a type is wrong', async () => {
    const snapshot = await variantSnapshot((b) => {
      ;(b.spots[0] as unknown as { name: unknown }).name = 42
    })
    const error = await rejection(JSON.stringify(snapshot))
    expect(error.code).toBe('invalid-content')
    expect(error.details.join('\n')).toContain('spots.0.name')
  })

  it('rejects a record without a source', async () => {
    const snapshot = await variantSnapshot((b) => {
      delete (b.events[0] as Partial<(typeof b.events)[0]>).source
    })
    expect((await rejection(JSON.stringify(snapshot))).details.join()).toContain('events.0.source')
  })

  it.each([
    ['an http link', (b: any) => (b.events[0].url = 'http://example.com/')],
    ['a javascript: link', (b: any) => (b.events[0].url = 'javascript:alert(1)')],
    ['a point outside the region', (b: any) => (b.spots[0].point = { lat: 35.68, lng: 139.76 })],
    ['an extra key', (b: any) => (b.spots[0].extra = 1)],
    ['a __proto__ key', (b: any) => Object.defineProperty(b.spots[0], '__proto__', { value: { polluted: true }, enumerable: true })],
    ['a duplicate id', (b: any) => b.spots.push(structuredClone(b.spots[0]))],
  ])('rejects %s', async (_label, change) => {
    const snapshot = await variantSnapshot(change)
    const error = await rejection(JSON.stringify(snapshot))
    expect(['invalid-content', 'duplicate-id']).toContain(error.code)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses an unknown major schema version with an "update the app" message', async () => {
    const snapshot = { ...loadCommittedSnapshot(), schemaVersion: '2.0.0' }
    const error = await rejection(JSON.stringify(snapshot))
    expect(error.code).toBe('newer-format')
    expect(error.message).toMatch(/Update the app/)
  })

  it('a newer minor format is read without the fields this app does not know; the same version with an unknown field is refused', async () => {
    const newer = await variantSnapshot((b) => {
      ;(b.spots[0] as unknown as Record<string, unknown>).wheelchairRating = 5
    })
    newer.schemaVersion = '1.99.0'
    ;(newer as unknown as Record<string, unknown>).weather = []
    const read = await parseSnapshot(JSON.stringify(newer))
    expect(read.spots[0]).not.toHaveProperty('wheelchairRating')
    expect(read).not.toHaveProperty('weather')
    expect(read.spots).toHaveLength(newer.spots.length)
    // A newer minor with a real error is still refused as broken.
    const broken = await variantSnapshot((b) => {
      ;(b.spots[0] as unknown as Record<string, unknown>).name = 42
    })
    broken.schemaVersion = '1.99.0'
    expect((await rejection(JSON.stringify(broken))).code).toBe('invalid-content')
    const same = loadCommittedSnapshot()
    ;(same.spots[0] as unknown as Record<string, unknown>).wheelchairRating = 5
    const refused = await rejection(JSON.stringify(same))
    expect(refused.code).toBe('invalid-content')
    expect(refused.details.join('\n')).toContain('wheelchairRating: is not an allowed field')
  })

  it('detects content that does not match its hash', async () => {
    const snapshot = loadCommittedSnapshot()
    snapshot.spots[0]!.name.ja = '改ざん'
    expect((await rejection(JSON.stringify(snapshot))).code).toBe('hash-mismatch')
  })

  it('rejects something that is not an object', () => {
    expect(() => validateSnapshot([])).toThrow(SnapshotError)
  })
})
