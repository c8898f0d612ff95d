/**
 * Builds public/data/snapshot.json (and its small meta file) from the shared
 * boundary data and the curated source files in data/curated/.
 *
 *   npm run snapshot
 *
 * Output is deterministic: the same inputs give the same bytes. `generatedAt`
 * is the newest as-of date of the sources, not the wall clock.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SCHEMA_VERSION, type Municipality, type SnapshotBody } from '../../src/domain/snapshot-schema'
import { canonicalBody, sha256Hex, validateSnapshot } from '../../src/domain/snapshot-validate'
import { loadMunicipalities } from './municipalities'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const SHARED = resolve(root, process.env.SHARED_DIR ?? '../shared')

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

export async function buildSnapshot() {
  const sources = readJson<SnapshotBody['sources']>(resolve(root, 'data/curated/sources.json'))
  const sample = readJson<Omit<SnapshotBody, 'sources' | 'municipalities'>>(resolve(root, 'data/curated/sample.json'))
  const municipalities: Municipality[] = loadMunicipalities(resolve(SHARED, 'data/municipalities.geojson'))
  const body: SnapshotBody = {
    sources,
    municipalities,
    spots: sample.spots,
    routes: sample.routes,
    events: sample.events,
    schemes: sample.schemes,
    rallies: sample.rallies,
  }
  const hash = await sha256Hex(canonicalBody(body))
  const generatedAt = `${sources.map((s) => s.asOf).sort().at(-1)}T00:00:00.000Z`
  const snapshot = { schemaVersion: SCHEMA_VERSION, generatedAt, hash, ...body }
  validateSnapshot(JSON.parse(JSON.stringify(snapshot)))
  return snapshot
}

async function main() {
  const snapshot = await buildSnapshot()
  const out = resolve(root, 'public/data')
  mkdirSync(out, { recursive: true })
  writeFileSync(resolve(out, 'snapshot.json'), JSON.stringify(snapshot))
  const meta = { schemaVersion: snapshot.schemaVersion, generatedAt: snapshot.generatedAt, hash: snapshot.hash }
  writeFileSync(resolve(out, 'snapshot-meta.json'), JSON.stringify(meta) + '\n')
  const counts = Object.fromEntries(Object.entries(snapshot).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]))
  console.log('snapshot written:', snapshot.hash.slice(0, 12), counts)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error instanceof Error ? `${error.message}\n${(error as { details?: string[] }).details?.join('\n') ?? ''}` : error)
    process.exit(1)
  })
}
