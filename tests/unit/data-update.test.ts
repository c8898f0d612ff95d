// @vitest-environment node
/**
 * npm run data:update against a local CKAN stub (no network): each feed fetched, guarded,
 * and the snapshot rebuilt only from last good copies.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { pickResource } from '../../scripts/data-update/catalogue'
import { decodeFeed } from '../../scripts/data-update/decode'
import { guardFeed } from '../../scripts/data-update/guards'
import { runUpdate, type UpdateOptions } from '../../scripts/data-update/update'
import { parseCsv } from '../../scripts/snapshot/csv'

const repo = resolve(__dirname, '../..')
const UBE_EVENTS = 'ube-city/ube_event.csv'
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

/** What the stub answers per feed file: body bytes, or a status, or no answer at all. */
type Answer = { body: Buffer; etag?: string } | { status: number } | { hang: true }

let server: Server
let base = ''
let answers: Map<string, Answer>
let requests: Array<{ url: string; ifNoneMatch?: string }>
let work: string
let feedsDir: string
let outDir: string

function feedKeys(): string[] {
  const config = JSON.parse(readFileSync(join(feedsDir, 'feeds.json'), 'utf8')) as { feeds: Array<{ publisher: string; file: string }> }
  return config.feeds.map((f) => `${f.publisher}/${f.file}`)
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub')
    requests.push({ url: url.pathname + url.search, ifNoneMatch: req.headers['if-none-match'] as string | undefined })
    if (url.pathname === '/api/3/action/package_show') {
      const key = decodeURIComponent(url.searchParams.get('id') ?? '').replace('--', '/')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ success: true, result: { resources: [{ id: `r-${key}`, name: key, format: 'CSV', url: `${base}/files/${key}`, metadata_modified: '2026-12-01T09:00:00' }] } }))
      return
    }
    const key = decodeURIComponent(url.pathname.replace(/^\/files\//, ''))
    const answer = answers.get(key)
    if (!answer) return void res.writeHead(404).end()
    if ('hang' in answer) return // never answers: the client's timeout must fire
    if ('status' in answer) return void res.writeHead(answer.status).end('server error')
    if (answer.etag && req.headers['if-none-match'] === answer.etag) return void res.writeHead(304).end()
    res.writeHead(200, { 'content-type': 'text/csv', ...(answer.etag ? { etag: answer.etag } : {}) })
    res.end(answer.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'yume-update-'))
  feedsDir = join(work, 'feeds')
  outDir = join(work, 'out')
  cpSync(join(repo, 'data/feeds'), feedsDir, { recursive: true })
  rmSync(join(feedsDir, 'state.json'), { force: true })
  cpSync(join(repo, 'public/data'), outDir, { recursive: true })
  // Every feed configured, with a dataset id the stub understands.
  const config = JSON.parse(readFileSync(join(feedsDir, 'feeds.json'), 'utf8'))
  for (const f of config.feeds) f.dataset = { id: `${f.publisher}--${f.file}`, status: 'confirmed' }
  writeFileSync(join(feedsDir, 'feeds.json'), JSON.stringify(config))
  answers = new Map(feedKeys().map((k) => [k, { body: readFileSync(join(feedsDir, k)), etag: `"${sha(readFileSync(join(feedsDir, k))).slice(0, 16)}"` }]))
  requests = []
})
afterEach(() => rmSync(work, { recursive: true, force: true }))

const options = (extra: Partial<UpdateOptions> = {}): UpdateOptions => ({
  feedsDir,
  configPath: join(feedsDir, 'feeds.json'),
  outDir,
  catalogUrl: base,
  fetch: { timeoutMs: 400, retries: 1 },
  now: new Date('2026-12-02T00:00:00Z'),
  ...extra,
})
const statusOf = (result: Awaited<ReturnType<typeof runUpdate>>, key: string) => result.outcomes.find((o) => o.feed === key)
const fingerprint = () =>
  [...feedKeys(), '../out/snapshot.json', '../out/snapshot-meta.json', '../out/changelog.json'].map((k) => (existsSync(join(feedsDir, k)) ? sha(readFileSync(join(feedsDir, k))) : 'absent')).join()

