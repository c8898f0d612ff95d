/**
 * Moving data to a new phone without a network: the backup text split into
 * QR-sized chunks ("YKT1:<set>:<index>:<count>:<base64url data>"), shown one
 * after another on the old phone and scanned in any order on the new one.
 */
import { base64UrlDecode, base64UrlEncode } from './rally-codes'

export const CHUNK_PREFIX = 'YKT1'
/** Characters of data per QR code: small enough to scan reliably from a phone screen. */
export const CHUNK_SIZE = 500

function setId(text: string): string {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return (h >>> 0).toString(36).slice(0, 6)
}

export function toChunks(text: string, size = CHUNK_SIZE): string[] {
  const data = base64UrlEncode(new TextEncoder().encode(text))
  const count = Math.max(1, Math.ceil(data.length / size))
  const id = setId(text)
  return Array.from({ length: count }, (_, i) => `${CHUNK_PREFIX}:${id}:${i + 1}:${count}:${data.slice(i * size, (i + 1) * size)}`)
}

export interface ChunkSet {
  id: string
  count: number
  parts: Map<number, string>
}

export type ChunkStep = { kind: 'progress'; set: ChunkSet } | { kind: 'complete'; set: ChunkSet; text: string } | { kind: 'not-a-chunk' }

/** Add one scanned chunk. A chunk of another set starts over. */
export function addChunk(set: ChunkSet | null, scanned: string): ChunkStep {
  const m = /^YKT1:([0-9a-z]{1,6}):(\d{1,4}):(\d{1,4}):([A-Za-z0-9_-]*)$/.exec(scanned.trim())
  if (!m) return { kind: 'not-a-chunk' }
  const [, id, i, n, data] = m as unknown as [string, string, string, string, string]
  const index = Number(i)
  const count = Number(n)
  if (index < 1 || index > count) return { kind: 'not-a-chunk' }
  const current = set && set.id === id && set.count === count ? set : { id, count, parts: new Map<number, string>() }
  const next: ChunkSet = { id, count, parts: new Map(current.parts).set(index, data) }
  if (next.parts.size < count) return { kind: 'progress', set: next }
  const joined = Array.from({ length: count }, (_, k) => next.parts.get(k + 1)!).join('')
  try {
    return { kind: 'complete', set: next, text: new TextDecoder('utf-8', { fatal: true }).decode(base64UrlDecode(joined)) }
  } catch {
    return { kind: 'not-a-chunk' }
  }
}
