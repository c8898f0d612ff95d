import { describe, expect, it } from 'vitest'
import { addChunk, toChunks, type ChunkSet } from '@/domain/transfer-chunks'

describe('transfer QR chunks', () => {
  it('any order, duplicates ignored, reassembles the exact text (Japanese included)', () => {
    const text = JSON.stringify({ stamps: Array.from({ length: 60 }, (_, i) => ({ key: `道の駅/cp-${i}`, at: '2026-11-23T03:00:00.000Z' })) })
    const chunks = toChunks(text, 300)
    expect(chunks.length).toBeGreaterThan(3)
    let set: ChunkSet | null = null
    let done = ''
    for (const c of [...chunks.slice(1), chunks[1]!, chunks[0]!].reverse()) {
      const step = addChunk(set, c)
      if (step.kind === 'complete') done = step.text
      if (step.kind !== 'not-a-chunk') set = step.set
    }
    expect(done).toBe(text)
  })
  it('rejects what is not a chunk (e.g. a rally code)', () => {
    expect(addChunk(null, 'YK1.abc.def').kind).toBe('not-a-chunk')
    expect(addChunk(null, 'YKT1:abc:3:2:AAAA').kind).toBe('not-a-chunk')
  })
})
