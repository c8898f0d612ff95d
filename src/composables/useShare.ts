import { ref } from 'vue'

export type ShareOutcome = 'shared' | 'copied' | 'failed' | 'cancelled'

/** Web Share API when the device has it, else copy the link; `outcome` drives a visible confirmation. */
export function useShare() {
  const outcome = ref<ShareOutcome | null>(null)
  const url = ref('')
  async function share(data: { title: string; url: string }) {
    url.value = data.url
    outcome.value = null
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share(data)
        outcome.value = 'shared'
        return
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') {
          outcome.value = 'cancelled'
          return
        }
      }
    }
    try {
      await navigator.clipboard.writeText(data.url)
      outcome.value = 'copied'
    } catch {
      outcome.value = 'failed'
    }
  }
  return { share, outcome, url }
}
