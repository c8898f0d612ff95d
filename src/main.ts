import { createApp } from 'vue'
import App from './App.vue'
import './composables/useInstallPrompt' // listens for the install offer, which comes once, early
import { installI18n } from './modules/i18n'
import { installPinia } from './modules/pinia'
import { installRouter } from './modules/router'
import { useSnapshotStore } from './stores/snapshot'
import { useUserDataStore } from './stores/user-data'
import './styles.css'

async function start() {
  const app = createApp(App)
  const pinia = installPinia(app)
  // Read the stored data now, while the language and the route load (the first render then has it sooner);
  // the network check and any import wait until after the first render, so they never delay it.
  let mounted!: () => void
  void useSnapshotStore(pinia).init(undefined, { checkAfter: new Promise<void>((resolve) => (mounted = resolve)) })
  void useUserDataStore(pinia).ensureLoaded()
  const router = installRouter(app)
  await Promise.all([installI18n(app), router.isReady().catch(() => undefined)])
  app.mount('#app')
  mounted()
}

void start()
