/**
 * The prerenderer's entry (build time only, never shipped): renders a route of the app to HTML with
 * the same components the browser hydrates, in the state the browser hydrates them in: Japanese, no
 * data read yet (the records, the person's data and the network status arrive after hydration), except
 * the route's first screen of records (domain/first-screen), which the page carries for its hydration.
 */
import { createPinia } from 'pinia'
import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from '@/App.vue'
import ja from '@/locales/messages-ja'
import { i18n } from '@/modules/i18n'
import { routes } from '@/modules/router'
import type { FirstScreen } from '@/domain/first-screen'
import { useRecordsStore } from '@/stores/records'

export { firstScreenJson } from '@/domain/first-screen'
export { firstScreenOf } from '@/domain/first-screen-pick'

export async function render(url: string, firstScreen: FirstScreen | null = null): Promise<string> {
  const app = createSSRApp(App)
  const pinia = createPinia()
  app.use(pinia)
  useRecordsStore(pinia).showFirstScreen(firstScreen)
  i18n.global.setLocaleMessage('ja', ja)
  i18n.global.locale.value = 'ja'
  app.use(i18n)
  const router = createRouter({ history: createMemoryHistory(), routes })
  app.use(router)
  await router.push(url)
  await router.isReady()
  return renderToString(app)
}
