import { describe, expect, it } from 'vitest'
import { base64UrlDecode, base64UrlEncode, completionCode, normaliseCodeText, parseRallyCode, signRallyCode, verifyRallyCode } from '@/domain/rally-codes'
import { makeKey, testRally, tokyoNoon } from '../fixtures/rally'

/**
 * Known-answer vectors: a fixed test key (committed here on purpose, used by nothing else) and
 * codes signed with it and with a second, unrelated key.
 */
const KAT_KEY = { kid: 'test-2026', x: 'mngN6WAVOyK0cpmaeBApGwtm_h8IWPBQi6HughGIhQM', y: 'haENxUVtIPTHTACHT920hFyPvZ5m7m6lZRG2VhfCoDk' }
const KAT_PRIVATE_D = 'ML0r8JCvhKhJwIR7i70cAFjA4uic7gZkdoXOMjQ_QnM'
/** rally test-rally, checkpoint qr-a, valid 2026-11-01..2026-11-30, kid test-2026. */
const VALID = 'YK1.dGVzdC1yYWxseXxxci1hfDIwMjYtMTEtMDF8MjAyNi0xMS0zMHx0ZXN0LTIwMjY.J-7o6rmPAnOY6ibj7oAoobVzxDGo_5PkiaQuIQ_q8B-2lSCZDX_JvFEDh8AyyHwLltvnZlntw3BA5cATappRjA'
/** The same payload signed by another key (a forger who knows the format). */
const FORGED = 'YK1.dGVzdC1yYWxseXxxci1hfDIwMjYtMTEtMDF8MjAyNi0xMS0zMHx0ZXN0LTIwMjY.GScOV6W11JLLV060Q5bGHzz-l4SJgPLyTS_LOXFLn3Qw_iCRf4Qu4ylR7QF4sy_DfpOU6d6nELLXB-WnnRiopA'

const rallies = [testRally([KAT_KEY])]
const now = tokyoNoon('2026-11-23')
const verify = (code: string, at = now, expectedRallyId?: string) => verifyRallyCode(code, { rallies, now: at, expectedRallyId })

function flipBit(code: string, part: 1 | 2, bit: number): string {
  const parts = code.split('.')
  const bytes = base64UrlDecode(parts[part]!)
  bytes[bit >> 3]! ^= 1 << (bit & 7)
  parts[part] = base64UrlEncode(bytes)
  return parts.join('.')
}

/** r‖s → ASN.1 DER SEQUENCE { INTEGER r, INTEGER s } (what OpenSSL would emit). */
function toDer(raw: Uint8Array): Uint8Array {
  const int = (b: Uint8Array) => {
    let i = 0
    while (i < b.length - 1 && b[i] === 0) i++
    const v = b.slice(i)
    return v[0]! & 0x80 ? [0x02, v.length + 1, 0, ...v] : [0x02, v.length, ...v]
  }
  const body = [...int(raw.slice(0, 32)), ...int(raw.slice(32))]
  return new Uint8Array([0x30, body.length, ...body])
}

