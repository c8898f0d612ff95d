/**
 * Work that runs in a task of its own, after the current one (and the render it causes) has finished. A newer
 * call replaces the pending one; pending work is dropped when the component goes.
 */
import { onScopeDispose } from 'vue'

export function useNextTask() {
  let timer: ReturnType<typeof setTimeout> | null = null
  function run(work: () => void) {
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      work()
    }, 0)
  }
  /** Each piece of work in a task of its own, in order; a newer call replaces what is still pending. */
  function runEach(works: ReadonlyArray<() => void>) {
    const [first, ...rest] = works
    if (first)
      run(() => {
        first()
        runEach(rest)
      })
  }
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  })
  return { run, runEach }
}
