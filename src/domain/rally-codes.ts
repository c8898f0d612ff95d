/**
 * Signed check-in codes for stamp rallies, verified offline with WebCrypto.
 *
 * Text format (fits in a QR code and can be typed from the print under it):
 *
 *   YK1.<payload>.<signature>
 *
 * payload   = base64url(UTF-8 "rallyId|checkpointRef|validFrom|validUntil|kid"),
 *             dates are Japan calendar days (YYYY-MM-DD, inclusive);
 *             checkpointRef is the checkpoint's `qrId` (its `id` is accepted too)
 * signature = base64url(ECDSA P-256 / SHA-256 over the ASCII text "YK1.<payload>"),
 *             raw r‖s (IEEE P1363, 64 bytes) — what WebCrypto produces. DER
 *             (ASN.1, as OpenSSL emits) is refused with its own reason.
 *
 * Public keys come from the snapshot: `rallies[].keys` = [{ kid, x, y }] (JWK coordinates).
 */
import { tokyoDayEnd, tokyoDayStart } from './rally-rules'
import type { Checkpoint, Rally } from './snapshot-schema'

export const CODE_PREFIX = 'YK1'
const PART = /^[A-Za-z0-9_-]+$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

export interface RallyCodePayload {
  rallyId: string
  checkpointRef: string
  validFrom: string
  validUntil: string
  kid: string
}

export type CodeRejectionReason =
  | 'malformed'
  | 'der-signature'
  | 'unknown-rally'
  | 'other-rally'
  | 'unknown-kid'
  | 'bad-signature'
  | 'unknown-checkpoint'
  | 'not-yet-valid'
  | 'expired'

export type CodeVerification =
  | { ok: true; rally: Rally; checkpoint: Checkpoint; payload: RallyCodePayload }
  | { ok: false; reason: CodeRejectionReason; payload?: RallyCodePayload }

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> {
  if (!PART.test(text)) throw new Error('not base64url')
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)
  const binary = atob(b64)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** Pull a code out of what was scanned or typed: spaces, line breaks and case of the prefix are forgiven. */
export function normaliseCodeText(input: string): string {
  const compact = input.replace(/\s+/g, '')
  const match = /yk1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/i.exec(compact)
  if (!match) return compact
  return CODE_PREFIX + match[0].slice(3)
}

export function encodePayload(p: RallyCodePayload): string {
  for (const field of [p.rallyId, p.checkpointRef, p.kid]) if (!field || field.includes('|')) throw new Error(`invalid field ${field}`)
  if (!DATE.test(p.validFrom) || !DATE.test(p.validUntil)) throw new Error('validity dates must be YYYY-MM-DD')
  return base64UrlEncode(new TextEncoder().encode([p.rallyId, p.checkpointRef, p.validFrom, p.validUntil, p.kid].join('|')))
}

export function parseRallyCode(text: string): { payload: RallyCodePayload; signed: string; signature: Uint8Array } | null {
  const parts = normaliseCodeText(text).split('.')
  if (parts.length !== 3 || parts[0] !== CODE_PREFIX) return null
  try {
    const fields = new TextDecoder('utf-8', { fatal: true }).decode(base64UrlDecode(parts[1]!)).split('|')
    if (fields.length !== 5 || fields.some((f) => !f)) return null
    const [rallyId, checkpointRef, validFrom, validUntil, kid] = fields as [string, string, string, string, string]
    if (!DATE.test(validFrom) || !DATE.test(validUntil)) return null
    return { payload: { rallyId, checkpointRef, validFrom, validUntil, kid }, signed: `${parts[0]}.${parts[1]}`, signature: base64UrlDecode(parts[2]!) }
  } catch {
    return null
  }
}

/** An ASN.1 DER ECDSA-Sig-Value: SEQUENCE { INTEGER r, INTEGER s }. */
export function looksLikeDer(sig: Uint8Array): boolean {
  return sig.length >= 8 && sig.length <= 72 && sig[0] === 0x30 && sig[1] === sig.length - 2 && sig[2] === 0x02
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const

const keyCache = new Map<string, Promise<CryptoKey>>()
function importPublicKey(x: string, y: string): Promise<CryptoKey> {
  const cacheKey = `${x}.${y}`
  let key = keyCache.get(cacheKey)
  if (!key) {
    key = crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x, y, ext: true }, ALGORITHM, false, ['verify'])
    key.catch(() => keyCache.delete(cacheKey))
    keyCache.set(cacheKey, key)
  }
  return key
}

/** Sign a code (organiser script, tests). The key is an ECDSA P-256 private CryptoKey. */
export async function signRallyCode(payload: RallyCodePayload, privateKey: CryptoKey): Promise<string> {
  const signed = `${CODE_PREFIX}.${encodePayload(payload)}`
  const signature = new Uint8Array(await crypto.subtle.sign(SIGN, privateKey, new TextEncoder().encode(signed)))
  return `${signed}.${base64UrlEncode(signature)}`
}

export function findCheckpoint(rally: Rally, ref: string): Checkpoint | undefined {
  return rally.checkpoints.find((c) => c.qrId === ref) ?? rally.checkpoints.find((c) => c.id === ref)
}

/**
 * Verify a scanned or typed code against the rallies of the snapshot. The
 * signature is checked before anything about dates is said, so a forged code
 * never learns more than "not genuine".
 */
export async function verifyRallyCode(text: string, options: { rallies: readonly Rally[]; now: number; expectedRallyId?: string }): Promise<CodeVerification> {
  const parsed = parseRallyCode(text)
  if (!parsed) return { ok: false, reason: 'malformed' }
  const { payload, signed, signature } = parsed
  if (signature.length !== 64) return { ok: false, reason: looksLikeDer(signature) ? 'der-signature' : 'malformed', payload }
  if (options.expectedRallyId && payload.rallyId !== options.expectedRallyId) return { ok: false, reason: 'other-rally', payload }
  const rally = options.rallies.find((r) => r.id === payload.rallyId)
  if (!rally) return { ok: false, reason: 'unknown-rally', payload }
  const jwk = rally.keys.find((k) => k.kid === payload.kid)
  if (!jwk) return { ok: false, reason: 'unknown-kid', payload }
  let valid = false
  try {
    const key = await importPublicKey(jwk.x, jwk.y)
    valid = await crypto.subtle.verify(SIGN, key, signature as Uint8Array<ArrayBuffer>, new TextEncoder().encode(signed))
  } catch {
    valid = false
  }
  if (!valid) return { ok: false, reason: 'bad-signature', payload }
  const checkpoint = findCheckpoint(rally, payload.checkpointRef)
  if (!checkpoint) return { ok: false, reason: 'unknown-checkpoint', payload }
  if (options.now < tokyoDayStart(payload.validFrom)) return { ok: false, reason: 'not-yet-valid', payload }
  if (options.now >= tokyoDayEnd(payload.validUntil)) return { ok: false, reason: 'expired', payload }
  return { ok: true, rally, checkpoint, payload }
}


const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/**
 * A short code for the completion screen ("XXXX-XXXX"), derived from the rally
 * and the stamps' times: the same on every render, different per person.
 */
export async function completionCode(rallyId: string, stamps: ReadonlyArray<{ checkpointId: string; at: string }>): Promise<string> {
  const text = [rallyId, ...stamps.map((s) => `${s.checkpointId}@${s.at}`).sort()].join('|')
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  let bits = 0n
  for (const b of digest.slice(0, 5)) bits = (bits << 8n) | BigInt(b)
  let out = ''
  for (let i = 0; i < 8; i++) {
    out = CROCKFORD[Number(bits & 31n)]! + out
    bits >>= 5n
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`
}