describe('signed rally codes: known-answer vectors', () => {
  it('the valid vector is accepted and names its rally and checkpoint', async () => {
    const result = await verify(VALID)
    expect(result.ok).toBe(true)
    if (result.ok) expect([result.rally.id, result.checkpoint.id, result.payload.kid]).toEqual(['test-rally', 'cp-a', 'test-2026'])
  })

  it('a code signed by another key is rejected', async () => {
    expect(await verify(FORGED)).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('one flipped bit anywhere in the signature or the payload is rejected', async () => {
    for (const bit of [0, 7, 100, 255, 511]) expect((await verify(flipBit(VALID, 2, bit))).ok).toBe(false)
    // Payload bit flips change the text; any that still parses must fail the signature.
    for (const bit of [3, 60, 200]) {
      const result = await verify(flipBit(VALID, 1, bit))
      expect(result.ok).toBe(false)
      expect(['bad-signature', 'malformed', 'unknown-rally', 'unknown-kid']).toContain(result.ok ? '' : result.reason)
    }
  })

  it('an unknown key id is rejected', async () => {
    const key = await importKat()
    const code = await signRallyCode({ rallyId: 'test-rally', checkpointRef: 'qr-a', validFrom: '2026-11-01', validUntil: '2026-11-30', kid: 'test-2025' }, key)
    expect(await verify(code)).toMatchObject({ ok: false, reason: 'unknown-kid' })
  })

  it('the same valid signature in DER encoding is rejected as DER, explicitly', async () => {
    const [prefix, payload, sig] = VALID.split('.')
    const der = toDer(base64UrlDecode(sig!))
    expect(der[0]).toBe(0x30)
    expect(await verify(`${prefix}.${payload}.${base64UrlEncode(der)}`)).toMatchObject({ ok: false, reason: 'der-signature' })
  })

  it('expired and not-yet-valid codes are rejected (Japan dates, inclusive)', async () => {
    expect((await verify(VALID, Date.parse('2026-11-30T23:59:00+09:00'))).ok).toBe(true)
    expect(await verify(VALID, Date.parse('2026-12-01T00:00:00+09:00'))).toMatchObject({ ok: false, reason: 'expired' })
    expect((await verify(VALID, Date.parse('2026-11-01T00:00:00+09:00'))).ok).toBe(true)
    expect(await verify(VALID, Date.parse('2026-10-31T23:59:59+09:00'))).toMatchObject({ ok: false, reason: 'not-yet-valid' })
  })

  it('a code of another rally is rejected on this rally page, and one whose rally is not listed is rejected everywhere', async () => {
    expect(await verify(VALID, now, 'another-rally')).toMatchObject({ ok: false, reason: 'other-rally' })
    const key = await importKat()
    const foreign = await signRallyCode({ rallyId: 'another-rally', checkpointRef: 'qr-a', validFrom: '2026-11-01', validUntil: '2026-11-30', kid: 'test-2026' }, key)
    expect(await verify(foreign)).toMatchObject({ ok: false, reason: 'unknown-rally' })
    expect(await verify(foreign, now, 'test-rally')).toMatchObject({ ok: false, reason: 'other-rally' })
  })

  it('garbage is malformed, and typing forgives spaces and line breaks', async () => {
    for (const text of ['', 'hello', 'YK1.abc', 'YK2.dGVzdA.AAAA', VALID.slice(0, 70)]) expect(await verify(text)).toMatchObject({ ok: false, reason: 'malformed' })
    const typed = `  ${VALID.match(/.{1,6}/g)!.join(' ').replace(/ (.{6}) /g, ' $1\n')}  `
    expect(normaliseCodeText(typed)).toBe(VALID)
    expect((await verify(typed)).ok).toBe(true)
  })

  it('a fresh key signs codes that verify with its public coordinates (round trip)', async () => {
    const key = await makeKey('fresh')
    const code = await signRallyCode({ rallyId: 'test-rally', checkpointRef: 'cp-b', validFrom: '2026-11-20', validUntil: '2026-11-25', kid: 'fresh' }, key.privateKey)
    const result = await verifyRallyCode(code, { rallies: [testRally([key])], now })
    expect(result.ok && result.checkpoint.id).toBe('cp-b')
    expect(parseRallyCode(code)?.signature.length).toBe(64)
  })

  it('completion codes are stable and depend on the stamps', async () => {
    const a = await completionCode('test-rally', [{ checkpointId: 'cp-a', at: '2026-11-02T00:00:00.000Z' }])
    expect(a).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(await completionCode('test-rally', [{ checkpointId: 'cp-a', at: '2026-11-02T00:00:00.000Z' }])).toBe(a)
    expect(await completionCode('test-rally', [{ checkpointId: 'cp-a', at: '2026-11-03T00:00:00.000Z' }])).not.toBe(a)
  })
})

function importKat(): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: KAT_KEY.x, y: KAT_KEY.y, d: KAT_PRIVATE_D }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
}