/** ube_event.csv with one more event row (a copy of its first row, renamed and re-dated). */
function withNewEvent(): Buffer {
  const text = decodeFeed(readFileSync(join(feedsDir, UBE_EVENTS))).text
  const { rows } = parseCsv(text)
  const first = rows[0]!.raw.map((f) => `"${f.replace(/"/g, '""')}"`)
  first[1] = '"9999001"'
  first[4] = '"テスト新着の宇部まつり"'
  first[7] = '"2026/12/20"'
  first[8] = '"2026/12/20"'
  return Buffer.from(`\ufeff${text.replace(/\s*$/, '')}\r\n${first.join(',')}\r\n`)
}

describe('npm run data:update', () => {
  it('unchanged feeds: nothing is rewritten, and the second run asks conditionally (304)', async () => {
    const before = fingerprint()
    const first = await runUpdate(options())
    expect(first.exitCode).toBe(0)
    expect(first.outcomes.every((o) => o.status === 'unchanged')).toBe(true)
    expect(first.written).toBe(false)
    expect(fingerprint()).toBe(before)
    // Only the servers' validators are recorded, for the conditional requests; they describe the same bytes.
    const state = JSON.parse(readFileSync(join(feedsDir, 'state.json'), 'utf8')) as Record<string, { sha256: string; etag?: string }>
    for (const key of feedKeys()) expect(state[key]).toMatchObject({ sha256: sha(readFileSync(join(feedsDir, key))), etag: expect.any(String) })
    requests = []
    const second = await runUpdate(options())
    expect(second.outcomes.map((o) => o.detail)).toContain('not modified (HTTP 304)')
    expect(requests.filter((r) => r.url.startsWith('/files/')).every((r) => r.ifNoneMatch)).toBe(true)
  })

  it('a changed feed: new feed copy, new snapshot with the record, and a changelog naming it', async () => {
    const body = withNewEvent()
    answers.set(UBE_EVENTS, { body })
    const result = await runUpdate(options())
    expect(statusOf(result, UBE_EVENTS)?.status).toBe('fetched')
    expect(result.exitCode).toBe(0)
    expect(result.written).toBe(true)
    const snapshot = JSON.parse(readFileSync(join(outDir, 'snapshot.json'), 'utf8'))
    const added = snapshot.events.find((e: { name: { ja: string } }) => e.name.ja === 'テスト新着の宇部まつり')
    expect(added).toMatchObject({ source: 'ube-event', asOf: '2026-12-01', dates: [{ start: '2026-12-20' }] })
    const log = JSON.parse(readFileSync(join(outDir, 'changelog.json'), 'utf8'))
    expect(log.changes).toContainEqual(expect.objectContaining({ source: 'ube-event', kind: 'events', added: [added.id] }))
    expect(JSON.parse(readFileSync(join(outDir, 'snapshot-meta.json'), 'utf8')).hash).toBe(snapshot.hash)
    expect(readFileSync(join(feedsDir, UBE_EVENTS)).equals(body)).toBe(true)
  }, 60_000)

  it('a feed shrunk by half is refused: the last good copy stays, exit code 1', async () => {
    const text = decodeFeed(readFileSync(join(feedsDir, UBE_EVENTS))).text
    const lines = text.split(/\r?\n(?=3\.00002E\+12,)/)
    answers.set(UBE_EVENTS, { body: Buffer.from(lines.slice(0, Math.ceil(lines.length / 2)).join('\r\n')) })
    const before = fingerprint()
    const result = await runUpdate(options())
    expect(statusOf(result, UBE_EVENTS)).toMatchObject({ status: 'refused', detail: expect.stringMatching(/rows fell from \d+ to \d+/) })
    expect(result.exitCode).toBe(1)
    expect(fingerprint()).toBe(before)
  })

  it('an unknown layout is refused with the reason', async () => {
    answers.set(UBE_EVENTS, { body: Buffer.from('名前,日付\nなにか,2026/1/1\n') })
    const result = await runUpdate(options())
    expect(statusOf(result, UBE_EVENTS)).toMatchObject({ status: 'refused', detail: expect.stringMatching(/unknown column layout/) })
    expect(result.exitCode).toBe(1)
  })

  it('a Shift_JIS file decodes to the same text, so the same records, as its UTF-8 twin', async () => {
    const utf8 = decodeFeed(readFileSync(join(feedsDir, 'mine-city/3101.csv'))).text
    const sjis = encodeShiftJis(utf8)
    expect(sjis.equals(Buffer.from(utf8))).toBe(false)
    expect(decodeFeed(sjis)).toEqual({ text: utf8, encoding: 'shift_jis' })
    expect(decodeFeed(Buffer.from(utf8))).toEqual({ text: utf8, encoding: 'utf-8' })
    answers.set('mine-city/3101.csv', { body: sjis })
    const result = await runUpdate(options())
    expect(statusOf(result, 'mine-city/3101.csv')).toMatchObject({ status: 'unchanged', detail: 'same content' })
  })

  it('HTTP 500 and a server that never answers: the last good copy is kept, exit code 1', async () => {
    answers.set(UBE_EVENTS, { status: 500 })
    answers.set('mine-city/3101.csv', { hang: true })
    const before = fingerprint()
    const result = await runUpdate(options())
    expect(statusOf(result, UBE_EVENTS)).toMatchObject({ status: 'failed', detail: expect.stringMatching(/HTTP 500.*after 2 tries/) })
    expect(requests.filter((r) => r.url === `/files/${UBE_EVENTS}`)).toHaveLength(2) // one retry, really made
    expect(statusOf(result, 'mine-city/3101.csv')).toMatchObject({ status: 'failed', detail: expect.stringMatching(/no answer within 400 ms/) })
    expect(result.outcomes.filter((o) => o.status === 'unchanged')).toHaveLength(feedKeys().length - 2)
    expect(result.exitCode).toBe(1)
    expect(fingerprint()).toBe(before)
  })

  it('a snapshot that fails validation: nothing is written, not even the fetched feed', async () => {
    answers.set(UBE_EVENTS, { body: withNewEvent() })
    const before = fingerprint()
    const mtime = statSync(join(outDir, 'snapshot.json')).mtimeMs
    const result = await runUpdate(options({ build: async () => ({ schemaVersion: '1.2.0', spots: 'not a list' }) as never }))
    expect(result.written).toBe(false)
    expect(result.error).toMatch(/failed validation, nothing was written/)
    expect(result.exitCode).toBe(1)
    expect(fingerprint()).toBe(before)
    expect(statSync(join(outDir, 'snapshot.json')).mtimeMs).toBe(mtime)
  })
})

