/**
 * Search benchmark (not a test): how long one keystroke's query takes on the
 * prebuilt index (src/domain/search-index.ts) against a naive scan that folds
 * every record's text on every query, at 1k / 10k / 50k synthetic records.
 *
 * Records are built with the real schema (each one is checked with valibot
 * against SpotSchema / EventSchema / RouteSchema / SchemeSchema) from a seeded
 * random generator, so every run measures the same data. Queries are what a
 * person types, one prefix per keystroke: hiragana, half-width katakana, kanji,
 * English and a two-word query.
 *
 *   node bench/search.mjs                 # prints a table; writes bench/report-search.json
 *   node bench/search.mjs --sizes=1000,10000 --rounds=5
 *
 * Use from another script (the `npm run bench` runner):
 *   import { runSearchBench } from './search.mjs'
 *   const results = await runSearchBench({ sizes: [1000, 10000, 50000], rounds: 10 })
 *   // → [{ size, buildMs, queries, indexed: { medianMs, p95Ms }, naive: { medianMs, p95Ms }, budgetMs: 2, withinBudget }]
 *
 * Budget (issue 5): median ≤ 2 ms per query at 10,000 records.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { tsImport } from 'tsx/esm/api'

const here = import.meta.url
const { buildRecordsIndex, searchDocs, naiveSearch } = await tsImport('../src/domain/search-index.ts', here)
const schema = await tsImport('../src/domain/snapshot-schema.ts', here)
const v = await import('valibot')

export const BUDGET_MS = 2
export const KEYSTROKE_QUERIES = ['あきよしどう', 'ｱｷﾖｼ', '萩城下', 'castle', 'みゅーじあむ', '山口 おんせん', 'ＴＥＭＰＬＥ']

function rng(seed) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const KANJI = ['萩', '山口', '宇部', '防府', '美祢', '津和野', '秋吉', '城下', '温泉', '神社', '寺', '公園', '美術館', '資料館', '滝', '峡', '浜', '岬', '庭園', '古墳', '酒蔵', '市場', '道の駅', '展望台']
const KATA = ['アキヨシ', 'ミュージアム', 'ガーデン', 'センター', 'パーク', 'ホール', 'マルシェ', 'ビーチ', 'テラス', 'キャンプ', 'ギャラリー', 'カフェ']
const EN = ['Castle', 'Temple', 'Shrine', 'Museum', 'Garden', 'Park', 'Onsen', 'Cave', 'Beach', 'Market', 'Gallery', 'Falls', 'Hall']
const KANA = ['やま', 'ぐち', 'はぎ', 'うべ', 'ほうふ', 'みね', 'つわの', 'あきよし', 'おんせん', 'じんじゃ', 'てら', 'こうえん']
const CODES = schema.MUNICIPALITY_CODES

function pick(r, list) {
  return list[Math.floor(r() * list.length)]
}
function point(r) {
  return { lat: 33.9 + r() * 0.85, lng: 130.9 + r() * 1.1 }
}
function words(r, n, list) {
  return Array.from({ length: n }, () => pick(r, list)).join('')
}

/** `size` records (60% spots, 30% events, 5% routes, 5% schemes), valid against the snapshot schema. */
export function syntheticRecords(size, seed = 42) {
  const r = rng(seed)
  const municipalities = CODES.map((code, i) => ({ code, name: { ja: ['山口市', '宇部市', '萩市', '防府市', '美祢市', '山陽小野田市', '津和野町'][i], en: ['Yamaguchi', 'Ube', 'Hagi', 'Hofu', 'Mine', 'Sanyo-Onoda', 'Tsuwano'][i] } }))
  const spots = []
  const events = []
  const routes = []
  const schemes = []
  for (let i = 0; i < size; i++) {
    const roll = i % 20
    const ja = `${words(r, 1 + Math.floor(r() * 2), KANJI)}${r() < 0.5 ? pick(r, KATA) : ''}${i}`
    const en = `${pick(r, EN)} ${pick(r, EN)} ${i}`
    const description = { ja: `${words(r, 6, KANJI)}の${words(r, 2, KATA)}。${words(r, 8, KANJI)}にある${pick(r, KATA)}です。`, en: `A ${pick(r, EN).toLowerCase()} near the ${pick(r, EN).toLowerCase()}.` }
    const municipality = pick(r, CODES)
    if (roll < 12) {
      spots.push({ id: `spot-${i}`, municipality, category: pick(r, schema.SPOT_CATEGORIES), name: { ja, en }, kana: words(r, 3, KANA), description, point: point(r), address: `山口県${ja}町${i}`, source: 'bench', asOf: '2026-01-01' })
    } else if (roll < 18) {
      events.push({ id: `event-${i}`, municipality, category: pick(r, schema.EVENT_CATEGORIES), name: { ja: `${ja}まつり`, en: `${en} festival` }, description, dates: [{ start: '2026-11-28' }], venue: { ja: words(r, 2, KANJI) }, source: 'bench', asOf: '2026-01-01' })
    } else if (roll < 19) {
      routes.push({ id: `route-${i}`, name: { ja: `${ja}をめぐる`, en: `Around ${en}` }, description, municipalities: [municipality], stops: [{ name: { ja: words(r, 2, KANJI) }, point: point(r) }, { name: { ja: words(r, 2, KANJI) }, point: point(r) }], source: 'bench', asOf: '2026-01-01' })
    } else {
      schemes.push({ id: `scheme-${i}`, municipality, category: pick(r, schema.SCHEME_CATEGORIES), name: { ja: `${ja}支援`, en: `${en} support` }, summary: description, audience: ['movers'], audienceText: { ja: '移住する方' }, contact: { name: { ja: '担当窓口' } }, conditions: {}, source: 'bench', asOf: '2026-01-01' })
    }
  }
  for (const [list, s] of [[spots, schema.SpotSchema], [events, schema.EventSchema], [routes, schema.RouteSchema], [schemes, schema.SchemeSchema]]) {
    for (const record of list) v.parse(s, record)
  }
  return { municipalities, spots, events, routes, schemes }
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { medianMs: +at(0.5).toFixed(4), p95Ms: +at(0.95).toFixed(4), samples: sorted.length }
}

