/**
 * What a rally organiser does, as plain functions (no Vue, no DOM; WebCrypto as in browsers and
 * Node): check a rally definition, make its signing key, keep the private key in a file (optionally
 * sealed with a passphrase: PBKDF2-SHA-256 + AES-GCM), sign one code per checkpoint and write the
 * definition file the data pipeline reads (data/curated/rallies/<id>.json). The organiser screen
 * (/organise) and the CLI (scripts/rally/organiser.ts) both call these: one implementation.
 *
 * Codes are the existing format (rally-codes.ts) and verify with the visitor app's own verifier.
 */
import * as v from 'valibot'
import { containsPoint } from './geo'
import { isCalendarDay } from './event-dates'
import { signRallyCode, base64UrlDecode, base64UrlEncode } from './rally-codes'
import { CheckpointSchema, IdSchema, IsoDateSchema, RallySchema, type Municipality, type Rally, type Source } from './snapshot-schema'

export const DEFINITION_FORMAT = 'yume-kairo-rally'
export const KEY_FORMAT = 'yume-kairo-rally-key'
/** PBKDF2 rounds for a passphrase-sealed key (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
export const PBKDF2_ITERATIONS = 600_000

const PublicKeySchema = v.strictObject({ kid: IdSchema, x: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)), y: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)) })
export type RallyPublicKey = v.InferOutput<typeof PublicKeySchema>

/** A rally as an organiser defines it: the snapshot's rally without provenance, plus its public keys. */
export const RallyDefinitionSchema = v.pipe(
  v.strictObject({
    format: v.literal(DEFINITION_FORMAT),
    version: v.literal(1),
    // The snapshot's own rally fields (one schema); only the checkpoint list says more here.
    rally: v.strictObject({
      id: RallySchema.entries.id,
      name: RallySchema.entries.name,
      description: RallySchema.entries.description,
      period: RallySchema.entries.period,
      reward: RallySchema.entries.reward,
      checkpoints: v.pipe(v.array(CheckpointSchema), v.minLength(1, 'a rally needs at least one checkpoint'), v.maxLength(200)),
    }),
    keys: v.pipe(v.array(PublicKeySchema), v.maxLength(20)),
    /** Who defined it, shown as the rally's source. */
    organiser: v.pipe(v.string(), v.minLength(1, 'say who organises the rally'), v.maxLength(200)),
    /** The Japan day the definition was exported: the rally's as-of date. */
    asOf: IsoDateSchema,
  }),
  v.check((d) => isCalendarDay(d.rally.period.start) && (!d.rally.period.end || isCalendarDay(d.rally.period.end)), 'the period names a day that is not a date'),
  v.check((d) => !d.rally.period.end || d.rally.period.end >= d.rally.period.start, 'the period ends before it starts'),
  v.check((d) => new Set(d.rally.checkpoints.map((c) => c.id)).size === d.rally.checkpoints.length, 'two checkpoints have the same id'),
  v.check((d) => new Set(d.rally.checkpoints.map((c) => c.qrId)).size === d.rally.checkpoints.length, 'two checkpoints have the same QR id'),
  v.check((d) => d.rally.reward.rule.type === 'all' || d.rally.reward.rule.count <= d.rally.checkpoints.length, 'the reward asks for more stamps than there are checkpoints'),
  v.check((d) => new Set(d.keys.map((k) => k.kid)).size === d.keys.length, 'two keys have the same id'),
)
export type RallyDefinition = v.InferOutput<typeof RallyDefinitionSchema>

export type DefinitionCheck = { ok: true; definition: RallyDefinition } | { ok: false; problems: string[] }

/** Checks a definition: the schema, then every checkpoint inside its own municipality's boundary. */
export function checkDefinition(input: unknown, municipalities: readonly Pick<Municipality, 'code' | 'boundary'>[]): DefinitionCheck {
  const r = v.safeParse(RallyDefinitionSchema, input)
  if (!r.success) return { ok: false, problems: r.issues.map((i) => `${v.getDotPath(i) ? `${v.getDotPath(i)}: ` : ''}${i.message}`) }
  const problems: string[] = []
  for (const c of r.output.rally.checkpoints) {
    const town = municipalities.find((m) => m.code === c.municipality)
    if (!town || !containsPoint(town.boundary, c.point)) problems.push(`checkpoint ${c.id}: the point is not inside ${c.municipality}`)
  }
  return problems.length ? { ok: false, problems } : { ok: true, definition: r.output }
}

/**
 * The rally as the snapshot carries it, from a checked definition; the pipeline adds the source
 * record (`organiserSource`) so the app can say who defined it.
 */
export function definitionToRally(d: RallyDefinition): Rally {
  return { ...d.rally, keys: d.keys, source: organiserSourceId(d), asOf: d.asOf }
}
export const organiserSourceId = (d: Pick<RallyDefinition, 'rally'>) => `organiser-${d.rally.id}`.slice(0, 128)
export function organiserSource(d: RallyDefinition): Source {
  return {
    id: organiserSourceId(d),
    title: { ja: `${d.rally.name.ja}（主催者によるラリー定義）`, en: `${d.rally.name.en ?? d.rally.name.ja} (rally definition by its organiser)` },
    publisher: { ja: d.organiser },
    licence: '主催者が山口ゆめ回廊ガイドでの掲載のために提供 / provided by the organiser for this guide',
    credit: { ja: `ラリーの内容：${d.organiser}`, en: `Rally by ${d.organiser}` },
    asOf: d.asOf,
  }
}

/** The file the organiser hands to the data pipeline (data/curated/rallies/<rally id>.json). */
export function definitionFile(d: RallyDefinition): string {
  return JSON.stringify(d, null, 2) + '\n'
}

