/**
 * The snapshot download as the worker runs it: its reply, and the page turning a failed reply back into
 * the errors the main-thread path throws (so the person is told the same thing): a broken snapshot, a
 * newer format, no connection. And the page's choice of thread: a worker only when there is something
 * to import, and the page's own write (a full disk is still said as a full disk).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb, DB_NAME, isQuotaError } from '@/data/db'
import { getSnapshotMeta } from '@/data/repositories/snapshot-repo'
import { SnapshotLoadError } from '@/data/snapshot-loader'
import { earlySnapshotBytes, lastDownloadSource, lastUpdatePath, prepareFirstVisit, updateSnapshotOffThread } from '@/data/snapshot-update'
import { EARLY_SNAPSHOT_GLOBAL, SNAPSHOT_STORED_KEY } from '@/domain/storage-keys'
import { fromReply, runDownload } from '@/data/worker/snapshot-update-task'
import { fakeFetch } from '../fixtures/data-fakes'
import { loadCommittedSnapshot } from '../fixtures/snapshots'

beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
})
afterEach(async () => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  await closeDb()
})

const filesFor = (snapshot: { hash: string }) => ({ '/data/snapshot.json': JSON.stringify(snapshot), '/data/snapshot-meta.json': JSON.stringify({ hash: snapshot.hash }) })

describe('the worker’s download', () => {
  it('replies with the validated snapshot and stores nothing itself', async () => {
    const snapshot = loadCommittedSnapshot()
    const reply = await runDownload({ fetcher: fakeFetch(filesFor(snapshot)) })
    expect(reply.ok).toBe(true)
    expect((await fromReply(reply)).spots.map((s) => s.id)).toEqual(snapshot.spots.map((s) => s.id))
    expect(await getSnapshotMeta()).toBeUndefined()
  })

  it('the page reads the reply a part at a time, giving other work its turn in between', async () => {
    const snapshot = loadCommittedSnapshot()
    const reply = await runDownload({ fetcher: fakeFetch(filesFor(snapshot)) })
    let finished = false
    const reading = fromReply(reply).then((read) => ((finished = true), read))
    // A task queued once reading has begun (a frame, a tap) runs before the reading ends.
    const finishedBefore = await new Promise<boolean>((resolve) => setTimeout(() => resolve(finished), 0))
    expect(finishedBefore).toBe(false)
    expect(await reading).toEqual(JSON.parse(JSON.stringify(snapshot)))
  })

  it.each([
    ['a broken snapshot', { '/data/snapshot.json': '{"schemaVersion":' }, 'invalid'],
    ['a snapshot of a newer format', { '/data/snapshot.json': JSON.stringify({ ...loadCommittedSnapshot(), schemaVersion: '99.0.0' }) }, 'newerFormat'],
    ['no connection', {}, 'offline'],
  ])('%s: the same kind of error as on the main thread', async (_what, files, kind) => {
    const fetcher = Object.keys(files).length ? fakeFetch(files) : ((async () => { throw new TypeError('offline') }) as typeof fetch)
    const reply = await runDownload({ fetcher })
    expect(reply).toMatchObject({ ok: false, kind })
    const thrown = await fromReply(reply).catch((error: unknown) => error)
    expect(thrown).toBeInstanceOf(SnapshotLoadError)
    expect((thrown as SnapshotLoadError).kind).toBe(kind)
  })
})

/**
 * A stand-in for the module worker: records that it was started and answers as the real one does. `fails`: it
 * fails after taking the message (a worker script that cannot run), as `onerror` reports it.
 */
function stubWorker(fetcher: typeof fetch, requests: unknown[] = [], { fails = false } = {}) {
  const started: string[] = []
  class FakeWorker {
    onmessage: ((event: MessageEvent) => void) | null = null
    onerror: ((event: Event) => void) | null = null
    constructor(url: URL) {
      started.push(String(url))
    }
    postMessage(request: { bytes?: ArrayBuffer }, transfer: Transferable[] = []) {
      requests.push(request)
      // Through a structured clone, as a real worker's request and reply arrive (what is transferred leaves the page).
      const received = structuredClone(request, { transfer })
      if (fails) {
        queueMicrotask(() => this.onerror?.(new Event('error')))
        return
      }
      void runDownload({ fetcher, ...received }).then((data) => this.onmessage?.({ data: structuredClone(data) } as MessageEvent))
    }
    terminate() {}
  }
  vi.stubGlobal('Worker', FakeWorker)
  return started
}

