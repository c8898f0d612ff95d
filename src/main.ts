import { createApp } from 'vue'
import App from './App.vue'
import { installI18n } from './modules/i18n'
import { installPinia } from './modules/pinia'
import { installRouter } from './modules/router'
import './styles.css'

async function start() {
  const app = createApp(App)
  installPinia(app)
  const router = installRouter(app)
  await installI18n(app)
  await router.isReady().catch(() => undefined)
  app.mount('#app')
}

void start()
