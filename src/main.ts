import { createApp } from 'vue'
import App from './App.vue'
import { installI18n } from './modules/i18n'
import { installPinia } from './modules/pinia'
import { installRouter } from './modules/router'
import { useSnapshotStore } from './stores/snapshot'
import './styles.css'

async function start() {
  const app = createApp(App)
  const pinia = installPinia(app)
  // Start reading the stored data now: it does not depend on the language or the route,
  // which load meanwhile (the first render then has the data sooner).
  void useSnapshotStore(pinia).init()
  const router = installRouter(app)
  await Promise.all([installI18n(app), router.isReady().catch(() => undefined)])
  app.mount('#app')
}

void start()
