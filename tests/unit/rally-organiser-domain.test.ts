/**
 * The organiser's functions (src/domain/rally-organiser.ts), shared by the /organise screen and the
 * CLI: definition checks, key files with and without a passphrase, and codes that the visitor app's
 * verifier accepts (and a known-answer vector the other way).
 */
import { describe, expect, it } from 'vitest'
import { verifyRallyCode } from '@/domain/rally-codes'
import { checkDefinition, definitionFile, generateRallyKey, parseDefinitionFile, privateKeyFile, readPrivateKeyFile, signCheckpointCodes, type RallyDefinition } from '@/domain/rally-organiser'
import type { Rally } from '@/domain/snapshot-schema'
import { tokyoNoon } from '../fixtures/rally'
import { loadCommittedSnapshot } from '../fixtures/snapshots'

const towns = loadCommittedSnapshot().municipalities
// Inside 山口市 and 宇部市 (the committed boundaries).
const YAMAGUCHI = { lat: 34.1784, lng: 131.4737 }
const UBE = { lat: 33.9514, lng: 131.2467 }

function definition(change: (d: RallyDefinition) => void = () => undefined): RallyDefinition {
  const d: RallyDefinition = {
    format: 'yume-kairo-rally',
    version: 1,
    organiser: '山口ゆめ回廊 テスト実行委員会',
    asOf: '2026-12-02',
    keys: [],
    rally: {
      id: 'org-test',
      name: { ja: 'テスト回遊ラリー', en: 'Test tour rally' },
      description: { ja: '二つの町をめぐるテスト用のラリー。' },
      period: { start: '2026-12-01', end: '2027-03-31' },
      reward: { rule: { type: 'all' }, text: { ja: '記念品' }, handover: 'counter' },
      checkpoints: [
        { id: 'cp-1', name: { ja: '山口の地点' }, municipality: '35203', point: YAMAGUCHI, radiusM: 100, qrId: 'org-qr-1', methods: ['gps', 'qr'] },
        { id: 'cp-2', name: { ja: '宇部の地点' }, municipality: '35202', point: UBE, radiusM: 100, qrId: 'org-qr-2', methods: ['qr'] },
      ],
    },
  }
  change(d)
  return d
}

describe('checking a rally definition', () => {
  it('a complete definition passes and survives its own file', () => {
    const r = checkDefinition(definition(), towns)
    expect(r).toMatchObject({ ok: true })
    expect(parseDefinitionFile(definitionFile(definition()), towns)).toEqual(r)
  })

  it.each<[string, (d: RallyDefinition) => void, RegExp]>([
    ['a period that ends before it starts', (d) => (d.rally.period = { start: '2027-01-10', end: '2027-01-01' }), /ends before it starts/],
    ['a day that is not a date', (d) => (d.rally.period.end = '2027-02-30'), /not a date/],
    ['a radius below 10 m', (d) => (d.rally.checkpoints[0]!.radiusM = 5), /radiusM/],
    ['a radius above 2 km', (d) => (d.rally.checkpoints[0]!.radiusM = 5000), /radiusM/],
    ['a point outside its town', (d) => (d.rally.checkpoints[1]!.municipality = '35203'), /cp-2: the point is not inside 35203/],
    ['a point outside the region', (d) => (d.rally.checkpoints[0]!.point = { lat: 35.68, lng: 139.76 }), /point/],
    ['two checkpoints with one QR id', (d) => (d.rally.checkpoints[1]!.qrId = 'org-qr-1'), /same QR id/],
    ['a reward asking for more stamps than there are checkpoints', (d) => (d.rally.reward.rule = { type: 'any', count: 3 }), /more stamps than there are checkpoints/],
    ['no checkpoint', (d) => (d.rally.checkpoints = []), /at least one checkpoint/],
    ['no organiser', (d) => (d.organiser = ''), /who organises/],
  ])('refuses %s', (_what, change, problem) => {
    const r = checkDefinition(definition(change), towns)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problems.join('\n')).toMatch(problem)
  })

  it('a file that is not JSON says so', () => {
    expect(parseDefinitionFile('{', towns)).toEqual({ ok: false, problems: ['not JSON'] })
  })
})

