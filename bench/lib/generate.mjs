/**
 * Synthetic snapshots for the benchmarks, built to the real schema
 * (src/domain/snapshot-schema.ts): the committed sample's sources and 7
 * municipalities (real boundaries) plus `count` generated records — 80 % spots,
 * 20 % events — with points inside the region, valid ids, dates and links.
 * Deterministic (seeded), so every run measures the same data.
 * The content hash is computed exactly as the app checks it (canonical body).
 *
 * Names are made of real place words so search queries hit a realistic share.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const SAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/data/snapshot.json')
const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']
const CODES = ['35203', '35202', '35204', '35206', '35213', '35216', '32501']
const SPOT_CATEGORIES = ['nature', 'history', 'culture', 'onsen', 'food', 'shopping', 'experience', 'facility', 'other']
const EVENT_CATEGORIES = ['festival', 'culture', 'sports', 'food', 'nature', 'migration', 'business', 'other']
/** Inside REGION_BOUNDS (33.85–34.85 N, 130.85–132.05 E) with a margin. */
const BOX = { south: 33.9, north: 34.8, west: 130.9, east: 132.0 }

const PLACES = [
  ['湯田', 'ゆだ', 'Yuda'], ['秋吉', 'あきよし', 'Akiyoshi'], ['萩', 'はぎ', 'Hagi'], ['防府', 'ほうふ', 'Hofu'],
  ['宇部', 'うべ', 'Ube'], ['美祢', 'みね', 'Mine'], ['小野田', 'おのだ', 'Onoda'], ['津和野', 'つわの', 'Tsuwano'],
  ['瑠璃光', 'るりこう', 'Rurikou'], ['常盤', 'ときわ', 'Tokiwa'], ['阿知須', 'あじす', 'Ajisu'], ['徳地', 'とくぢ', 'Tokuji'],
  ['須佐', 'すさ', 'Susa'], ['三田尻', 'みたじり', 'Mitajiri'], ['厚狭', 'あさ', 'Asa'], ['秋芳', 'しゅうほう', 'Shuho'],
]
const FEATURES = [
  ['温泉', 'おんせん', 'Onsen'], ['公園', 'こうえん', 'Park'], ['寺', 'てら', 'Temple'], ['神社', 'じんじゃ', 'Shrine'],
  ['城跡', 'しろあと', 'Castle Ruins'], ['資料館', 'しりょうかん', 'Museum'], ['美術館', 'びじゅつかん', 'Art Museum'],
  ['滝', 'たき', 'Falls'], ['渓谷', 'けいこく', 'Gorge'], ['海岸', 'かいがん', 'Coast'], ['展望台', 'てんぼうだい', 'Lookout'],
  ['カフェ', 'かふぇ', 'Cafe'], ['食堂', 'しょくどう', 'Diner'], ['市場', 'いちば', 'Market'], ['記念館', 'きねんかん', 'Memorial Hall'],
]

function rng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n, w = 6) => String(n).padStart(w, '0')

export function loadSampleSnapshot() {
  return JSON.parse(readFileSync(SAMPLE, 'utf8'))
}

/** The body (no hash yet) of a snapshot with `count` generated records. */
export function generateBody(count, { seed = 42, sample = loadSampleSnapshot() } = {}) {
  const random = rng(seed + count)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const source = sample.sources[0].id
  const asOf = '2026-11-01'
  const spotCount = Math.round(count * 0.8)
  const eventCount = count - spotCount
  const spots = []
  for (let i = 0; i < spotCount; i++) {
    const [pj, pk, pe] = pick(PLACES)
    const [fj, fk, fe] = pick(FEATURES)
    const n = i + 1
    const point = { lat: +(BOX.south + random() * (BOX.north - BOX.south)).toFixed(6), lng: +(BOX.west + random() * (BOX.east - BOX.west)).toFixed(6) }
    const spot = {
      id: `bench-spot-${pad(n)}`,
      municipality: CODES[i % CODES.length],
      category: SPOT_CATEGORIES[i % SPOT_CATEGORIES.length],
      name: { ja: `${pj}${fj} ${n}`, en: `${pe} ${fe} ${n}` },
      kana: `${pk}${fk}`,
      description: { ja: `${pj}にある${fj}です。四季を通じて楽しめます。番号${n}。`, en: `A ${fe.toLowerCase()} in ${pe}, worth a visit in every season. No. ${n}.` },
      address: `山口県${pj}町${(n % 99) + 1}-${(n % 17) + 1}`,
      hours: { ja: '9:00〜17:00', en: '9:00–17:00' },
      phone: `083-${pad(n % 1000, 3)}-${pad(n % 10000, 4)}`,
      url: `https://example.jp/spots/${n}`,
      source,
      sourceRef: `row ${n}`,
      asOf,
    }
    if (i % 10 !== 9) spot.point = point // one in ten has no trusted point, as in the real data
    spots.push(spot)
  }
  const events = []
  for (let i = 0; i < eventCount; i++) {
    const [pj, , pe] = pick(PLACES)
    const n = i + 1
    const month = (i % 12) + 1
    const day = (i % 28) + 1
    const start = `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    events.push({
      id: `bench-event-${pad(n)}`,
      municipality: CODES[i % CODES.length],
      category: EVENT_CATEGORIES[i % EVENT_CATEGORIES.length],
      name: { ja: `${pj}まつり ${n}`, en: `${pe} Festival ${n}` },
      description: { ja: `${pj}で毎年開かれる催しです。`, en: `An annual event in ${pe}.` },
      dates: [{ start, startTime: '10:00', endTime: '16:00' }],
      venue: { ja: `${pj}公民館`, en: `${pe} Community Hall` },
      point: { lat: +(BOX.south + random() * (BOX.north - BOX.south)).toFixed(6), lng: +(BOX.west + random() * (BOX.east - BOX.west)).toFixed(6) },
      source,
      asOf,
    })
  }
  return { sources: sample.sources, municipalities: sample.municipalities, spots, routes: [], events, schemes: [], rallies: [] }
}

export function canonicalBody(body) {
  const ordered = {}
  for (const key of BODY_KEYS) ordered[key] = body[key]
  return JSON.stringify(ordered)
}

async function sha256Hex(text) {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A complete, valid snapshot object with `count` generated records. */
export async function generateSnapshot(count, options = {}) {
  const body = generateBody(count, options)
  return { schemaVersion: '1.0.0', generatedAt: '2026-11-23T00:00:00.000Z', hash: await sha256Hex(canonicalBody(body)), ...body }
}

/** The snapshot as the JSON text the app downloads. */
export async function generateSnapshotText(count, options = {}) {
  return JSON.stringify(await generateSnapshot(count, options))
}