describe('which thread', () => {
  it('without module workers (this test environment), the page imports on its own thread', async () => {
    const snapshot = loadCommittedSnapshot()
    vi.stubGlobal('fetch', fakeFetch(filesFor(snapshot)))
    expect(typeof Worker).toBe('undefined')
    await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'imported' })
    expect(lastUpdatePath()).toBe('main')
  })

  it('a first visit downloads in a worker; the page stores it', async () => {
    const snapshot = loadCommittedSnapshot()
    vi.stubGlobal('fetch', fakeFetch(filesFor(snapshot)))
    const started = stubWorker(fakeFetch(filesFor(snapshot)))
    await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'imported', meta: { hash: snapshot.hash } })
    expect(started).toHaveLength(1)
    expect(lastUpdatePath()).toBe('worker')
    expect((await getSnapshotMeta())?.hash).toBe(snapshot.hash)
  })

  it('when the stored data is current, the check runs on the page and no worker is started', async () => {
    const snapshot = loadCommittedSnapshot()
    vi.stubGlobal('fetch', fakeFetch(filesFor(snapshot)))
    await updateSnapshotOffThread()
    const started = stubWorker(fakeFetch(filesFor(snapshot)))
    await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'unchanged' })
    expect(started).toEqual([])
    expect(lastUpdatePath()).toBe(null)
  })

  it('a full disk during the page’s write: an error the page reads as "storage full"; nothing was stored', async () => {
    const snapshot = loadCommittedSnapshot()
    vi.stubGlobal('fetch', fakeFetch(filesFor(snapshot)))
    stubWorker(fakeFetch(filesFor(snapshot)))
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const thrown = await updateSnapshotOffThread().catch((error: unknown) => error)
    vi.restoreAllMocks()
    expect(thrown).toBeInstanceOf(SnapshotLoadError)
    expect(isQuotaError(thrown)).toBe(true)
    expect(await getSnapshotMeta()).toBeUndefined()
  })
})

