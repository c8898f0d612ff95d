/**
 * The app under test in one engine: a driver session (drivers.mjs) plus the
 * production test build served on 127.0.0.1, and the few actions a journey needs:
 * goto, reload, find (by test id, CSS, text, label, role), click, type, upload,
 * evaluate, screenshot, stop/start the server, set the clock and the position.
 *
 * Elements are found in the page (the same finder in every engine), marked with a
 * data attribute, then clicked or typed into through the engine's own input
 * (Playwright, Puppeteer, WebDriver element commands): real events, as a person's.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { startServer } from '../../../scripts/serve.mjs'
import { openEngine } from './drivers.mjs'

export const BUILD_DIR = 'dist-engines'
export const SHOTS = process.env.E2E_SHOTS ?? 'test-results/engines'

/**
 * The in-page finder. `q`: { testId, css, text, label, role, within, nth, all }.
 * `text` is a substring, or { re, flags }. `within` is itself a query. `label` finds the <label>
 * (clicking it checks its control).
 * Only visible elements count.
 */
const FINDER = `function find(q, root) {
  root = root || document
  if (q.within) {
    const scopes = find(Object.assign({}, q.within, { all: true }), root)
    const out = []
    for (const s of scopes) for (const el of find(Object.assign({}, q, { within: undefined, all: true, nth: undefined }), s)) if (!out.includes(el)) out.push(el)
    return q.all ? out : out[q.nth || 0] ? [out[q.nth || 0]] : []
  }
  const ROLES = {
    button: 'button, [role="button"], input[type="button"], input[type="submit"]',
    link: 'a[href], [role="link"]',
    heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
    textbox: 'input:not([type]), input[type="text"], input[type="search"], textarea, [role="textbox"]',
    checkbox: 'input[type="checkbox"], [role="checkbox"]',
    radio: 'input[type="radio"], [role="radio"]',
    navigation: 'nav, [role="navigation"]',
  }
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim()
  const matches = (s) => (q.text === undefined ? true : typeof q.text === 'string' ? norm(s).includes(norm(q.text)) : new RegExp(q.text.re, q.text.flags || '').test(norm(s)))
  const visible = (el) => !!(el.getClientRects().length || el.type === 'file') || (el.type === 'checkbox' || el.type === 'radio')
  let list
  if (q.label !== undefined) {
    list = []
    for (const label of root.querySelectorAll('label')) {
      const text = norm(label.textContent)
      const ok = typeof q.label === 'string' ? text === norm(q.label) || text.includes(norm(q.label)) : new RegExp(q.label.re, q.label.flags || '').test(text)
      if (ok) list.push(label) // clicking a label toggles its control, visible or not
    }
  } else {
    const css = q.testId ? '[data-testid="' + q.testId + '"]' : q.css || (q.role ? ROLES[q.role] : '*')
    list = Array.from(root.querySelectorAll(css))
    if (q.role && q.text !== undefined) list = list.filter((el) => matches(el.getAttribute('aria-label')) || matches(el.textContent || el.value))
    else list = list.filter((el) => matches(el.textContent))
  }
  list = list.filter(visible)
  return q.all ? list : list[q.nth || 0] ? [list[q.nth || 0]] : []
}`