describe('the private key file', () => {
  it('round trip in the clear, and the key still signs', async () => {
    const key = await generateRallyKey('k-1')
    const file = await privateKeyFile('org-test', key)
    const read = await readPrivateKeyFile(file)
    expect(read).toMatchObject({ ok: true, rallyId: 'org-test', key: { kid: 'k-1', publicKey: key.publicKey } })
  })

  it('sealed with a passphrase: no secret in the file, the right passphrase opens it, a wrong or missing one is refused', async () => {
    const key = await generateRallyKey('k-2')
    const clear = JSON.parse(await privateKeyFile('org-test', key)) as { jwk: { d: string } }
    const file = await privateKeyFile('org-test', key, '夏みかん 2026', 100_000)
    expect(file).not.toContain(clear.jwk.d)
    expect(JSON.parse(file)).not.toHaveProperty('jwk')
    expect(await readPrivateKeyFile(file)).toEqual({ ok: false, reason: 'needs-passphrase' })
    expect(await readPrivateKeyFile(file, '夏みかん 2025')).toEqual({ ok: false, reason: 'wrong-passphrase' })
    const read = await readPrivateKeyFile(file, '夏みかん 2026')
    expect(read.ok).toBe(true)
    // A file whose public half was swapped for another key's is refused.
    const other = await generateRallyKey('k-2')
    const tampered = JSON.stringify({ ...JSON.parse(await privateKeyFile('org-test', key)), publicKey: other.publicKey })
    expect(await readPrivateKeyFile(tampered)).toEqual({ ok: false, reason: 'key-mismatch' })
    expect(await readPrivateKeyFile('{"format":"x"}')).toEqual({ ok: false, reason: 'not-a-key-file' })
  })
})

describe('codes', () => {
  it('signed here, they verify in the visitor app; only checkpoints that take codes get one', async () => {
    const key = await generateRallyKey('k-3')
    const d = definition((x) => (x.keys = [key.publicKey]))
    d.rally.checkpoints[0]!.methods = ['gps']
    const rally: Rally = { ...d.rally, keys: d.keys, source: 'x', asOf: '2026-12-01' }
    const codes = await signCheckpointCodes(rally, key, '2026-12-01', '2027-01-31')
    expect(codes.map((c) => c.checkpointId)).toEqual(['cp-2'])
    const verdict = await verifyRallyCode(codes[0]!.code, { rallies: [rally], now: tokyoNoon('2026-12-20') })
    expect(verdict.ok && verdict.checkpoint.id).toBe('cp-2')
    expect(await verifyRallyCode(codes[0]!.code, { rallies: [rally], now: tokyoNoon('2027-02-01') })).toMatchObject({ ok: false, reason: 'expired' })
    await expect(signCheckpointCodes(rally, key, '2027-01-31', '2026-12-01')).rejects.toThrow(/validity/)
  })

  it('known answer: a code made by the organiser functions with a fixed key verifies with its public key, and not with another', async () => {
    const KAT = {
      publicKey: { kid: 'kat-2026', x: 'lWQDNMSoos-TmVuflKi7dTI5Wu6EJHlSVQCZeu5aMpg', y: 'bvGyNDQo9FC8jOV2wNW27XNmQc-NX2LhXmtBiqcER1Y' },
      code: 'YK1.a2F0LXJhbGx5fGthdC1xci0xfDIwMjYtMTItMDF8MjAyNy0wMy0zMXxrYXQtMjAyNg.TlHGfFQm9Onz7BGtuxuY9iCdusF01cY-wOKgKLP67umXdgD8ao3XQz-CMsw70Pmy69UKMXitvgY9egjNVBmmog',
    }
    const rally = { id: 'kat-rally', period: { start: '2026-12-01' }, checkpoints: [{ id: 'cp-1', qrId: 'kat-qr-1' }], keys: [KAT.publicKey] } as unknown as Rally
    const ok = await verifyRallyCode(KAT.code, { rallies: [rally], now: tokyoNoon('2027-01-15') })
    expect(ok.ok && ok.payload).toEqual({ rallyId: 'kat-rally', checkpointRef: 'kat-qr-1', validFrom: '2026-12-01', validUntil: '2027-03-31', kid: 'kat-2026' })
    const other = await generateRallyKey('kat-2026')
    expect(await verifyRallyCode(KAT.code, { rallies: [{ ...rally, keys: [other.publicKey] }], now: tokyoNoon('2027-01-15') })).toMatchObject({ ok: false, reason: 'bad-signature' })
  })

  it('a new key for the same rally keeps the stamps: stamps are per checkpoint, and both keys stay listed', async () => {
    const first = await generateRallyKey('k-2026')
    const second = await generateRallyKey('k-2027')
    const d = definition((x) => (x.keys = [first.publicKey, second.publicKey]))
    expect(checkDefinition(d, towns).ok).toBe(true)
    const rally: Rally = { ...d.rally, keys: d.keys, source: 'x', asOf: '2026-12-01' }
    const [old] = await signCheckpointCodes(rally, first, '2026-12-01', '2026-12-31')
    const [renewed] = await signCheckpointCodes(rally, second, '2026-12-01', '2026-12-31')
    for (const c of [old!, renewed!]) expect((await verifyRallyCode(c.code, { rallies: [rally], now: tokyoNoon('2026-12-10') })).ok).toBe(true)
  })
})