describe('a first visit’s early download (started by the prerendered page’s boot script)', () => {
  /** What the boot script leaves for the app: a download already under way. */
  function startEarly(response: Promise<Response>) {
    const controller = new AbortController()
    response.catch(() => undefined) // as the boot script does: a failure is the app's to read, not unhandled
    ;(globalThis as Record<string, unknown>)[EARLY_SNAPSHOT_GLOBAL] = { controller, response }
    return controller
  }
  /** A fetch that serves the files and notes what it was asked for. */
  function countingFetch(files: Record<string, string>) {
    const asked: string[] = []
    const inner = fakeFetch(files)
    const fetcher = ((input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(String(input).split('?')[0]!)
      return inner(input, init)
    }) as typeof fetch
    return { asked, fetcher }
  }
  const json = (body: string, status = 200, type = 'application/json') => new Response(body, { status, headers: { 'content-type': type } })

  beforeEach(() => localStorage.clear())
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[EARLY_SNAPSHOT_GLOBAL]
  })

  it('is what gets imported, on the page and in the worker: the snapshot is not downloaded again, and the next visit is not a first one', async () => {
    const snapshot = loadCommittedSnapshot()
    for (const withWorker of [false, true]) {
      await closeDb()
      indexedDB.deleteDatabase(DB_NAME)
      localStorage.clear()
      const page = countingFetch(filesFor(snapshot))
      const worker = countingFetch(filesFor(snapshot))
      vi.stubGlobal('fetch', page.fetcher)
      if (withWorker) stubWorker(worker.fetcher)
      startEarly(Promise.resolve(json(JSON.stringify(snapshot))))
      await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'imported', meta: { hash: snapshot.hash } })
      expect(lastDownloadSource()).toBe('early')
      expect(lastUpdatePath()).toBe(withWorker ? 'worker' : 'main')
      expect([...page.asked, ...worker.asked]).not.toContain('/data/snapshot.json')
      expect(localStorage.getItem(SNAPSHOT_STORED_KEY)).toBe(snapshot.hash)
      vi.unstubAllGlobals()
    }
  })

  it('the worker reads it as soon as the app starts, before the page has rendered; the write waits for the import', async () => {
    const snapshot = loadCommittedSnapshot()
    const page = countingFetch(filesFor(snapshot))
    vi.stubGlobal('fetch', page.fetcher)
    const started = stubWorker(page.fetcher)
    startEarly(Promise.resolve(json(JSON.stringify(snapshot))))
    prepareFirstVisit()
    await vi.waitFor(() => expect(started).toHaveLength(1))
    expect(await getSnapshotMeta()).toBeUndefined()
    await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'imported', meta: { hash: snapshot.hash } })
    expect(started).toHaveLength(1)
    expect(lastDownloadSource()).toBe('early')
    expect(page.asked).not.toContain('/data/snapshot.json')
  })

  it('the page hands the worker the downloaded bytes and leaves their decoding to it (a byte order mark included)', async () => {
    const snapshot = loadCommittedSnapshot()
    const page = countingFetch(filesFor(snapshot))
    vi.stubGlobal('fetch', page.fetcher)
    const requests: unknown[] = []
    stubWorker(page.fetcher, requests)
    // UTF-8 with a byte order mark, as some servers send: Response.text() drops it, and so must the worker.
    startEarly(Promise.resolve(new Response(new TextEncoder().encode(`\uFEFF${JSON.stringify(snapshot)}`), { headers: { 'content-type': 'application/json' } })))
    await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'imported', meta: { hash: snapshot.hash } })
    expect(requests).toHaveLength(1)
    expect((requests[0] as { bytes?: unknown }).bytes).toBeInstanceOf(ArrayBuffer)
    expect(lastUpdatePath()).toBe('worker')
  })

  it('when the worker fails after taking the bytes, the page imports them itself', async () => {
    const snapshot = loadCommittedSnapshot()
    const page = countingFetch(filesFor(snapshot))
    vi.stubGlobal('fetch', page.fetcher)
    stubWorker(page.fetcher, [], { fails: true })
    startEarly(Promise.resolve(json(JSON.stringify(snapshot))))
    await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'imported', meta: { hash: snapshot.hash } })
    expect(lastUpdatePath()).toBe('main')
    expect(lastDownloadSource()).toBe('early')
    expect(page.asked).not.toContain('/data/snapshot.json')
    expect(await getSnapshotMeta()).toMatchObject({ hash: snapshot.hash })
  })

  it.each([
    ['the server answered an error', () => Promise.resolve(json('busy', 503))],
    ['the server answered a web page', () => Promise.resolve(json('<!doctype html>', 200, 'text/html'))],
    ['the connection failed', () => Promise.reject(new TypeError('offline'))],
  ])('when %s, the import downloads on its own and still succeeds', async (_what, response) => {
    const snapshot = loadCommittedSnapshot()
    const page = countingFetch(filesFor(snapshot))
    vi.stubGlobal('fetch', page.fetcher)
    startEarly(response())
    await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'imported', meta: { hash: snapshot.hash } })
    expect(lastDownloadSource()).toBe('own')
    expect(page.asked).toContain('/data/snapshot.json')
  })

  it('an early download that hangs ends as "no connection" at the time limit of every download (not tried again), and is cancelled', async () => {
    const controller = new AbortController()
    // As a real fetch: no answer, until it is cancelled.
    const response = new Promise<Response>((_resolve, reject) => controller.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
    const early = { controller, response }
    const thrown = await earlySnapshotBytes(early, { timeoutMs: { meta: 20, snapshot: 50 } }).catch((error: unknown) => error)
    expect(thrown).toMatchObject({ name: 'SnapshotLoadError', kind: 'offline' })
    expect(controller.signal.aborted).toBe(true)
  })

  it('a broken early download is said as a broken snapshot, and nothing is stored', async () => {
    vi.stubGlobal('fetch', fakeFetch({}))
    startEarly(Promise.resolve(json('{"schemaVersion":')))
    await expect(updateSnapshotOffThread()).rejects.toMatchObject({ name: 'SnapshotLoadError', kind: 'invalid' })
    expect(await getSnapshotMeta()).toBeUndefined()
    expect(localStorage.getItem(SNAPSHOT_STORED_KEY)).toBeNull()
  })

  it('when the stored data is current, an early download is cancelled and not used', async () => {
    const snapshot = loadCommittedSnapshot()
    vi.stubGlobal('fetch', fakeFetch(filesFor(snapshot)))
    await updateSnapshotOffThread()
    const controller = startEarly(new Promise<Response>(() => undefined))
    await expect(updateSnapshotOffThread()).resolves.toMatchObject({ status: 'unchanged' })
    expect(controller.signal.aborted).toBe(true)
    expect((globalThis as Record<string, unknown>)[EARLY_SNAPSHOT_GLOBAL]).toBeUndefined()
  })
})
