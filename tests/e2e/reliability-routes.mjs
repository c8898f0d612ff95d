/**
 * What the reliability suites visit and attack. Extend these lists when a
 * feature lands (a new route, a new text or link field): every reliability
 * check (offline deep links, CSP journey, XSS, privacy) then covers it.
 */

/** The first place Home lists: the first must-see pick in the towns' order (src/domain/highlights.ts), else the first spot. */
const TOWN_ORDER = ['35203', '35202', '35204', '35206', '35213', '35216', '32501']
const homeFirstSpot = (s) => s.spots.filter((x) => x.highlight).sort((a, b) => TOWN_ORDER.indexOf(a.municipality) - TOWN_ORDER.indexOf(b.municipality) || (a.id < b.id ? -1 : 1))[0] ?? s.spots[0]

const town = (s, code) => s.municipalities.find((m) => m.code === code)?.name.ja ?? null

/** Open a marker's bottom sheet on the map (through the list's "show on map", the keyboard path to the same sheet). */
async function openMapSheet(page) {
  await page.getByTestId('view-list').click()
  await page.locator('.map-list__show').first().click()
  await page.getByTestId('map-sheet').waitFor({ timeout: 10_000 })
}

/** Sort the spot list by distance (uses the position), when the button is there. */
async function sortSpotsByDistance(page) {
  await page.getByRole('button', { name: /^(近い順|Distance)$/ }).click()
}

/**
 * Every screen: `path` (built from the snapshot), `expect` (a text from the
 * snapshot that proves the screen rendered real records from IndexedDB; null
 * when the screen shows no record yet), and optional `actions` run on the page
 * during journeys (open sheets/popups, press buttons) so they are covered too.
 */
export const ROUTES = [
  { name: 'home', path: () => '/', expect: (s) => homeFirstSpot(s).name.ja },
  { name: 'spots', path: () => '/spots', expect: (s) => s.spots[0].name.ja, actions: sortSpotsByDistance },
  { name: 'spot detail', path: (s) => `/spots/${s.spots[0].id}`, expect: (s) => s.spots[0].name.ja },
  { name: 'map', path: () => '/map', expect: (s) => s.municipalities[0].name.ja, actions: openMapSheet },
  { name: 'events', path: () => '/events', expect: (s) => s.events[0]?.name.ja ?? null },
  { name: 'event detail', path: (s) => `/events/${s.events[0].id}`, expect: (s) => s.events[0].name.ja },
  { name: 'routes', path: () => '/routes', expect: (s) => s.routes[0].name.ja },
  { name: 'route detail', path: (s) => `/routes/${s.routes[0].id}`, expect: (s) => s.routes[0].stops[0].name.ja },
  { name: 'search', path: (s) => `/search?q=${encodeURIComponent(s.spots[0].name.ja)}`, expect: (s) => s.spots[0].name.ja },
  { name: 'saved', path: () => '/saved', expect: () => null },
  { name: 'rally', path: () => '/rally', expect: (s) => s.rallies[0]?.name.ja ?? null },
  { name: 'rally detail', path: (s) => `/rally/${s.rallies[0].id}`, expect: (s) => s.rallies[0].checkpoints[0].name.ja },
  { name: 'living', path: () => '/living', expect: (s) => s.schemes[0]?.name.ja ?? null },
  { name: 'living match', path: () => '/living/match', expect: () => null },
  { name: 'living towns', path: () => '/living/towns', expect: (s) => s.municipalities[0].name.ja },
  { name: 'living town', path: () => '/living/towns/35203', expect: (s) => town(s, '35203') },
  { name: 'living compare', path: () => '/living/compare?towns=35203,35204', expect: (s) => town(s, '35204') },
  { name: 'about', path: () => '/about', expect: (s) => s.sources[0].title.ja },
]

/** Buttons a journey presses when present (the first visible, enabled one of each): locate me, check in here, near me. */
export const JOURNEY_BUTTONS = ['[data-testid="locate"]', '[data-testid="checkin-gps"]', '[data-testid="near-me"]']

/** Visit a route and use it: press the journey buttons, run the route's own actions. */
export async function runJourney(page, route) {
  for (const selector of JOURNEY_BUTTONS) {
    for (const button of await page.locator(selector).all()) {
      if ((await button.isVisible()) && (await button.isEnabled())) {
        await button.click()
        break
      }
    }
  }
  if (route.actions) await route.actions(page)
}

/**
 * Text fields of each record kind that reach the screen (Localized {ja,en} or plain strings).
 * A dotted path reaches nested records; `*` walks an array (route stops, rally checkpoints).
 */
export const TEXT_FIELDS = {
  sources: ['title', 'publisher', 'credit', 'licence'],
  municipalities: ['name', 'prefecture'],
  spots: ['name', 'kana', 'description', 'address', 'hours', 'closed', 'fees', 'access', 'parking', 'barrierFree', 'sourceRef'],
  routes: ['name', 'description', 'stops.*.name', 'stops.*.note'],
  events: ['name', 'description', 'dateNote', 'venue', 'fees', 'organizer', 'sourceRef'],
  schemes: ['name', 'summary', 'audienceText', 'benefit', 'howToApply', 'contact.name'],
  rallies: ['name', 'description', 'reward.text', 'checkpoints.*.name'],
}

/** Link fields (https only in the schema): each gets an https link with markup in its query, which must stay a plain href. */
export const LINK_FIELDS = {
  sources: ['url'],
  municipalities: ['website'],
  spots: ['url'],
  events: ['url'],
  schemes: ['contact.url'],
}

/** Short fields (max 500 characters in the schema). */
export const SHORT_FIELDS = new Set(['name', 'title', 'publisher', 'prefecture', 'venue', 'organizer', 'address', 'kana', 'licence', 'sourceRef'])

/** Markup and script payloads; each must be shown as text, never run. */
/** Every payload carries markup, so a field rendered as HTML would lose some of its visible text. */
export const XSS_PAYLOADS = [
  '<img src=x onerror="alert(\'xss-img\')">',
  '<script>alert("xss-script")</script>',
  '<svg onload=alert("xss-svg")>',
  '"><iframe src="javascript:alert(\'xss-iframe\')"></iframe>',
  '<a href="javascript:alert(\'xss-js\')">javascript:alert("xss-js")</a>',
  '<b>{{ constructor.constructor("alert(\'xss-template\')")() }}</b>',
]

/** Wait until a screen shows the text expected from the snapshot (or its h1). */
export async function waitForScreen(page, route, snapshot, timeout = 15_000) {
  await page.locator('main h1').first().waitFor({ timeout })
  // A prerendered page shows its Japanese heading before the app has started; the app then keeps it (hydration) or,
  // in English, renders the page anew: read the language once the app has mounted.
  await page.waitForFunction(() => !!document.getElementById('app')?.__vue_app__, null, { timeout })
  // The expected texts are Japanese: in English only the heading is awaited.
  if ((await page.locator('html').getAttribute('lang')) !== 'ja') return null
  const text = route.expect(snapshot)
  if (text) {
    try {
      await page.getByText(text, { exact: false }).filter({ visible: true }).first().waitFor({ timeout })
    } catch (error) {
      throw new Error(`${route.name} (${page.url()}) does not show “${text}”: ${error.message.split('\n')[0]}`)
    }
  }
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
