/**
 * The platform's own way to keep the app: Chromium's install prompt (kept when the browser offers
 * it, shown on the person's tap) and whether the app already runs installed. The listener is
 * registered when this module loads (App imports it), because the event fires once, early.
 */
import { ref, shallowRef } from 'vue'
import { isIos } from '@/domain/keep-data'

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

const deferred = shallowRef<InstallPromptEvent | null>(null)
const installed = ref(false)
if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault()
    deferred.value = event as InstallPromptEvent
  })
  window.addEventListener('appinstalled', () => {
    deferred.value = null
    installed.value = true
  })
}

export function isStandalone(): boolean {
  if (typeof window === 'undefined') return false
  return window.matchMedia?.('(display-mode: standalone)').matches === true || (navigator as Navigator & { standalone?: boolean }).standalone === true
}

export function useInstallPrompt() {
  async function install(): Promise<boolean> {
    const e = deferred.value
    if (!e) return false
    deferred.value = null
    await e.prompt()
    const { outcome } = await e.userChoice
    if (outcome === 'accepted') installed.value = true
    return outcome === 'accepted'
  }
  const ios = typeof navigator !== 'undefined' && isIos(navigator.userAgent, navigator.platform, navigator.maxTouchPoints ?? 0)
  return { installable: deferred, installed, install, ios, standalone: () => isStandalone() || installed.value }
}
