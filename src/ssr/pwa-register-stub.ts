/** The prerenderer's stand-in for vite-plugin-pwa's virtual module: no service worker at build time. */
import { ref } from 'vue'

export function useRegisterSW() {
  return { needRefresh: ref(false), offlineReady: ref(false), updateServiceWorker: async () => undefined }
}