describe('the guards, one by one', () => {
  const last = { rows: 100, kept: 60, layout: 'event-recommended' as const }
  it.each([
    ['same size and share', { rows: 100, kept: 60, layout: 'event-recommended' as const }, null],
    ['grown', { rows: 180, kept: 110, layout: 'event-recommended' as const }, null],
    ['fell by 29 %', { rows: 71, kept: 43, layout: 'event-recommended' as const }, null],
    ['fell by 31 %', { rows: 69, kept: 41, layout: 'event-recommended' as const }, /rows fell from 100 to 69 \(more than 30 %\)/],
    ['layout changed to another known one', { rows: 100, kept: 60, layout: 'event-standard' as const }, /layout changed: expected event-recommended, found event-standard/],
    ['share kept collapsed (rows of other towns)', { rows: 100, kept: 20, layout: 'event-recommended' as const }, /share of rows kept collapsed from 60 % to 20 %/],
    ['no rows', { rows: 0, kept: 0, layout: 'event-recommended' as const }, /no rows/],
  ])('%s', (_, next, refusal) => {
    const reason = guardFeed(next, last, 'event-recommended', { maxShrink: 0.3 })
    if (refusal) expect(reason).toMatch(refusal)
    else expect(reason).toBeNull()
  })

  it('two CSV resources in one dataset are refused until one is named by id', () => {
    const resources = [{ id: 'r1', url: 'https://x/2024.csv', format: 'CSV' }, { id: 'r2', url: 'https://x/2025.csv', format: 'csv' }]
    expect(() => pickResource(resources, { format: 'CSV' })).toThrow(/2 resources match .*r1, r2/)
    expect(pickResource(resources, { format: 'CSV', id: 'r2' })?.url).toBe('https://x/2025.csv')
  })
})

/** Shift_JIS bytes for `text`, found by decoding every 1- and 2-byte Shift_JIS code with the platform decoder. */
function encodeShiftJis(text: string): Buffer {
  const decoder = new TextDecoder('shift_jis')
  const table = new Map<string, number[]>()
  for (let b = 0; b < 0x80; b++) table.set(String.fromCharCode(b), [b])
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead <= 0xdf) {
      table.set(decoder.decode(new Uint8Array([lead])), [lead])
      continue
    }
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue
      const ch = decoder.decode(new Uint8Array([lead, trail]))
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail])
    }
  }
  const out: number[] = []
  for (const ch of text) {
    const bytes = table.get(ch)
    if (!bytes) throw new Error(`not in Shift_JIS: ${ch}`)
    out.push(...bytes)
  }
  return Buffer.from(out)
}
