/** Field parsers shared by the importers. Each returns a value or says why not. */
import * as v from 'valibot'
import { HttpsUrlSchema, PhoneSchema, REGION_BOUNDS, type Point } from '../../src/domain/snapshot-schema'
import { nfkc } from './csv'

export type DateResult = { ok: true; date: string } | { ok: false; note: string; reason: string }

const pad = (n: number) => String(n).padStart(2, '0')

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

const PERIOD: Record<string, string> = { 上旬: 'early', 中旬: 'mid', 下旬: 'late', 頃: 'around', 予定: 'planned' }

/**
 * Dates as the feeds write them: `2025/6/8`, `2020-11-18`, `2021年9月11日`.
 * `2022-03-下旬` (a part of a month) does not parse: it is returned as a note.
 */
export function parseDate(input: string): DateResult | undefined {
  const s = nfkc(input)
  if (!s) return undefined
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (validDate(y, mo, d)) return { ok: true, date: `${y}-${pad(mo)}-${pad(d)}` }
    return { ok: false, note: s, reason: `no such day: ${s}` }
  }
  const part = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]?\s*(上旬|中旬|下旬|頃|予定)$/.exec(s)
  if (part) return { ok: false, note: `${part[1]}年${Number(part[2])}月${part[3]}`, reason: `part of a month (${PERIOD[part[3]!]}), not a day` }
  return { ok: false, note: s, reason: 'not a date' }
}

/** `9:00`, `09:00`, `9時` → `09:00`; anything else → undefined. */
export function parseTime(input: string): string | undefined {
  const s = nfkc(input)
  const m = /^(\d{1,2})(?::|時)(\d{2})?分?$/.exec(s)
  if (!m) return undefined
  const h = Number(m[1])
  const min = Number(m[2] ?? 0)
  return h < 24 && min < 60 ? `${pad(h)}:${pad(min)}` : undefined
}

/** `(083)984-2201`, `0836-31-5281`, full-width digits → `083-984-2201`. */
export function parsePhone(input: string): string | undefined {
  const s = nfkc(input).replace(/[()（）]/g, (c) => (c === '(' || c === '（' ? '' : '-')).replace(/[‐―ー－−ｰ]/g, '-').replace(/\s+/g, '')
  const first = s.split(/[,、/]/)[0] ?? ''
  return v.safeParse(PhoneSchema, first).success ? first : undefined
}

/** Only https links are kept (the app renders https:, tel:, mailto: only). */
export function parseUrl(input: string): { url?: string; reason?: string } {
  const s: string = nfkc(input)
  if (!s) return {}
  if (v.safeParse(HttpsUrlSchema, s).success) return { url: s }
  return { reason: s.startsWith('http://') ? 'URL is http:// (not https), left out' : 'URL not usable, left out' }
}

export type PointResult = { point?: Point; reason?: string }

export function parsePoint(latText: string, lngText: string): PointResult {
  const lat = Number(nfkc(latText))
  const lng = Number(nfkc(lngText))
  if (!nfkc(latText) && !nfkc(lngText)) return {}
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || lat === 0 || lng === 0) return { reason: 'coordinates not numbers' }
  const point = { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 }
  if (lat < REGION_BOUNDS.south || lat > REGION_BOUNDS.north || lng < REGION_BOUNDS.west || lng > REGION_BOUNDS.east) {
    return { point, reason: 'point far outside the region' }
  }
  return { point }
}

/** Trimmed text with unified line ends, or undefined when empty. */
export function text(...parts: Array<string | undefined>): string | undefined {
  const joined = parts
    .map((p) => (p ?? '').replace(/\r\n?/g, '\n').trim())
    .filter(Boolean)
    .join('\n')
  return joined || undefined
}

export const localized = (ja: string | undefined, en?: string): { ja: string; en?: string } | undefined => {
  if (!ja) return undefined
  const e = en?.trim()
  return e ? { ja, en: e } : { ja }
}

/** A record id from a source key: lower-case a-z0-9; `3.00002E+12`-style keys are refused. */
export function idPart(input: string): string | undefined {
  const s = nfkc(input).toLowerCase()
  if (!s || /e\+\d+$/.test(s)) return undefined
  const cleaned = s.replace(/[^a-z0-9._:-]+/g, '-').replace(/^-+|-+$/g, '')
  return /^[a-z0-9]/.test(cleaned) ? cleaned : undefined
}
