/**
 * The state of the region's data on this device: which version is stored,
 * whether an import or update is running, and what went wrong in plain words.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { DbUnavailableError, type SnapshotMeta } from '@/data/db'
import { getSnapshotMeta } from '@/data/repositories/snapshot-repo'
import { SnapshotLoadError, updateSnapshot, type LoadFailure } from '@/data/snapshot-loader'

export type DataStatus = 'loading' | 'importing' | 'ready' | 'empty'
export type DataProblem = LoadFailure | 'newerDb' | 'dbUnavailable'

export const useSnapshotStore = defineStore('snapshot', () => {
  const status = ref<DataStatus>('loading')
  const meta = shallowRef<SnapshotMeta | null>(null)
  const problem = ref<DataProblem | null>(null)
  const problemDetail = ref('')
  const justUpdated = ref(false)
  /** Bumped whenever the stored snapshot changes; record stores watch it. */
  const revision = ref(0)

  const hasData = computed(() => meta.value !== null)

  function fail(error: unknown) {
    if (error instanceof DbUnavailableError) {
      problem.value = error.reason === 'newer-version' ? 'newerDb' : 'dbUnavailable'
    } else if (error instanceof SnapshotLoadError) {
      problem.value = error.kind
    } else {
      problem.value = 'storage'
    }
    problemDetail.value = error instanceof Error ? error.message : String(error)
  }

  async function refresh(fetcher?: typeof fetch) {
    if (!hasData.value) status.value = 'importing'
    try {
      const result = await updateSnapshot({ fetcher })
      if (result.status === 'imported') {
        justUpdated.value = meta.value !== null
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

  /** Read what is stored, show it, then look for a newer snapshot when online. */
  async function init(fetcher?: typeof fetch) {
    try {
      meta.value = (await getSnapshotMeta()) ?? null
    } catch (error) {
      fail(error)
      status.value = 'empty'
      return
    }
    if (meta.value) {
      status.value = 'ready'
      revision.value++
    }
    if (!meta.value || navigator.onLine !== false) await refresh(fetcher)
  }

  function dismissProblem() {
    problem.value = null
    justUpdated.value = false
  }

  return { status, meta, problem, problemDetail, justUpdated, revision, hasData, init, refresh, dismissProblem }
})
