/**
 * Bad snapshots (issue 10, item 5): property-based fuzzing with fast-check.
 * Every broken download is refused with a typed, human-readable error, nothing
 * is written, no prototype is polluted and the previous data keeps working.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, DB_NAME } from '@/data/db'
import { getAllRecords, getSnapshotMeta, replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { SnapshotLoadError, updateSnapshot } from '@/data/snapshot-loader'
import { REGION_BOUNDS, type Snapshot } from '@/domain/snapshot-schema'
import { canonicalBody, parseSnapshot, sha256Hex, SnapshotError, type SnapshotErrorCode } from '@/domain/snapshot-validate'
import { loadCommittedSnapshot } from '../fixtures/snapshots'
import { dumpStores } from '../fixtures/idb-dump'

const RUNS = 1200

/** The committed snapshot with small boundaries (keeps 1,000+ runs fast), spots given a url. */
let cachedBase: Snapshot | undefined
function baseSnapshot(): Snapshot {
  cachedBase ??= slimSnapshot()
  return structuredClone(cachedBase)
}
function slimSnapshot(): Snapshot {
  const s = loadCommittedSnapshot()
  for (const m of s.municipalities) {
    const { lat, lng } = m.centre
    m.boundary = { type: 'Polygon', coordinates: [[[lng - 0.01, lat - 0.01], [lng + 0.01, lat - 0.01], [lng + 0.01, lat + 0.01], [lng - 0.01, lat - 0.01]]] }
  }
  s.spots[0]!.url = 'https://example.jp/'
  return s
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Mutation = { kind: string; expected: SnapshotErrorCode[]; text: (base: Snapshot) => Promise<string> }

async function rehashed(s: Snapshot): Promise<string> {
  s.hash = await sha256Hex(canonicalBody(s))
  return JSON.stringify(s)
}

/** Paths to every record of the body, for picking a target. */
const STORES = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes'] as const
const REQUIRED: Record<(typeof STORES)[number], string[]> = {
  sources: ['id', 'title', 'publisher', 'licence', 'credit', 'asOf'],
  municipalities: ['code', 'name', 'prefecture', 'population', 'centre', 'boundary', 'source', 'asOf'],
  spots: ['id', 'municipality', 'category', 'name', 'source', 'asOf'],
  routes: ['id', 'name', 'description', 'municipalities', 'stops', 'source', 'asOf'],
  events: ['id', 'municipality', 'category', 'name', 'dates', 'source', 'asOf'],
  schemes: ['id', 'municipality', 'category', 'name', 'summary', 'audience', 'audienceText', 'contact', 'conditions', 'source', 'asOf'],
}
const TOP_REQUIRED = ['schemaVersion', 'generatedAt', 'hash', 'sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']

const jsonKind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
const anyJson: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 20 }), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }))

const pickRecord = fc.record({ store: fc.constantFrom(...STORES), index: fc.nat() })
function recordOf(s: Snapshot, store: (typeof STORES)[number], index: number): Record<string, unknown> {
  const list = s[store] as unknown as Record<string, unknown>[]
  return list[index % list.length]!
}

