import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closeDb, getDb, DB_NAME } from '@/data/db'
import { getAllRecords, getSnapshotMeta, replaceSnapshot } from '@/data/repositories/snapshot-repo'
import { addStamp, listFavorites, listStamps, getSetting } from '@/data/repositories/user-repo'
import { SnapshotLoadError, updateSnapshot } from '@/data/snapshot-loader'
import { useRecordsStore } from '@/stores/records'
import { useSnapshotStore } from '@/stores/snapshot'
import { SNAPSHOT_STORED_KEY } from '@/domain/storage-keys'
import { loadCommittedSnapshot, variantSnapshot } from '../fixtures/snapshots'
import { fakeFetch, seedUserData } from '../fixtures/data-fakes'



beforeEach(async () => {
  await closeDb()
  indexedDB.deleteDatabase(DB_NAME)
})
afterEach(async () => {
  vi.restoreAllMocks()
  await closeDb()
})

describe('snapshot import', () => {
  it('first visit: fetches, validates and stores the whole snapshot', async () => {
    const snapshot = loadCommittedSnapshot()
    const result = await updateSnapshot({ fetcher: fakeFetch({ '/data/snapshot.json': JSON.stringify(snapshot) }) })
    expect(result.status).toBe('imported')
    expect((await getSnapshotMeta())?.hash).toBe(snapshot.hash)
    expect(await getAllRecords('spots')).toHaveLength(snapshot.spots.length)
    expect(await getAllRecords('municipalities')).toHaveLength(7)
  })

  it('does not download the snapshot again when the meta hash is unchanged', async () => {
    const snapshot = loadCommittedSnapshot()
    await replaceSnapshot(snapshot)
    const result = await updateSnapshot({ fetcher: fakeFetch({ '/data/snapshot-meta.json': JSON.stringify({ hash: snapshot.hash }), '/data/snapshot.json': new Error('must not be fetched') }) })
    expect(result.status).toBe('unchanged')
  })

  it('a page left in the middle of the import gives the write up: the data stays as it was, for the next page to read', async () => {
    const v1 = loadCommittedSnapshot()
    await replaceSnapshot(v1)
    const v2 = await variantSnapshot((b) => {
      b.spots = b.spots.slice(0, 1)
    })
    // The person taps a link while the places are being written.
    await expect(replaceSnapshot(v2, { afterStore: (store) => void (store === 'spots' && dispatchEvent(new Event('pagehide'))) })).rejects.toBeTruthy()
    expect((await getSnapshotMeta())?.hash).toBe(v1.hash)
    expect(await getAllRecords('spots')).toHaveLength(v1.spots.length)
  })

  it('a failure in the middle of the import leaves the old snapshot and the user data exactly as they were', async () => {
    const v1 = loadCommittedSnapshot()
    await replaceSnapshot(v1)
    await seedUserData()
    const v2 = await variantSnapshot((b) => {
      b.spots = b.spots.slice(0, 1)
      b.events = []
    })
    const marks: Array<string | null> = []
    await expect(
      updateSnapshot({
        fetcher: fakeFetch({ '/data/snapshot-meta.json': JSON.stringify({ hash: v2.hash }), '/data/snapshot.json': JSON.stringify(v2) }),
        hooks: {
          afterStore: (store) => {
            // While the new data is written, the device's mark names no snapshot a page could be built from.
            marks.push(localStorage.getItem(SNAPSHOT_STORED_KEY))
            if (store === 'events') throw new Error('disk failure injected')
          },
        },
      }),
    ).rejects.toMatchObject({ kind: 'storage' })
    expect(marks.length).toBeGreaterThan(0)
    expect(marks.filter((m) => m === v1.hash || m === v2.hash)).toEqual([])
    // The old data stays, and so does its mark.
    expect(localStorage.getItem(SNAPSHOT_STORED_KEY)).toBe(v1.hash)
    expect((await getSnapshotMeta())?.hash).toBe(v1.hash)
    expect(await getAllRecords('spots')).toHaveLength(v1.spots.length)
    expect(await getAllRecords('events')).toHaveLength(v1.events.length)
    expect(await listFavorites()).toHaveLength(1)
    expect(await listStamps()).toHaveLength(1)
    expect(await getSetting('locale')).toBe('en')
  })

  it('a broken download is refused with a plain message and changes nothing', async () => {
    const v1 = loadCommittedSnapshot()
    await replaceSnapshot(v1)
    await seedUserData()
    const error = await updateSnapshot({ fetcher: fakeFetch({ '/data/snapshot-meta.json': '{"hash":"new"}', '/data/snapshot.json': '{"schemaVersion":"1.0.0","spots":[' }) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SnapshotLoadError)
    expect((error as SnapshotLoadError).kind).toBe('invalid')
    expect((error as SnapshotLoadError).message).toMatch(/damaged/)
    expect((await getSnapshotMeta())?.hash).toBe(v1.hash)
    expect(await listStamps()).toHaveLength(1)
  })

  it('data in a newer format than this app reads asks for an app update and keeps the stored data and user data', async () => {
    const v1 = loadCommittedSnapshot()
    await replaceSnapshot(v1)
    await seedUserData()
    const newer = { ...loadCommittedSnapshot(), schemaVersion: '2.0.0' }
    const error = await updateSnapshot({ fetcher: fakeFetch({ '/data/snapshot-meta.json': '{"hash":"new"}', '/data/snapshot.json': JSON.stringify(newer) }) }).catch((e: unknown) => e)
    expect((error as SnapshotLoadError).kind).toBe('newerFormat')
    expect((await getSnapshotMeta())?.hash).toBe(v1.hash)
    expect(await listStamps()).toHaveLength(1)
  })

  it('start-up reads the stored data without touching the network, and checks the network only once the first render is done', async () => {
    setActivePinia(createPinia())
    const v1 = loadCommittedSnapshot()
    await replaceSnapshot(v1)
    const store = useSnapshotStore()
    const fetched: string[] = []
    const fetcher = ((url: string) => {
      fetched.push(url)
      return Promise.resolve(new Response(JSON.stringify({ hash: v1.hash }), { headers: { 'content-type': 'application/json' } }))
    }) as unknown as typeof fetch
    let rendered!: () => void
    const starting = store.init(fetcher, { checkAfter: new Promise<void>((resolve) => (rendered = resolve)) })
    await vi.waitFor(() => expect(store.status).toBe('ready'))
    expect(store.revision).toBe(1)
    expect(fetched).toEqual([])
    rendered()
    await starting
    expect(fetched.map((u) => new URL(u, 'http://x').pathname)).toEqual(['/data/snapshot-meta.json'])
    expect(store.meta?.hash).toBe(v1.hash)
  })

  it('a retry while an import runs joins it: one download, one import', async () => {
    setActivePinia(createPinia())
    const snapshot = loadCommittedSnapshot()
    const store = useSnapshotStore()
    let downloads = 0
    const fetcher = ((url: string) => {
      if (url.includes('snapshot.json')) downloads++
      return Promise.resolve(new Response(JSON.stringify(snapshot), { headers: { 'content-type': 'application/json' } }))
    }) as unknown as typeof fetch
    await Promise.all([store.refresh(fetcher), store.refresh(fetcher)])
    expect(downloads).toBe(1)
    expect(store.status).toBe('ready')
    expect(store.meta?.hash).toBe(snapshot.hash)
  })

  it('a first download that hangs (weak signal) gives up with "no connection"; nothing is written', async () => {
    // A server that never answers, but does stop when the request is aborted.
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch
    const error = await updateSnapshot({ fetcher: hanging, timeoutMs: { meta: 50, snapshot: 50 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SnapshotLoadError)
    expect((error as SnapshotLoadError).kind).toBe('offline')
    expect((error as SnapshotLoadError).message).toMatch(/No answer from the server within 0.05 s/)
    expect(await getSnapshotMeta()).toBeUndefined()
  })

  it('a successful update replaces the snapshot but never touches user stores', async () => {
    await replaceSnapshot(loadCommittedSnapshot())
    await seedUserData()
    const v2 = await variantSnapshot((b) => {
      b.spots = b.spots.slice(0, 1)
    })
    await replaceSnapshot(v2)
    expect(await getAllRecords('spots')).toHaveLength(1)
    expect(await listFavorites()).toHaveLength(1)
    expect(await listStamps()).toHaveLength(1)
    expect(await getSetting('locale')).toBe('en')
  })

  it('an HTML answer for a data file (SPA fallback) is an error, not data', async () => {
    const fetcher = (async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } })) as typeof fetch
    await expect(updateSnapshot({ fetcher })).rejects.toMatchObject({ kind: 'network' })
    expect(await (await getDb()).count('spots')).toBe(0)
  })

  it('stamps: one per checkpoint, a second check-in adds nothing', async () => {
    const stamp = { key: 'r/c', rallyId: 'r', checkpointId: 'c', at: '2026-01-01T00:00:00Z', method: 'qr' as const }
    expect((await addStamp(stamp)).added).toBe(true)
    expect((await addStamp({ ...stamp, at: '2026-02-01T00:00:00Z' })).added).toBe(false)
    expect(await listStamps()).toEqual([stamp])
  })
})