/** Every prefix of every query: one query per keystroke. */
export function keystrokes(queries = KEYSTROKE_QUERIES) {
  return queries.flatMap((q) => Array.from(q, (_, i) => q.slice(0, i + 1)).filter((p) => p.trim()))
}

export async function runSearchBench({ sizes = [1000, 10_000, 50_000], rounds = 10, naiveRounds = 2, queries = KEYSTROKE_QUERIES } = {}) {
  const typed = keystrokes(queries)
  const results = []
  for (const size of sizes) {
    const records = syntheticRecords(size)
    let t = performance.now()
    const index = buildRecordsIndex(records)
    const buildMs = +(performance.now() - t).toFixed(2)
    const docs = searchDocs(records)
    for (const q of typed) index.search(q) // warm-up
    const indexed = []
    for (let round = 0; round < rounds; round++) {
      for (const q of typed) {
        t = performance.now()
        index.search(q)
        indexed.push(performance.now() - t)
      }
    }
    const naive = []
    for (let round = 0; round < naiveRounds; round++) {
      for (const q of typed) {
        t = performance.now()
        naiveSearch(docs, q)
        naive.push(performance.now() - t)
      }
    }
    const row = { size, buildMs, queries: typed.length, indexed: stats(indexed), naive: stats(naive), budgetMs: BUDGET_MS }
    row.withinBudget = size > 10_000 || row.indexed.medianMs <= BUDGET_MS
    results.push(row)
  }
  return results
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const sizes = arg('sizes')?.split(',').map(Number)
  const rounds = arg('rounds') ? Number(arg('rounds')) : undefined
  const results = await runSearchBench({ sizes, rounds })
  console.log('records  build ms  indexed median/p95 ms  naive median/p95 ms  speed-up (median)')
  for (const r of results) {
    console.log(
      `${String(r.size).padStart(7)}  ${String(r.buildMs).padStart(8)}  ${`${r.indexed.medianMs} / ${r.indexed.p95Ms}`.padStart(21)}  ${`${r.naive.medianMs} / ${r.naive.p95Ms}`.padStart(19)}  ${(r.naive.medianMs / r.indexed.medianMs).toFixed(0).padStart(6)}×`,
    )
  }
  writeFileSync(new URL('./report-search.json', import.meta.url), JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2))
}
