/** The committed snapshot and the build: deterministic, sourced, plausible. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { containsPoint } from '@/domain/geo'
import { MUNICIPALITY_CODES, type Point } from '@/domain/snapshot-schema'
import { buildSnapshot, check } from '../../scripts/snapshot/build'
import { sharedPlaceholders } from '../../scripts/snapshot/region'
import { loadCommittedSnapshot } from '../fixtures/snapshots'

const snapshot = loadCommittedSnapshot()
const boundaryOf = new Map(snapshot.municipalities.map((m) => [m.code, m.boundary]))
const sourceIds = new Set(snapshot.sources.map((s) => s.id))

describe('the committed snapshot', () => {
  it('every record names a listed source and an as-of date; every source has a licence and a credit line', () => {
    const records = [...snapshot.municipalities, ...snapshot.spots, ...snapshot.routes, ...snapshot.events, ...snapshot.schemes, ...snapshot.rallies]
    const unsourced = records.filter((r) => !sourceIds.has(r.source) || !r.asOf)
    expect(unsourced).toEqual([])
    for (const s of snapshot.sources) expect(s.licence && s.credit.ja).toBeTruthy()
    expect(snapshot.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['mlit-n03-2022', 'yamaguchi-pref-tourism', 'ube-kankospot', 'yamaguchi-city-facilities', 'mine-tourism', 'sanyoonoda-tourism', 'yamaguchi-pref-event', 'ube-event']))
  })

  it('the text we write ourselves (data/curated) is bilingual: every Japanese text has its English', () => {
    const missing: string[] = []
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`))
      else if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>
        if (typeof o.ja === 'string' && typeof o.en !== 'string') missing.push(path)
        for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`)
      }
    }
    for (const file of ['spots-curated', 'routes', 'events-seeds', 'events-annual', 'schemes', 'rallies', 'sources']) {
      walk(JSON.parse(readFileSync(resolve('data/curated', `${file}.json`), 'utf8')), file)
    }
    expect(missing).toEqual([])
  })

  it('no trusted point lies outside its municipality (spots, events, route stops of spots, checkpoints)', () => {
    const outside: string[] = []
    const checkPoint = (label: string, code: string, point: Point | undefined) => {
      if (point && !containsPoint(boundaryOf.get(code as never)!, point)) outside.push(label)
    }
    for (const s of snapshot.spots) checkPoint(s.id, s.municipality, s.point)
    for (const e of snapshot.events) checkPoint(e.id, e.municipality, e.point)
    for (const r of snapshot.rallies) for (const c of r.checkpoints) checkPoint(`${r.id}/${c.id}`, c.municipality, c.point)
    const spotById = new Map(snapshot.spots.map((s) => [s.id, s]))
    for (const r of snapshot.routes) for (const stop of r.stops) if (stop.spotId) checkPoint(`${r.id}/${stop.spotId}`, spotById.get(stop.spotId)!.municipality, stop.point)
    expect(outside).toEqual([])
  })

  it('spots that share one exact point are related (same numbered address or name); placeholders were removed', () => {
    const holders = snapshot.spots.filter((s) => s.point).map((s) => ({ key: s.id, name: s.name.ja, address: s.address, point: s.point! }))
    expect([...sharedPlaceholders(holders).keys()]).toEqual([])
    // e.g. 秋吉台 and the geopark centre sat on the Mine city hall in the prefecture's file
    expect(snapshot.spots.find((s) => s.id === 'pref-3500150598')?.point).toBeUndefined()
    expect(snapshot.spots.find((s) => s.id === 'pref-3500150293')?.point).toBeUndefined()
  })

  it.each(MUNICIPALITY_CODES.map((c) => [c]))('municipality %s has at least 10 spots', (code) => {
    expect(snapshot.spots.filter((s) => s.municipality === code).length).toBeGreaterThanOrEqual(10)
  })

  it('has routes across municipalities, annual events as rules, schemes and rallies with checkpoints', () => {
    expect(snapshot.routes.length).toBeGreaterThanOrEqual(5)
    expect(new Set(snapshot.routes.flatMap((r) => r.municipalities)).size).toBeGreaterThanOrEqual(5)
    const spotIds = new Set(snapshot.spots.map((s) => s.id))
    for (const r of snapshot.routes) for (const s of r.stops) if (s.spotId) expect(spotIds.has(s.spotId)).toBe(true)
    expect(snapshot.events.filter((e) => e.recurrence).length).toBeGreaterThanOrEqual(5)
    expect(snapshot.schemes.find((s) => s.id === 'scheme-otameshi-kurashi')?.conditions).toEqual({ trialStay: true, movingIn: true })
    expect(snapshot.schemes.filter((s) => s.conditions.work?.includes('succession')).length).toBeGreaterThanOrEqual(4)
    for (const r of snapshot.rallies) expect(r.checkpoints.length).toBeGreaterThanOrEqual(3)
  })

  it('the seeds\' three kinds of rally are there: 道の駅, JR宇部線・小野田線 stations, and the libraries across the towns', () => {
    const libraries = snapshot.rallies.find((r) => r.id === 'rally-libraries')!
    expect(libraries.checkpoints.map((c) => c.name.ja).every((n) => n.endsWith('図書館'))).toBe(true)
    expect(new Set(libraries.checkpoints.map((c) => c.municipality)).size).toBeGreaterThanOrEqual(4)
    expect(snapshot.rallies.map((r) => r.id)).toEqual(expect.arrayContaining(['rally-michi-no-eki', 'rally-jr-ube-onoda', 'rally-libraries']))
  })

  it('structured opening hours come only with the published text they were read from', () => {
    const structured = snapshot.spots.filter((s) => s.openingHours)
    expect(structured.length).toBeGreaterThanOrEqual(30)
    for (const s of structured) expect(s.hours?.ja).toBeTruthy()
  })

  it('records are sorted by id (stable output)', () => {
    for (const key of ['spots', 'routes', 'events', 'schemes', 'rallies'] as const) {
      const ids = snapshot[key].map((r) => r.id)
      expect(ids).toEqual([...ids].sort())
    }
  })
})

describe('the build', () => {
  it('is deterministic and regenerates the committed snapshot byte for byte', async () => {
    const a = await buildSnapshot()
    const b = await buildSnapshot()
    expect(a.snapshot.hash).toBe(b.snapshot.hash)
    const committed = readFileSync(resolve(__dirname, '../../public/data/snapshot.json'), 'utf8')
    expect(JSON.stringify(a.snapshot)).toBe(committed)
    const meta = JSON.parse(readFileSync(resolve(__dirname, '../../public/data/snapshot-meta.json'), 'utf8')) as { hash: string }
    expect(meta.hash).toBe(a.snapshot.hash)
  }, 60_000)

  it('--check prints the report for any CSV, exits 0 for an unknown layout and 1 only for an unreadable file', async () => {
    const fixtures = resolve(__dirname, '../fixtures/opendata')
    const ok = await check([resolve(fixtures, 'ube_event.csv'), resolve(fixtures, '641.csv')])
    expect(ok.exitCode).toBe(0)
    expect(ok.text).toContain('ube_event.csv')
    expect(ok.text).toMatch(/read 11, kept 2, dropped 9/)
    const unknown = await check([resolve(__dirname, 'pipeline-snapshot.test.ts')])
    expect(unknown.exitCode).toBe(0)
    expect(unknown.text).toContain('unknown column layout')
    const missing = await check([resolve(fixtures, 'no-such-file.csv')])
    expect(missing.exitCode).toBe(1)
    expect(missing.text).toContain('cannot read')
  })
})