describe('the records after an import (issue 18)', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows the records just imported without reading them back, in the order a later read gives them', async () => {
    // A file that lists its records out of key order: the lists must not depend on whether they came from the import.
    const snapshot = await variantSnapshot((b) => {
      b.spots = [...b.spots].reverse()
      b.rallies = [...b.rallies].reverse()
    })
    const store = useSnapshotStore()
    const records = useRecordsStore()
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll')
    await store.refresh(fakeFetch({ '/data/snapshot.json': JSON.stringify(snapshot) }))
    await vi.waitFor(() => expect(records.loaded).toBe(true))
    expect(getAll).not.toHaveBeenCalled()
    expect(records.municipalities).toHaveLength(snapshot.municipalities.length)
    const fromImport = { spots: records.spots.map((s) => s.id), rallies: records.rallies.map((r) => r.id) }
    expect(new Set(fromImport.spots)).toEqual(new Set(snapshot.spots.map((s) => s.id)))
    // Another revision without an import (e.g. another tab wrote the data): the database is read, same lists.
    const imported = records.spots
    store.revision++
    await vi.waitFor(() => expect(records.spots).not.toBe(imported))
    expect(getAll).toHaveBeenCalled()
    expect(records.spots.map((s) => s.id)).toEqual(fromImport.spots)
    expect(records.rallies.map((r) => r.id)).toEqual(fromImport.rallies)
  })
})

