/** The data pipeline takes rallies exported from the organiser screen (data/curated/rallies/*.json). */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { verifyRallyCode } from '@/domain/rally-codes'
import { definitionFile, generateRallyKey, signCheckpointCodes, type RallyDefinition } from '@/domain/rally-organiser'
import { buildSnapshot } from '../../scripts/snapshot/build'
import { tokyoNoon } from '../fixtures/rally'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function curatedWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'curated-org-'))
  dirs.push(dir)
  cpSync(resolve(__dirname, '../../data/curated'), dir, { recursive: true })
  mkdirSync(join(dir, 'rallies'), { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'rallies', name), text)
  return dir
}

const definition = (keys: RallyDefinition['keys']): RallyDefinition => ({
  format: 'yume-kairo-rally',
  version: 1,
  organiser: 'テスト実行委員会',
  asOf: '2026-12-02',
  keys,
  rally: {
    id: 'org-pipeline',
    name: { ja: '組み込みテストラリー' },
    description: { ja: 'テスト' },
    period: { start: '2026-12-01', end: '2027-03-31' },
    reward: { rule: { type: 'all' }, text: { ja: '記念品' }, handover: 'counter' },
    checkpoints: [{ id: 'cp-1', name: { ja: '山口の地点' }, municipality: '35203', point: { lat: 34.1784, lng: 131.4737 }, radiusM: 100, qrId: 'org-p-1' }],
  },
})

describe('rallies from the organiser screen', () => {
  it('an exported definition becomes a rally with its keys and its organiser as the source; its codes verify against the snapshot', async () => {
    const key = await generateRallyKey('k-1')
    const d = definition([key.publicKey])
    const { snapshot } = await buildSnapshot({ curated: curatedWith({ 'org-pipeline.json': definitionFile(d) }) })
    const rally = snapshot.rallies.find((r) => r.id === 'org-pipeline')!
    expect(rally).toMatchObject({ keys: [key.publicKey], source: 'organiser-org-pipeline', asOf: '2026-12-02' })
    expect(snapshot.sources.find((s) => s.id === 'organiser-org-pipeline')?.publisher).toEqual({ ja: 'テスト実行委員会' })
    const [code] = await signCheckpointCodes(rally, key, '2026-12-01', '2026-12-31')
    expect((await verifyRallyCode(code!.code, { rallies: snapshot.rallies, now: tokyoNoon('2026-12-10') })).ok).toBe(true)
  })

  it('a definition that does not check stops the build with its problem', async () => {
    const bad = definition([])
    bad.rally.checkpoints[0]!.municipality = '35202' // the point is in 山口市
    await expect(buildSnapshot({ curated: curatedWith({ 'bad.json': definitionFile(bad) }) })).rejects.toThrow(/rallies\/bad\.json: checkpoint cp-1: the point is not inside 35202/)
  })
})