const outside = fc.oneof(
  fc.record({ lat: fc.double({ min: -90, max: REGION_BOUNDS.south - 0.001, noNaN: true }), lng: fc.double({ min: REGION_BOUNDS.west, max: REGION_BOUNDS.east, noNaN: true }) }),
  fc.record({ lat: fc.double({ min: REGION_BOUNDS.north + 0.001, max: 90, noNaN: true }), lng: fc.double({ min: REGION_BOUNDS.west, max: REGION_BOUNDS.east, noNaN: true }) }),
  fc.record({ lat: fc.double({ min: REGION_BOUNDS.south, max: REGION_BOUNDS.north, noNaN: true }), lng: fc.double({ min: -180, max: REGION_BOUNDS.west - 0.001, noNaN: true }) }),
  fc.record({ lat: fc.double({ min: REGION_BOUNDS.south, max: REGION_BOUNDS.north, noNaN: true }), lng: fc.double({ min: REGION_BOUNDS.east + 0.001, max: 180, noNaN: true }) }),
)
const badLink = fc.oneof(
  fc.constantFrom('javascript:alert(1)', 'JaVaScRiPt:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'http://example.jp/', '//evil.example/', 'ftp://example.jp/', 'mailto:a@example.jp', '/relative/path', ' https://example.jp/'),
  fc.webUrl({ validSchemes: ['http', 'ftp', 'ws'] }),
  fc.string({ maxLength: 30 }).filter((s) => !s.startsWith('https://')),
)

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((cut): Mutation => ({
    kind: 'truncated JSON',
    expected: ['invalid-json'],
    text: async (b) => {
      const full = JSON.stringify(b)
      return full.slice(0, cut % full.length)
    },
  })),
  fc.tuple(pickRecord, fc.nat(), anyJson).map(([target, f, value]): Mutation => ({
    kind: 'wrong type',
    expected: ['invalid-content'],
    text: async (b) => {
      const rec = recordOf(b, target.store, target.index)
      const keys = Object.keys(rec)
      const key = keys[f % keys.length]!
      const original = rec[key]
      rec[key] = jsonKind(value) === jsonKind(original) ? (typeof original === 'number' ? 'not a number' : 12345) : value
      return rehashed(b)
    },
  })),
  fc.tuple(pickRecord, fc.nat()).map(([target, f]): Mutation => ({
    kind: 'missing required field',
    expected: ['invalid-content'],
    text: async (b) => {
      const required = REQUIRED[target.store]
      delete recordOf(b, target.store, target.index)[required[f % required.length]!]
      return rehashed(b)
    },
  })),
  fc.nat().map((f): Mutation => ({
    kind: 'missing top-level field',
    expected: ['invalid-content', 'unsupported-version'],
    text: async (b) => {
      delete (b as unknown as Record<string, unknown>)[TOP_REQUIRED[f % TOP_REQUIRED.length]!]
      return JSON.stringify(b)
    },
  })),
  fc.tuple(pickRecord, fc.string({ minLength: 1, maxLength: 12 }), anyJson).map(([target, key, value]): Mutation => ({
    kind: 'extra key',
    expected: ['invalid-content'],
    text: async (b) => {
      const rec = recordOf(b, target.store, target.index)
      Object.defineProperty(rec, Object.hasOwn(rec, key) ? `${key}_extra` : key, { value, enumerable: true, configurable: true, writable: true })
      return rehashed(b)
    },
  })),
  fc.tuple(pickRecord, fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean()).map(([target, key, top]): Mutation => ({
    kind: `${key} key`,
    expected: ['invalid-content'],
    text: async (b) => {
      const payload = JSON.parse('{"polluted":"yes","toString":"x","isAdmin":true}') as Json
      const into = top ? (b as unknown as Record<string, unknown>) : recordOf(b, target.store, target.index)
      Object.defineProperty(into, key, { value: payload, enumerable: true, configurable: true, writable: true })
      const text = await rehashed(b)
      // Also the raw text form an attacker would send: JSON.parse makes "__proto__" an own key.
      return text
    },
  })),
  fc.tuple(fc.integer({ min: 20_001, max: 120_000 }), fc.integer({ min: 501, max: 5_000 }), fc.boolean(), fc.constantFrom('あ', 'x', '<script>', '\u0000')).map(([long, short, inName, ch]): Mutation => ({
    kind: 'huge string',
    expected: ['invalid-content'],
    text: async (b) => {
      const spot = b.spots[0]!
      if (inName) spot.name = { ja: ch.repeat(short) }
      else spot.description = { ja: ch.repeat(long) }
      return rehashed(b)
    },
  })),
  fc.tuple(outside, fc.constantFrom('spot', 'centre', 'stop')).map(([point, where]): Mutation => ({
    kind: 'coordinates outside the region',
    expected: ['invalid-content'],
    text: async (b) => {
      if (where === 'spot') b.spots[1]!.point = point
      else if (where === 'centre') b.municipalities[0]!.centre = point
      else b.routes[0]!.stops[0]!.point = point
      return rehashed(b)
    },
  })),
  fc.tuple(badLink, fc.constantFrom('spot', 'source', 'event', 'scheme')).map(([url, where]): Mutation => ({
    kind: 'non-https link',
    expected: ['invalid-content'],
    text: async (b) => {
      if (where === 'spot') b.spots[0]!.url = url
      else if (where === 'source') b.sources[0]!.url = url
      else if (where === 'event') b.events[0]!.url = url
      else b.schemes[0]!.contact.url = url
      return rehashed(b)
    },
  })),
  fc.tuple(fc.integer({ min: 0, max: 999 }).filter((m) => m !== 1), fc.nat(99), fc.nat(99)).map(([major, minor, patch]): Mutation => ({
    kind: major > 1 ? 'newer major schemaVersion' : 'older major schemaVersion',
    expected: [major > 1 ? 'newer-format' : 'unsupported-version'],
    text: async (b) => {
      b.schemaVersion = `${major}.${minor}.${patch}`
      return rehashed(b)
    },
  })),
)