describe('start-up read (issue 18)', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('reads the stored meta and records at once, shows them only after the first render, and the records are not read twice', async () => {
    const snapshot = loadCommittedSnapshot()
    await replaceSnapshot(snapshot)
    const store = useSnapshotStore()
    const records = useRecordsStore()
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll')
    let rendered!: () => void
    const afterRender = new Promise<void>((resolve) => (rendered = resolve))
    const init = store.init(fakeFetch({ '/data/snapshot-meta.json': JSON.stringify({ hash: snapshot.hash }) }), { showAfter: afterRender, checkAfter: afterRender })
    // The read runs before the render…
    await vi.waitFor(() => expect(getAll.mock.calls.length).toBeGreaterThanOrEqual(7))
    const reads = getAll.mock.calls.length
    // …but nothing shows until it is done (a prerendered page is hydrated without data).
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(store.status).toBe('loading')
    expect(records.loaded).toBe(false)
    rendered()
    await init
    await vi.waitFor(() => expect(records.loaded).toBe(true))
    expect(store.status).toBe('ready')
    expect(records.spots).toHaveLength(snapshot.spots.length)
    expect(getAll.mock.calls.length).toBe(reads)
  })

  it("keeps the boot script's mark of the stored snapshot true: an old mark becomes the stored hash, and goes when nothing is stored", async () => {
    const offline = fakeFetch({ '/data/snapshot-meta.json': new Error('offline'), '/data/snapshot.json': new Error('offline') })
    const snapshot = loadCommittedSnapshot()
    await replaceSnapshot(snapshot)
    // A device marked by a version before the hash was kept.
    localStorage.setItem(SNAPSHOT_STORED_KEY, '1')
    await useSnapshotStore().init(offline)
    expect(localStorage.getItem(SNAPSHOT_STORED_KEY)).toBe(snapshot.hash)
    // The database emptied (the browser evicted it), the mark left behind.
    await closeDb()
    indexedDB.deleteDatabase(DB_NAME)
    setActivePinia(createPinia())
    await useSnapshotStore().init(offline)
    expect(localStorage.getItem(SNAPSHOT_STORED_KEY)).toBeNull()
  })
})
