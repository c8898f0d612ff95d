import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { verifyRallyCode } from '@/domain/rally-codes'
import { readPrivateKeyFile } from '@/domain/rally-organiser'
import { groupCode, keygen, sheetHtml, signAll } from '../../scripts/rally/organiser'
import { testRally, tokyoNoon } from '../fixtures/rally'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('organiser script', () => {
  it('keygen keeps the private key private and publishes only x/y; signed codes verify in the app; the sheet has a QR and the typed code per checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rally-org-'))
    dirs.push(dir)
    const publicFile = join(dir, 'rally-keys.json')
    const result = await keygen('test-rally', 'k-2026', { keysDir: join(dir, 'keys'), publicFile })
    expect(statSync(result.privatePath).mode & 0o077).toBe(0)
    const published = JSON.parse(readFileSync(publicFile, 'utf8')) as Record<string, Array<Record<string, string>>>
    expect(Object.keys(published['test-rally']![0]!).sort()).toEqual(['kid', 'x', 'y'])
    // The same key file the organiser screen writes (one implementation).
    const keyFile = readFileSync(result.privatePath, 'utf8')
    const privateJwk = (JSON.parse(keyFile) as { jwk: JsonWebKey }).jwk
    expect(privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const read = await readPrivateKeyFile(keyFile)
    if (!read.ok) throw new Error(read.reason)

    const rally = testRally(published['test-rally'] as never)
    const codes = await signAll(rally, read.key.privateKey, 'k-2026', '2026-11-01', '2026-11-30')
    expect(codes).toHaveLength(3)
    for (const c of codes) {
      const verdict = await verifyRallyCode(groupCode(c.code), { rallies: [rally], now: tokyoNoon('2026-11-15') })
      expect(verdict.ok && verdict.checkpoint.id).toBe(c.checkpointId)
    }
    const html = await sheetHtml(rally, codes, '2026-11-01', '2026-11-30')
    expect(html.match(/<svg/g)).toHaveLength(3)
    for (const c of codes) expect(html.replace(/<\/?span>/g, '')).toContain(groupCode(c.code))
    expect(html).toContain('テストめぐりスタンプラリー')
    expect(html).not.toContain(privateJwk.d)
  })
})
