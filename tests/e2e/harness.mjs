/**
 * The Chromium-only suites: real headless Chromium (Debian's /usr/bin/chromium) driven by
 * playwright-core against the production build in dist/, served on 127.0.0.1. They use
 * what only Playwright's Chromium offers (request logs, clock, geolocation emulation, CDP);
 * the journeys every engine must pass are in engines.e2e.mjs (tests/e2e/engines/).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from '../../scripts/serve.mjs'
import { CHROMIUM_ARGS, PATHS } from './engines/drivers.mjs'

export { CHROMIUM_ARGS }
export const CHROMIUM_PATH = PATHS.chromium
/**
 * A place card in a final list: a prerendered first screen's places (src/domain/first-screen.ts) match only when the
 * page was built from the snapshot the device holds (the boot script takes the list's busy mark off before the app
 * runs); otherwise only the stored (or just imported) ones do. What the benches time as the stored list's paint.
 */
export const FINAL_PLACE = '[data-testid="spot-list"]:not([aria-busy="true"]) [data-testid="spot-card"]'
/**
 * A place card once the app has read the stored (or just imported) data and shows it: a final list on a page that
 * shows the data's date. Waiting for it means "the data is read, the page is the app's".
 */
export const STORED_PLACE = `main:has([data-testid="data-as-of"]) ${FINAL_PLACE}`

export function assertChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium fonts-ipafont-gothic (or set CHROMIUM_PATH).`)
  }
}

/**
 * A browser profile of its own plus a server that can be stopped and started
 * again on the same port (same origin: the service worker and IndexedDB stay).
 */
export async function openApp({ viewport = { width: 390, height: 844 }, locale = 'ja-JP', overrides } = {}) {
  assertChromium()
  const profile = mkdtempSync(join(tmpdir(), 'yume-e2e-'))
  let server = await startServer({ port: 0, overrides })
  const port = server.port
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport, locale, timezoneId: 'Asia/Tokyo' })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors = []
  page.on('pageerror', (error) => errors.push(String(error)))
  const requests = []
  context.on('request', (request) => requests.push(request.url()))
  const base = `http://127.0.0.1:${port}`
  return {
    context,
    page,
    base,
    errors,
    requests,
    url: (path) => `${base}${path}`,
    async stopServer() {
      await server?.close()
      server = null
    },
    async startServer(options = {}) {
      await server?.close()
      server = await startServer({ port, ...options })
    },
    /** Wait until the service worker is active (precache complete). */
    async waitForServiceWorker() {
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready
        return registration.active?.state
      })
    },
    async close() {
      await context.close().catch(() => undefined)
      await server?.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
