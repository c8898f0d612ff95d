/**
 * The state of the region's data on this device: which version is stored,
 * whether an import or update is running, and what went wrong in plain words.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { DbUnavailableError, getTabState, isMemoryMode, isQuotaError, onDbEvent, onStorageError, type SnapshotMeta, type StorageWriteError } from '@/data/db'
import { getSnapshotMeta } from '@/data/repositories/snapshot-repo'
import { SnapshotLoadError, updateSnapshot, type LoadFailure } from '@/data/snapshot-loader'
import { updateSnapshotOffThread } from '@/data/snapshot-update'
import type { Snapshot } from '@/domain/snapshot-schema'

export type DataStatus = 'loading' | 'importing' | 'ready' | 'empty'
/**
 * What went wrong, each with a plain-words message (data.error.<problem>):
 * quota: the device's storage is full (an import or a personal write failed).
 * notSaved: a personal write (favorite, stamp, setting) failed for another reason.
 * readOnly: the person tried to save while the app runs from memory.
 */
export type DataProblem = LoadFailure | 'newerDb' | 'dbUnavailable' | 'quota' | 'notSaved' | 'readOnly'

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

  /** The records of the import that just finished, for the records store to take once (not reactive). */
  let imported: Snapshot | null = null
  /** The snapshot just imported, if it is the stored one; the records then need no read from the database. */
  function takeImported(): Snapshot | null {
    const taken = imported && imported.hash === meta.value?.hash ? imported : null
    imported = null
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
        imported = result.snapshot ?? null
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

  /** Read what is stored and show it; false when storage cannot be read. */
  async function readStored(): Promise<boolean> {
    try {
      meta.value = (await getSnapshotMeta()) ?? null
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
   * Read what is stored, show it, then look for a newer snapshot when online. `checkAfter`: wait for it
   * before the network check (start-up passes the first render, so the check and any import never delay it).
   */
  async function init(fetcher?: typeof fetch, options: { checkAfter?: Promise<unknown> } = {}) {
    if (!(await readStored())) return
    await options.checkAfter
    await checkForUpdate(fetcher)
  }

  function dismissProblem() {
    problem.value = null
    justUpdated.value = false
  }

  return { status, meta, problem, problemDetail, justUpdated, revision, hasData, readOnly, tabState, init, refresh, dismissProblem, takeImported }
})
