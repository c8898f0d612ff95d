/**
 * The test snapshot for the cross-engine journeys: the committed snapshot plus
 * records this suite owns (so no assertion depends on which real records exist),
 * re-hashed as the pipeline does. All dates are relative to the fixed test day.
 */
import { createHash, webcrypto } from 'node:crypto'
import { readFileSync } from 'node:fs'

const { subtle } = webcrypto
const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']
const b64url = (bytes) => Buffer.from(bytes).toString('base64url')

/** The day the journeys run on: Wednesday 2 December 2026, 10:00 in Japan (01:00 UTC; still 1 December on a Honolulu device). */
export const NOW = '2026-12-02T10:00:00+09:00'
export const TODAY = '2026-12-02'

// Fixture geometry in 山口市 (test points, not real checkpoints).
export const A = { lat: 34.178, lng: 131.4737 }
export const B = { lat: 34.1862, lng: 131.4705 }
export const C = { lat: 34.1601, lng: 131.4509 }

export const SPOT = { id: 'e2e-museum', ja: 'ミュージアムイーツーイー', en: 'E2E Museum', seasonJa: '12月にテスト展示がある。', seasonEn: 'A test exhibition in December.' }
export const EVENTS = {
  today: { id: 'e2e-today', ja: 'テスト本日の朝市', start: '2026-12-02' },
  week: { id: 'e2e-week', ja: 'テスト週末の灯り祭', start: '2026-12-05', point: { lat: 34.4105, lng: 131.3915 } },
  yesterday: { id: 'e2e-yesterday', ja: 'テスト昨日の講演会', start: '2026-12-01' },
  old: { id: 'e2e-2019', ja: 'テスト2019年の餅まき', start: '2019-12-04' },
  later: { id: 'e2e-january', ja: 'テスト一月の書き初め', start: '2027-01-10' },
}
export const RALLY = { id: 'e2e-rally', ja: 'テスト回廊スタンプラリー', en: 'Test corridor stamp rally' }

export async function makeKey(kid) {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
  const jwk = await subtle.exportKey('jwk', pair.publicKey)
  return { kid, privateKey: pair.privateKey, x: jwk.x, y: jwk.y }
}

/** A check-in code in the format of src/domain/rally-codes.ts, written independently here. */
export async function signCode(key, qrId, validFrom = '2026-12-01', validUntil = '2026-12-09') {
  const signed = `YK1.${b64url(Buffer.from([RALLY.id, qrId, validFrom, validUntil, key.kid].join('|')))}`
  const sig = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, new TextEncoder().encode(signed)))
  return `${signed}.${b64url(sig)}`
}

/**
 * The snapshot plus the fixture records; `extraEvents` makes a second version for the update journey,
 * `extraRallies` / `extraSources` add records as the data pipeline wrote them (the organiser journey).
 */
export function testSnapshot(key, { extraEvents = [], extraRallies = [], extraSources = [] } = {}) {
  const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
  const source = snapshot.sources[0].id
  snapshot.spots.push({ id: SPOT.id, municipality: '35202', category: 'culture', name: { ja: SPOT.ja, en: SPOT.en }, kana: 'ミュージアムイーツーイー', description: { ja: 'テスト用の美術館。' }, point: { lat: 33.95, lng: 131.25 }, season: { months: [12], reason: { ja: SPOT.seasonJa, en: SPOT.seasonEn }, source }, source, asOf: '2024-04-01' })
  for (const e of [...Object.values(EVENTS), ...extraEvents]) {
    snapshot.events.push({ id: e.id, municipality: '35204', category: 'festival', name: { ja: e.ja }, dates: [{ start: e.start }], venue: { ja: '萩城跡' }, ...(e.point ? { point: e.point } : {}), source, asOf: '2026-03-31' })
  }
  snapshot.rallies.push({
    id: RALLY.id,
    name: { ja: RALLY.ja, en: RALLY.en },
    description: { ja: 'E2E テスト用のスタンプラリーです。', en: 'A stamp rally for the end-to-end test.' },
    period: { start: '2026-11-20', end: '2027-01-31' },
    reward: { rule: { type: 'all' }, text: { ja: '記念缶バッジを進呈します。', en: 'A souvenir badge.' }, handover: 'code' },
    checkpoints: [
      { id: 'cp-a', name: { ja: '湯田温泉テスト地点', en: 'Yuda test point' }, municipality: '35203', point: A, radiusM: 50, qrId: 'qr-a' },
      { id: 'cp-b', name: { ja: '県庁前テスト地点', en: 'Prefectural office test point' }, municipality: '35203', point: B, radiusM: 50, qrId: 'qr-b' },
      { id: 'cp-c', name: { ja: '新山口テスト地点', en: 'Shin-Yamaguchi test point' }, municipality: '35203', point: C, radiusM: 100, qrId: 'qr-c' },
    ],
    keys: [{ kid: key.kid, x: key.x, y: key.y }],
    source,
    asOf: '2026-11-20',
  })
  snapshot.rallies.push(...extraRallies)
  snapshot.sources.push(...extraSources)
  const ordered = Object.fromEntries(BODY_KEYS.map((k) => [k, snapshot[k]]))
  snapshot.hash = createHash('sha256').update(JSON.stringify(ordered)).digest('hex')
  snapshot.generatedAt = '2026-12-01T00:00:00.000Z'
  return snapshot
}

/** Server overrides that serve `snapshot` as the current data. */
export function serving(snapshot) {
  return {
    '/data/snapshot.json': JSON.stringify(snapshot),
    '/data/snapshot-meta.json': JSON.stringify({ schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash }),
  }
}
