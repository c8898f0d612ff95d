/**
 * What the reliability suites visit and attack. Extend these lists when a
 * feature lands (a new route, a new text or link field): every reliability
 * check (offline deep links, CSP journey, XSS, privacy) then covers it.
 */

/**
 * Every screen: `path` (built from the snapshot), `expect` (a text from the
 * snapshot that proves the screen rendered real records from IndexedDB; null
 * when the screen shows no record yet), and optional `actions` run on the page
 * during journeys (open sheets/popups, press buttons) so they are covered too.
 */
export const ROUTES = [
  { name: 'home', path: () => '/', expect: (s) => s.spots[0].name.ja },
  { name: 'spot detail', path: (s) => `/spots/${s.spots[0].id}`, expect: (s) => s.spots[0].name.ja },
  { name: 'map', path: () => '/map', expect: (s) => s.municipalities[0].name.ja },
  { name: 'events', path: () => '/events', expect: (s) => s.events[0]?.name.ja ?? null },
  { name: 'rally', path: () => '/rally', expect: (s) => s.rallies[0]?.name.ja ?? null },
  { name: 'living', path: () => '/living', expect: (s) => s.schemes[0]?.name.ja ?? null },
  { name: 'about', path: () => '/about', expect: (s) => s.sources[0].title.ja },
]

/** Buttons a journey presses when present (e.g. "locate me", "show on map"); add data-testids as features land. */
export const JOURNEY_BUTTONS = ['[data-testid="locate-button"]', '[data-testid="check-in-button"]', '[data-testid="near-me"]']

/** Text fields of each record kind that reach the screen (Localized {ja,en} or plain strings). */
export const TEXT_FIELDS = {
  sources: ['title', 'publisher', 'credit', 'licence'],
  municipalities: ['name', 'prefecture'],
  spots: ['name', 'kana', 'description', 'address', 'hours', 'closed', 'fees', 'access', 'parking', 'barrierFree'],
  routes: ['name', 'description'],
  events: ['name', 'description', 'dateNote', 'venue', 'fees', 'organizer'],
  schemes: ['name', 'summary', 'audienceText', 'benefit', 'howToApply'],
  rallies: ['name', 'description'],
}

/** Short fields (max 500 characters in the schema). */
export const SHORT_FIELDS = new Set(['name', 'title', 'publisher', 'prefecture', 'venue', 'organizer', 'address', 'kana', 'licence'])

/** Markup and script payloads; each must be shown as text, never run. */
export const XSS_PAYLOADS = [
  '<img src=x onerror="alert(\'xss-img\')">',
  '<script>alert("xss-script")</script>',
  '<svg onload=alert("xss-svg")>',
  '"><iframe src="javascript:alert(\'xss-iframe\')"></iframe>',
  'javascript:alert("xss-js")',
  '{{ constructor.constructor("alert(\'xss-template\')")() }}',
]

/** Wait until a screen shows the text expected from the snapshot (or its h1). */
export async function waitForScreen(page, route, snapshot, timeout = 15_000) {
  await page.locator('main h1').first().waitFor({ timeout })
  const text = route.expect(snapshot)
  if (text) await page.getByText(text, { exact: false }).first().waitFor({ timeout })
  return text
}

/** Read every record of the given stores straight from IndexedDB in the page. */
export function dumpIdb(page, stores) {
  return page.evaluate(
    (names) =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('yume-kairo')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const wanted = names ?? [...db.objectStoreNames]
          const tx = db.transaction(wanted)
          const out = {}
          for (const name of wanted) {
            const r = tx.objectStore(name).getAll()
            r.onsuccess = () => (out[name] = r.result)
          }
          tx.oncomplete = () => {
            db.close()
            resolve(out)
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    stores ?? null,
  )
}
