/**
 * The benchmark page: runs the app's own code (validator, db.ts, repositories)
 * and the baselines side by side in one page. Driven by bench/run.mjs through
 * `window.bench`. Not part of the production build.
 */
import { deleteDB } from 'idb'
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { closeDb, DB_NAME, openYumeDB } from '@/data/db'
import { getAllRecords, replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { BODY_KEYS } from '@/domain/snapshot-keys'
import type { Snapshot } from '@/domain/snapshot-schema'
import { hashBody, parseSnapshot, validateSnapshot } from '@/domain/snapshot-validate'

const RAW_DB = 'bench-raw'
const texts = new Map<string, string>()
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()))
/** Resolves after the frame that contains the current DOM/canvas work has been produced. */
const painted = async () => {
  await nextFrame()
  await new Promise<void>((r) => setTimeout(r, 0))
}

async function text(url: string): Promise<string> {
  let t = texts.get(url)
  if (!t) {
    t = await (await fetch(url)).text()
    texts.clear()
    texts.set(url, t)
  }
  return t
}

async function resetDbs() {
  await closeDb()
  await deleteDB(DB_NAME)
  await deleteDB(RAW_DB)
}

/** The app's import path: parse + validate + hash (parseSnapshot), then the one-transaction replace. */
async function importApp(url: string) {
  const body = await text(url)
  await resetDbs()
  const t0 = performance.now()
  const snapshot = await parseSnapshot(body)
  await replaceSnapshot(snapshot)
  return performance.now() - t0
}

/** Where the app's import time goes: each step timed on its own. */
async function importSteps(url: string) {
  const body = await text(url)
  await resetDbs()
  const t0 = performance.now()
  const value = JSON.parse(body) as unknown
  const t1 = performance.now()
  const snapshot = validateSnapshot(value)
  const t2 = performance.now()
  await hashBody(value as Snapshot)
  const t3 = performance.now()
  await replaceSnapshot(snapshot)
  const t4 = performance.now()
  return { parse: t1 - t0, validate: t2 - t1, hash: t3 - t2, write: t4 - t3 }
}

/** Baseline: the same records put in one transaction, nothing else (already parsed, not validated). */
async function rawPut(url: string, durability: 'strict' | 'relaxed' = 'strict') {
  const value = JSON.parse(await text(url)) as Snapshot
  await resetDbs()
  const db = await openYumeDB(RAW_DB)
  try {
    const t0 = performance.now()
    const tx = db.transaction([...BODY_KEYS], 'readwrite', { durability })
    for (const store of BODY_KEYS) {
      const os = tx.objectStore(store)
      for (const record of value[store] as object[]) void os.put(record as never)
    }
    await tx.done
    return performance.now() - t0
  } finally {
    db.close()
  }
}

// ---- records in memory (what the records store holds) ------------------------------------
let held: unknown = null
async function loadRecords() {
  const [spots, events, municipalities] = await Promise.all([getAllRecords('spots'), getAllRecords('events'), getAllRecords('municipalities')])
  held = { spots: Object.freeze(spots), events: Object.freeze(events), municipalities: Object.freeze(municipalities) }
  return spots.length + events.length
}
/** Forget the downloaded text (so the heap figure is the records only). */
function dropText() {
  texts.clear()
}
/** The first `count` trusted points of the held records (for the app's marker benchmark). */
function points(count: number) {
  const h = held as { spots: Array<{ point?: { lat: number; lng: number } }>; events: Array<{ point?: { lat: number; lng: number } }> }
  return [...h.spots, ...h.events].flatMap((r) => (r.point ? [r.point] : [])).slice(0, count)
}
function dropRecords() {
  held = null
  naiveRecords = []
}

// ---- search baseline: normalise every record on every keystroke ---------------------------
type Searchable = { name: { ja: string; en?: string }; kana?: string; address?: string }
let naiveRecords: Searchable[] = []
function normalise(s: string) {
  return s.normalize('NFKC').toLowerCase().replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
}
function naiveSearch(query: string) {
  const q = normalise(query.trim())
  const hits: Searchable[] = []
  if (!q) return hits
  for (const r of naiveRecords) {
    const hay = normalise(`${r.name.ja} ${r.name.en ?? ''} ${r.kana ?? ''} ${r.address ?? ''}`)
    if (hay.includes(q)) hits.push(r)
  }
  return hits
}
/** Per-keystroke times (ms) of the naive scan for every prefix of every query, `runs` times. */
async function searchNaive(queries: string[], runs: number) {
  const h = held as { spots: Searchable[]; events: Searchable[] }
  naiveRecords = [...h.spots, ...h.events]
  const times: number[] = []
  const hits: Record<string, number> = {}
  for (let run = 0; run < runs; run++) {
    for (const query of queries) {
      for (let i = 1; i <= query.length; i++) {
        const t0 = performance.now()
        const result = naiveSearch(query.slice(0, i))
        times.push(performance.now() - t0)
        hits[query.slice(0, i)] = result.length
      }
      await new Promise((r) => setTimeout(r, 0))
    }
  }
  return { times, hits }
}

// ---- map baseline: raw Leaflet canvas circle markers --------------------------------------
async function markersRaw(count: number) {
  const h = held as { spots: Array<{ point?: { lat: number; lng: number } }>; events: Array<{ point?: { lat: number; lng: number } }> }
  const points = [...h.spots, ...h.events].flatMap((r) => (r.point ? [r.point] : [])).slice(0, count)
  const el = document.getElementById('map')!
  const map = L.map(el, { preferCanvas: true, zoomAnimation: false, fadeAnimation: false }).setView([34.3, 131.5], 9)
  await painted()
  const renderer = L.canvas()
  const t0 = performance.now()
  const group = L.layerGroup()
  for (const p of points) L.circleMarker([p.lat, p.lng], { renderer, radius: 6, weight: 1 }).addTo(group)
  group.addTo(map)
  await painted()
  const ms = performance.now() - t0
  map.remove()
  return { ms, markers: points.length }
}

declare global {
  interface Window {
    bench: Record<string, (...args: any[]) => unknown>
  }
}
window.bench = { dropText, points, importApp, importSteps, rawPut, loadRecords, dropRecords, searchNaive, markersRaw, resetDbs }
document.title = 'bench ready'
