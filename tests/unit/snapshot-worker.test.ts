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
import { lastUpdatePath, updateSnapshotOffThread } from '@/data/snapshot-update'
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
    expect(fromReply(reply).spots.map((s) => s.id)).toEqual(snapshot.spots.map((s) => s.id))
    expect(await getSnapshotMeta()).toBeUndefined()
  })

  it.each([
    ['a broken snapshot', { '/data/snapshot.json': '{"schemaVersion":' }, 'invalid'],
    ['a snapshot of a newer format', { '/data/snapshot.json': JSON.stringify({ ...loadCommittedSnapshot(), schemaVersion: '99.0.0' }) }, 'newerFormat'],
    ['no connection', {}, 'offline'],
  ])('%s: the same kind of error as on the main thread', async (_what, files, kind) => {
    const fetcher = Object.keys(files).length ? fakeFetch(files) : ((async () => { throw new TypeError('offline') }) as typeof fetch)
    const reply = await runDownload({ fetcher })
    expect(reply).toMatchObject({ ok: false, kind })
    let thrown: unknown
    try {
      fromReply(reply)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SnapshotLoadError)
    expect((thrown as SnapshotLoadError).kind).toBe(kind)
  })
})

describe('which thread', () => {
  /** A stand-in for the module worker: records that it was started and answers as the real one does. */
  function stubWorker(fetcher: typeof fetch) {
    const started: string[] = []
    class FakeWorker {
      onmessage: ((event: MessageEvent) => void) | null = null
      onerror: ((event: Event) => void) | null = null
      constructor(url: URL) {
        started.push(String(url))
      }
      postMessage() {
        // Through a structured clone, as a real worker's reply arrives.
        void runDownload({ fetcher }).then((data) => this.onmessage?.({ data: structuredClone(data) } as MessageEvent))
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', FakeWorker)
    return started
  }

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