function fetcherFor(text: string): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const path = String(input).split('?')[0]
    const body = path === '/data/snapshot-meta.json' ? JSON.stringify({ hash: 'something-new' }) : text
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
  }) as typeof fetch
}

function assertNoPollution() {
  const probe = {} as Record<string, unknown>
  expect(probe.polluted).toBeUndefined()
  expect(probe.isAdmin).toBeUndefined()
  expect(Object.prototype.toString).toBe(Object.prototype.toString)
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted')
  expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted')
}

describe('bad snapshots (fast-check)', () => {
  let previous: Snapshot
  let before: string

  beforeAll(async () => {
    await closeDb()
    indexedDB.deleteDatabase(DB_NAME)
    previous = loadCommittedSnapshot()
    await replaceSnapshot(previous)
    before = (await dumpStores()).hash
  })
  afterAll(closeDb)

  it('the unmutated base is valid (so every rejection below is caused by the mutation)', async () => {
    const base = baseSnapshot()
    await expect(parseSnapshot(await rehashed(base))).resolves.toBeTruthy()
  })

  it(`${RUNS} broken snapshots: each refused with a typed plain-words error; nothing written; no pollution`, async () => {
    const seen = new Map<string, number>()
    const originalProto = Object.getOwnPropertyNames(Object.prototype).sort()
    await fc.assert(
      fc.asyncProperty(mutations, async (mutation) => {
        seen.set(mutation.kind, (seen.get(mutation.kind) ?? 0) + 1)
        const text = await mutation.text(baseSnapshot())
        // The validator alone: a typed SnapshotError with the expected code.
        const direct = await parseSnapshot(text).then(
          () => null,
          (e: unknown) => e,
        )
        expect(direct, mutation.kind).toBeInstanceOf(SnapshotError)
        expect(mutation.expected, `${mutation.kind}: ${(direct as SnapshotError).message}`).toContain((direct as SnapshotError).code)
        // Through the app's loader: a SnapshotLoadError 'invalid' ('newerFormat' for a newer format) carrying the same words.
        const error = await updateSnapshot({ fetcher: fetcherFor(text) }).then(
          () => null,
          (e: unknown) => e,
        )
        expect(error, mutation.kind).toBeInstanceOf(SnapshotLoadError)
        const loadError = error as SnapshotLoadError
        expect(loadError.kind).toBe((direct as SnapshotError).code === 'newer-format' ? 'newerFormat' : 'invalid')
        expect(loadError.message).toBe((direct as SnapshotError).message)
        expect(loadError.message).toMatch(/^The data file /)
        expect(loadError.message.length).toBeLessThan(400)
        expect(loadError.message).not.toMatch(/\[object |undefined|at .*\.ts:\d+/)
        // Nothing written: the stored snapshot is still the previous one.
        expect((await getSnapshotMeta())?.hash).toBe(previous.hash)
        assertNoPollution()
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
    )
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(originalProto)
    // Every kind of damage was actually generated.
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining(['truncated JSON', 'wrong type', 'missing required field', 'extra key', 'huge string', 'coordinates outside the region', 'non-https link', 'newer major schemaVersion', '__proto__ key', 'constructor key']))
    // The previous data is byte-identical and still readable.
    expect((await dumpStores()).hash).toBe(before)
    expect(await getAllRecords('spots')).toHaveLength(previous.spots.length)
  }, 120_000)
})
