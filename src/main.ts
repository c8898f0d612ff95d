import { createPinia, setActivePinia } from 'pinia'
import { createApp, createSSRApp } from 'vue'
import App from './App.vue'
import './composables/useInstallPrompt' // listens for the install offer, which comes once, early
import { i18n, prepareLocale } from './modules/i18n'
import { allHydrated } from './modules/hydrate-in-turn'
import { installRouter } from './modules/router'
import { FIRST_SCREEN_ELEMENT_ID, FIRST_SCREEN_STORED, type FirstScreen } from './domain/first-screen'
import { useRecordsStore } from './stores/records'
import { useSnapshotStore } from './stores/snapshot'
import { useUserDataStore } from './stores/user-data'
import './styles.css'

/**
 * The main routes arrive prerendered (vite.config.ts, yume:prerender): Japanese, without data. That HTML
 * is hydrated when it is what this visit would render first (its route, Japanese, no query or hash);
 * otherwise the app renders on its own, replacing it. The stored data is read from the start, but
 * shown only after hydration, so the first client render matches the prerendered HTML; the stored
 * data, the person's data and the network check come right after it and fill the page's data regions. Parts of the
 * page hydrated in turns (modules/hydrate-in-turn: the header's tools, the banners, the navigation, Home's sections)
 * are hydrated in short tasks after the mount, and "after it" means after the last of them.
 * A page whose first screen shows records carries them (domain/first-screen): they are shown until then.
 */
function carriedFirstScreen(): FirstScreen | null | 'unreadable' {
  const text = document.getElementById(FIRST_SCREEN_ELEMENT_ID)?.textContent
  if (!text) return null
  try {
    return JSON.parse(text) as FirstScreen
  } catch {
    return 'unreadable'
  }
}

async function start() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const snapshot = useSnapshotStore(pinia)
  const user = useUserDataStore(pinia)
  let mounted!: () => void
  const afterMount = new Promise<void>((resolve) => (mounted = resolve))
  const root = document.getElementById('app')
  const prerendered = root?.dataset.prerendered
  const firstScreen = prerendered === location.pathname ? carriedFirstScreen() : null
  // A page whose records cannot be read back would not match its own HTML: it is rendered anew instead.
  const mayHydrate = prerendered === location.pathname && !location.search && !location.hash && firstScreen !== 'unreadable'
  // Read the stored data now, while the language and the route load, so the first screen's data is
  // ready when the app has rendered. A prerendered page is shown data-free until it is hydrated; the
  // network check and any import wait until after the first render, so they never delay it.
  void snapshot.init(undefined, mayHydrate ? { showAfter: afterMount, checkAfter: afterMount } : { checkAfter: afterMount })
  // The boot script has said whether they are the stored records (domain/first-screen): the lists it marked final stay so.
  if (mayHydrate) useRecordsStore(pinia).showFirstScreen(firstScreen, { stored: root?.dataset.firstScreen === FIRST_SCREEN_STORED })
  // The remembered language, if it differs from the copy the first render used, is applied once the hydration is done.
  await prepareLocale({ switchAfter: afterMount })
  const hydrate = mayHydrate && i18n.global.locale.value === 'ja'
  // A page being hydrated shows the person's data once the hydration is done (a part may read it before: held).
  if (hydrate) user.showAfter(afterMount)
  else void user.ensureLoaded()
  const app = hydrate ? createSSRApp(App) : createApp(App)
  app.use(pinia)
  app.use(i18n)
  const router = installRouter(app)
  await router.isReady().catch(() => undefined)
  // The first screen is rendered (or hydrated) in a task of its own: loading the route's modules, starting the
  // router and rendering were one long task on a first visit (issue 18).
  await new Promise((resolve) => setTimeout(resolve, 0))
  if (!hydrate && root) root.textContent = ''
  app.mount('#app')
  // A part hydrated in turns must see nothing change before its turn.
  if (hydrate) await allHydrated()
  mounted()
  if (hydrate) void user.ensureLoaded()
}

void start()