export function parseDefinitionFile(text: string, municipalities: readonly Pick<Municipality, 'code' | 'boundary'>[]): DefinitionCheck {
  try {
    return checkDefinition(JSON.parse(text), municipalities)
  } catch {
    return { ok: false, problems: ['not JSON'] }
  }
}

// --- keys ------------------------------------------------------------------------------------------
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const

export interface RallyKey {
  kid: string
  publicKey: RallyPublicKey
  privateKey: CryptoKey
}

/** A new signing key pair. The private key stays extractable only so that it can be saved once. */
export async function generateRallyKey(kid: string): Promise<RallyKey> {
  if (!v.is(IdSchema, kid)) throw new Error(`not a key id: ${kid}`)
  const pair = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey)
  return { kid, publicKey: { kid, x: jwk.x!, y: jwk.y! }, privateKey: pair.privateKey }
}

const SealedSchema = v.strictObject({ kdf: v.literal('PBKDF2-SHA-256'), iterations: v.pipe(v.number(), v.integer(), v.minValue(100_000)), salt: v.string(), iv: v.string(), ciphertext: v.string() })
const KeyFileSchema = v.strictObject({
  format: v.literal(KEY_FORMAT),
  version: v.literal(1),
  rallyId: IdSchema,
  kid: IdSchema,
  publicKey: PublicKeySchema,
  /** Exactly one of: the private JWK in the clear, or sealed with a passphrase. */
  jwk: v.optional(v.strictObject({ kty: v.literal('EC'), crv: v.literal('P-256'), x: v.string(), y: v.string(), d: v.string() })),
  sealed: v.optional(SealedSchema),
})

async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey'])
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

/** The private key as a file to keep (never stored by the app). With a passphrase, sealed with AES-GCM. */
export async function privateKeyFile(rallyId: string, key: RallyKey, passphrase = '', iterations = PBKDF2_ITERATIONS): Promise<string> {
  const jwk = await crypto.subtle.exportKey('jwk', key.privateKey)
  const clear = { kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x!, y: jwk.y!, d: jwk.d! }
  const head = { format: KEY_FORMAT, version: 1 as const, rallyId, kid: key.kid, publicKey: key.publicKey }
  if (!passphrase) return JSON.stringify({ ...head, jwk: clear }, null, 2) + '\n'
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const aes = await passphraseKey(passphrase, salt, iterations)
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`${rallyId}|${key.kid}`) }, aes, new TextEncoder().encode(JSON.stringify(clear))))
  return JSON.stringify({ ...head, sealed: { kdf: 'PBKDF2-SHA-256', iterations, salt: base64UrlEncode(salt), iv: base64UrlEncode(iv), ciphertext: base64UrlEncode(ciphertext) } }, null, 2) + '\n'
}

export type KeyFileRead = { ok: true; rallyId: string; key: RallyKey } | { ok: false; reason: 'not-a-key-file' | 'needs-passphrase' | 'wrong-passphrase' | 'key-mismatch' }

/** Reads a saved private key; a sealed one needs its passphrase (a wrong one is refused, never guessed at). */
export async function readPrivateKeyFile(text: string, passphrase = ''): Promise<KeyFileRead> {
  let parsed: v.InferOutput<typeof KeyFileSchema>
  try {
    const r = v.safeParse(KeyFileSchema, JSON.parse(text))
    if (!r.success || !!r.output.jwk === !!r.output.sealed) return { ok: false, reason: 'not-a-key-file' }
    parsed = r.output
  } catch {
    return { ok: false, reason: 'not-a-key-file' }
  }
  let jwk = parsed.jwk
  if (parsed.sealed) {
    if (!passphrase) return { ok: false, reason: 'needs-passphrase' }
    const s = parsed.sealed
    try {
      const aes = await passphraseKey(passphrase, base64UrlDecode(s.salt), s.iterations)
      const clear = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: base64UrlDecode(s.iv), additionalData: new TextEncoder().encode(`${parsed.rallyId}|${parsed.kid}`) }, aes, base64UrlDecode(s.ciphertext))
      jwk = JSON.parse(new TextDecoder().decode(clear))
    } catch {
      return { ok: false, reason: 'wrong-passphrase' }
    }
  }
  if (!jwk || jwk.x !== parsed.publicKey.x || jwk.y !== parsed.publicKey.y) return { ok: false, reason: 'key-mismatch' }
  const privateKey = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, EC, false, ['sign'])
  return { ok: true, rallyId: parsed.rallyId, key: { kid: parsed.kid, publicKey: parsed.publicKey, privateKey } }
}

// --- codes -----------------------------------------------------------------------------------------
export interface SignedCode {
  checkpointId: string
  qrId: string
  name: { ja: string; en?: string }
  code: string
}

/** One code per checkpoint that takes codes, valid from..until (Japan days, inclusive). */
export async function signCheckpointCodes(rally: Pick<Rally, 'id' | 'checkpoints'>, key: Pick<RallyKey, 'kid' | 'privateKey'>, validFrom: string, validUntil: string): Promise<SignedCode[]> {
  if (!v.is(IsoDateSchema, validFrom) || !v.is(IsoDateSchema, validUntil) || validUntil < validFrom) throw new Error('the codes need a validity from one Japan day to a later (or the same) one')
  const out: SignedCode[] = []
  for (const c of rally.checkpoints) {
    if (c.methods && !c.methods.includes('qr')) continue
    out.push({ checkpointId: c.id, qrId: c.qrId, name: c.name, code: await signRallyCode({ rallyId: rally.id, checkpointRef: c.qrId, validFrom, validUntil, kid: key.kid }, key.privateKey) })
  }
  return out
}

/** The code in groups of 6 for typing from the print; the app ignores the spaces. */
export const groupCode = (code: string) => code.match(/.{1,6}/g)!.join(' ')
