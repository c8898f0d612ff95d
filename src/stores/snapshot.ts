/**
 * The state of the region's data on this device: which version is stored,
 * whether an import or update is running, and what went wrong in plain words.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { DbUnavailableError, getTabState, isMemoryMode, isQuotaError, onDbEvent, onStorageError, type SnapshotMeta, type StorageWriteError } from '@/data/db'
import { readStoredSnapshot, type StoredSnapshot } from '@/data/repositories/snapshot-repo'
import { SnapshotLoadError, updateSnapshot, type LoadFailure } from '@/data/snapshot-loader'
import { keepSnapshotMark } from '@/data/early-snapshot'
import { prepareFirstVisit, updateSnapshotOffThread } from '@/data/snapshot-update'
import { inKeyOrder, type SnapshotRecords } from '@/domain/record-order'

export type DataStatus = 'loading' | 'importing' | 'ready' | 'empty'
/**
 * What went wrong, each with a plain-words message (data.error.<problem>):
 * quota: the device's storage is full (an import or a personal write failed).
 * notSaved: a personal write (favorite, stamp, setting) failed for another reason.
 * readOnly: the person tried to save while the app runs from memory.
 */
export type DataProblem = LoadFailure | 'newerDb' | 'dbUnavailable' | 'quota' | 'notSaved' | 'readOnly' | 'slowRead'

/**
 * How long the start-up read of the stored data may take, in time the page is visible, before the person is told
 * (`slowRead`). WebKit once never answered it, for a page opened while the one before it was left during an import
 * (BENCHMARKS.md): every page of that visit stayed without data, and nothing said why.
 */
export const READ_TIMEOUT_MS = 15_000

/** True once `reading` has taken `ms` of time the page was visible; false as soon as it settles, if that is first. */
function tooSlow(reading: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let timer = setTimeout(check, ms)
    function check() {
      // A hidden page's timers run late or all at once on return: its time does not count.
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') timer = setTimeout(check, ms)
      else resolve(true)
    }
    const answered = () => {
      clearTimeout(timer)
      resolve(false)
    }
    void reading.then(answered, answered)
  })
}