export async function openApp(engine, { overrides, timezone, viewport } = {}) {
  const session = await openEngine(engine, { timezone, viewport })
  let server = await startServer({ port: 0, dir: BUILD_DIR, overrides })
  const port = server.port
  const base = `http://127.0.0.1:${port}`
  let marks = 0
  mkdirSync(SHOTS, { recursive: true })

  async function locate(q, { timeout = 15_000 } = {}) {
    const mark = `m${++marks}`
    const deadline = Date.now() + timeout
    for (;;) {
      const found = await session
        .evaluate(`(arg) => { ${FINDER}; const el = find(arg.q)[0]; if (!el) return false; el.setAttribute('data-e2e-hit', arg.mark); return true }`, { q, mark })
        .catch(() => false) // navigating: try again
      if (found) return `[data-e2e-hit="${mark}"]`
      if (Date.now() > deadline) {
        // What the screen showed instead: a screenshot and the start of the page's text, for the report.
        const shot = `failed-${mark}`
        await app.screenshot(shot).catch(() => undefined)
        const seen = await session.evaluate(`() => document.querySelector('main')?.innerText.replace(/\\s+/g, ' ').slice(0, 200) ?? ''`, null).catch(() => '')
        throw new Error(`${engine}: not found within ${timeout} ms: ${JSON.stringify(q)} (screen: ${SHOTS}/${engine}-${shot}.png; main: ${JSON.stringify(seen)})`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  async function mounted() {
    for (let i = 0; i < 150; i++) {
      if (await session.evaluate('() => !!document.getElementById("app")?.__vue_app__')) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error('the app did not mount within 15 s')
  }

  const app = {
    engine,
    session,
    base,
    url: (path) => `${base}${path}`,
    // The main routes arrive prerendered, so a heading is on screen before the app runs: a journey's next
    // step waits until the app has mounted (hydrated) the page, as a person's tap would find it working.
    goto: (path) => session.goto(`${base}${path}`).then(mounted),
    reload: () => session.reload().then(mounted),
    evaluate: (fn, arg) => session.evaluate(typeof fn === 'function' ? fn.toString() : fn, arg),
    /** Waits until the query matches a visible element; resolves to its text. */
    async waitFor(q, options) {
      const css = await locate(q, options)
      return app.evaluate((s) => document.querySelector(s)?.textContent.replace(/\s+/g, ' ').trim() ?? '', css)
    },
    /** The texts of every visible match, now (no waiting). */
    texts: (q) => session.evaluate(`(q) => { ${FINDER}; return find(Object.assign({}, q, { all: true })).map((el) => el.textContent.replace(/\\s+/g, ' ').trim()) }`, q),
    count: (q) => app.texts(q).then((t) => t.length),
    /** An attribute (or a property such as `value` / `checked` with `prop: true`). */
    async attr(q, name, { prop = false } = {}) {
      const css = await locate(q)
      return app.evaluate((a) => { const el = document.querySelector(a.css); return a.prop ? el?.[a.name] : el?.getAttribute(a.name) }, { css, name, prop })
    },
    /** Polls `fn` in the page until it returns a truthy value; resolves to it. */
    async until(fn, arg, { timeout = 15_000, what = 'condition' } = {}) {
      const deadline = Date.now() + timeout
      for (;;) {
        // A page promise that never settles must not hang the suite: each try gives up with the deadline.
        const left = Math.max(100, deadline - Date.now())
        const value = await Promise.race([app.evaluate(fn, arg).catch(() => undefined), new Promise((r) => setTimeout(() => r(undefined), left))])
        if (value) return value
        if (Date.now() > deadline) throw new Error(`${engine}: ${what} not met within ${timeout} ms`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
    /** Scrolls the element to the middle of the screen (clear of the fixed header and navigation) and clicks it. */
    async click(q) {
      const css = await locate(q)
      await app.evaluate((s) => document.querySelector(s)?.scrollIntoView({ block: 'center', inline: 'center' }), css)
      await session.click(css)
    },
    async type(q, text) {
      await session.type(await locate(q), text)
    },
    /** Drags the centre of `from` to the point `to.dy` px below the centre of `to` (both scrolled into view first). */
    async drag(from, to) {
      const [a, b] = [await locate(from), await locate(to)]
      const points = await app.evaluate(([a, b, dy]) => {
        document.querySelector(a).scrollIntoView({ block: 'center' })
        const centre = (s) => { const r = document.querySelector(s).getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 } }
        const to = centre(b)
        return [centre(a), { x: to.x, y: to.y + dy }]
      }, [a, b, to.dy ?? 0])
      await session.drag(points[0], points[1])
    },
    async upload(q, path) {
      await session.upload(await locate(q), path)
    },
    screenshot: (name) => session.screenshot(join(SHOTS, `${engine}-${name}.png`)),
    path: () => app.evaluate(() => location.pathname + location.search),
    async stopServer() {
      await server?.close()
      server = null
    },
    async startServer(options = {}) {
      await server?.close()
      server = await startServer({ port, dir: BUILD_DIR, ...options })
    },
    /** Resolves once the service worker is active and controls the page (precache complete). */
    async waitForServiceWorker() {
      await app.until(() => navigator.serviceWorker.ready.then((r) => r.active?.state === 'activated'), null, { timeout: 30_000, what: 'service worker active' }).catch(async (error) => {
        // Say where it stopped (installing with nothing cached yet, waiting, none registered…).
        const state = await app.evaluate(() => navigator.serviceWorker.getRegistration().then(async (r) => JSON.stringify({ installing: r?.installing?.state, waiting: r?.waiting?.state, active: r?.active?.state, cached: (await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).length))).reduce((a, b) => a + b, 0) }))).catch(() => 'unknown')
        throw new Error(`${error.message}; registration: ${state}`)
      })
    },
    /** Japan time the app sees from the next load on (test build hook). */
    setClock: (iso) => app.evaluate((v) => localStorage.setItem('e2e:now', v), iso),
    /** The device position geolocation answers with from the next load on (test build hook); null = denied. */
    setPosition: (p) => app.evaluate((v) => localStorage.setItem('e2e:geo', JSON.stringify(v ?? 'denied')), p),
    /** Console errors, uncaught errors and CSP violations recorded in this tab (test build hook). */
    errors: () => app.evaluate(() => JSON.parse(sessionStorage.getItem('e2e:errors') || '[]')),
    clearErrors: () => app.evaluate(() => sessionStorage.removeItem('e2e:errors')),
    /** Files saved through download links in this tab: [{ name, text }] (test build hook). */
    downloads: () => app.evaluate(() => JSON.parse(sessionStorage.getItem('e2e:downloads') || '[]')),
    /** Whether any screen content is wider than the viewport. */
    overflow: () => app.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })),
    async close() {
      await session.close()
      await server?.close()
    },
  }
  return app
}