export const useSnapshotStore = defineStore('snapshot', () => {
  const status = ref<DataStatus>('loading')
  const meta = shallowRef<SnapshotMeta | null>(null)
  const problem = ref<DataProblem | null>(null)
  const problemDetail = ref('')
  const justUpdated = ref(false)
  /** Bumped whenever the stored snapshot changes; record stores watch it. */
  const revision = ref(0)

  /** IndexedDB is unavailable or hung: data is shown from memory, nothing personal can be saved. */
  const readOnly = ref(isMemoryMode())

  const hasData = computed(() => meta.value !== null)

  /** versionchange: another tab opened a newer version (this tab let go: reload). blocked: this tab waits for others to close. */
  const tabState = ref<'versionchange' | 'blocked' | null>(getTabState())

  onDbEvent((event) => {
    if (event === 'memory') readOnly.value = true
    if (event === 'versionchange' || event === 'blocked') tabState.value = event
    else if (event === 'unblocked' && tabState.value === 'blocked') tabState.value = null
  })
  onStorageError((error: StorageWriteError) => {
    problem.value = error.kind === 'quota' ? 'quota' : error.kind === 'read-only' ? 'readOnly' : 'notSaved'
    problemDetail.value = error.message
  })

  function fail(error: unknown) {
    if (error instanceof DbUnavailableError) {
      problem.value = error.reason === 'newer-version' ? 'newerDb' : 'dbUnavailable'
    } else if (isQuotaError(error)) {
      problem.value = 'quota'
    } else if (error instanceof SnapshotLoadError) {
      problem.value = error.kind
    } else {
      problem.value = 'storage'
    }
    problemDetail.value = error instanceof Error ? error.message : String(error)
  }

  /**
   * Records this store already has for the stored snapshot: read with its meta at start-up, or just
   * imported (then put in key order). The records store takes them once; a later change is read anew.
   */
  let held: { hash: string; records: SnapshotRecords } | null = null
  function takeRecords(): SnapshotRecords | null {
    const taken = held && held.hash === meta.value?.hash ? held.records : null
    held = null
    return taken
  }

  let inFlight: Promise<void> | null = null
  /** Check the server and import a newer snapshot; a call while one runs joins it (no second download). */
  function refresh(fetcher?: typeof fetch): Promise<void> {
    inFlight ??= doRefresh(fetcher).finally(() => {
      inFlight = null
    })
    return inFlight
  }

  async function doRefresh(fetcher?: typeof fetch) {
    if (!hasData.value) status.value = 'importing'
    try {
      // A given fetcher (tests) runs on this thread; the app's own check runs in a worker where it can.
      const result = fetcher ? await updateSnapshot({ fetcher }) : await updateSnapshotOffThread()
      if (result.status === 'imported') {
        justUpdated.value = meta.value !== null
        held = result.snapshot ? { hash: result.meta.hash, records: inKeyOrder(result.snapshot) } : null
        meta.value = result.meta
        revision.value++
      }
      problem.value = null
    } catch (error) {
      fail(error)
    } finally {
      status.value = meta.value ? 'ready' : 'empty'
    }
  }

  /**
   * Show what is stored; false when storage cannot be read. `reading` is the read (meta and records in
   * one transaction), started by init as early as it could be.
   */
  async function readStored(reading: Promise<StoredSnapshot>): Promise<boolean> {
    try {
      const stored = await reading
      meta.value = stored.meta ?? null
      held = stored.meta && stored.records ? { hash: stored.meta.hash, records: stored.records } : null
    } catch (error) {
      fail(error)
      status.value = 'empty'
      return false
    }
    if (meta.value) {
      status.value = 'ready'
      revision.value++
    }
    return true
  }

  /** Look for a newer snapshot (always when nothing is stored; otherwise when the device says it is online). */
  async function checkForUpdate(fetcher?: typeof fetch) {
    if (!meta.value || navigator.onLine !== false) await refresh(fetcher)
  }

  /**
   * Read what is stored, show it, then look for a newer snapshot when online. The read starts at once;
   * `showAfter`: wait for it before showing what was read (start-up passes the hydration of the
   * prerendered page, which must match the page as built: without data). `checkAfter`: wait for it
   * before the network check (start-up passes the first render, so the check and any import never
   * delay it). A read that takes longer than `readTimeoutMs` (READ_TIMEOUT_MS) is said (`slowRead`), and
   * its answer is still taken whenever it comes; the person's own data is read apart and is not affected.
   */
  async function init(fetcher?: typeof fetch, options: { showAfter?: Promise<unknown>; checkAfter?: Promise<unknown>; readTimeoutMs?: number } = {}) {
    const reading = readStoredSnapshot()
    // The boot script's mark follows what the database holds, as soon as it is read (not after the first render: an
    // import in another tab meanwhile has the last word). Running from memory, nothing is stored.
    reading.then((stored) => keepSnapshotMark(isMemoryMode() ? null : (stored.meta?.hash ?? null))).catch(() => undefined)
    // A first visit whose download the page's boot script started: its worker reads it now; the write still waits.
    if (!fetcher) prepareFirstVisit()
    await options.showAfter
    if (await tooSlow(reading, options.readTimeoutMs ?? READ_TIMEOUT_MS)) {
      problem.value = 'slowRead'
      problemDetail.value = ''
      status.value = 'empty'
    }
    if (!(await readStored(reading))) return
    if (problem.value === 'slowRead') problem.value = null
    await options.checkAfter
    await checkForUpdate(fetcher)
  }

  function dismissProblem() {
    problem.value = null
    justUpdated.value = false
  }

  return { status, meta, problem, problemDetail, justUpdated, revision, hasData, readOnly, tabState, init, refresh, dismissProblem, takeRecords }
})
