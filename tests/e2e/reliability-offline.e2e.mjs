/**
 * Issue 10 in real Chromium against the production build:
 *  11 CSP — the policy is sent; a journey through every screen produces zero violations;
 *  12 privacy — with a mocked geolocation, no request URL/body and no stored byte holds the coordinates;
 *   2 offline deep links — server stopped, every route reloads and renders from IndexedDB;
 *     data files are never answered with index.html (server and service worker).
 * Screens and buttons come from reliability-routes.mjs (extend there).
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { CSP } from '../../scripts/serve.mjs'
import { openApp } from './harness.mjs'
import { dumpIdb, ROUTES, runJourney, waitForScreen } from './reliability-routes.mjs'

const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
/** Distinctive coordinates (inside 山口市): their digits must never leave memory. */
const SECRET = { latitude: 34.178496, longitude: 131.473727, accuracy: 12 }
/** Every decimal rendering of a coordinate a leak could take (full, rounded, without the point). */
const renderings = (n) => [String(n), n.toFixed(6), n.toFixed(5), n.toFixed(4), String(Math.round(n * 1e6)), String(n).replace('.', '')]
const SECRET_DIGITS = [...renderings(SECRET.latitude), ...renderings(SECRET.longitude)]
/** A position right at a real checkpoint of the committed snapshot (萩城跡, ~50 m off), used for a real GPS check-in. */
const RALLY = snapshot.rallies.find((r) => r.id === 'rally-hagi-okan')
const CHECKPOINT = RALLY.checkpoints[0]
const AT_CHECKPOINT = { latitude: Number((CHECKPOINT.point.lat + 0.000317).toFixed(6)), longitude: Number((CHECKPOINT.point.lng + 0.000283).toFixed(6)), accuracy: 9 }
const CHECKIN_DIGITS = [...renderings(AT_CHECKPOINT.latitude), ...renderings(AT_CHECKPOINT.longitude)]

describe('reliability: CSP journey, privacy, offline deep links', () => {
  let app
  const cspConsole = []
  const sent = []
  before(async () => {
    app = await openApp()
    await app.context.grantPermissions(['geolocation'], { origin: app.base })
    await app.context.setGeolocation(SECRET)
    await app.context.addInitScript(() => {
      window.__csp = []
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`))
    })
    app.page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) cspConsole.push(m.text())
    })
    app.context.on('request', (r) => sent.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`))
  })
  after(async () => app?.close())

  it('the document is served with the strict policy the README documents', async () => {
    const response = await app.page.goto(app.url('/'))
    const policy = response.headers()['content-security-policy']
    assert.equal(policy, CSP)
    for (const directive of ["script-src 'self'", "object-src 'none'", "worker-src 'self'", "base-uri 'self'", "frame-ancestors 'none'"]) assert.ok(policy.includes(directive), directive)
    assert.ok(!/script-src[^;]*'unsafe-(inline|eval)'/.test(policy), 'no unsafe script sources')
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ')
    assert.ok(readme.includes(CSP.replace(/\s+/g, ' ')), 'README documents exactly the policy scripts/serve.mjs sends')
    await waitForScreen(app.page, ROUTES[0], snapshot)
    await app.waitForServiceWorker()
  })

  it('a journey through every screen (both languages, buttons pressed) produces zero CSP violations, and no screen scrolls sideways on a phone', async () => {
    for (const lang of ['ja', 'en']) {
      for (const route of ROUTES) {
        await app.page.goto(app.url(route.path(snapshot)))
        await waitForScreen(app.page, route, snapshot)
        await runJourney(app.page, route)
        const violations = await app.page.evaluate(() => window.__csp)
        assert.deepEqual(violations, [], `${lang} ${route.name}`)
        // The real data (long URLs in credits, long names) must wrap inside the 390 px viewport.
        const width = await app.page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth])
        assert.ok(width[0] <= width[1], `${lang} ${route.name}: the page is ${width[0]} px wide in a ${width[1]} px viewport`)
      }
      // Switch language (and back to Japanese at the end: the later checks read Japanese names).
      await app.page.getByRole('button', { name: /Language|言語/ }).click()
      await app.page.locator(`html[lang="${lang === 'ja' ? 'en' : 'ja'}"]`).waitFor()
    }
    assert.deepEqual(cspConsole, [])
    assert.deepEqual(app.errors, [])
  })

  it('the violation listener works (control): an injected inline script is refused and reported', async () => {
    const result = await app.page.evaluate(async () => {
      const s = document.createElement('script')
      s.textContent = 'window.__inlineRan = true'
      document.head.append(s)
      await new Promise((r) => setTimeout(r, 100))
      return { ran: window.__inlineRan === true, violations: window.__csp }
    })
    assert.equal(result.ran, false)
    assert.equal(result.violations.length, 1)
    assert.match(result.violations[0], /^script-src/)
  })

  it('privacy: with a mocked position in use, no request URL or body and nothing stored holds the coordinates', async () => {
    await app.page.goto(app.url('/'))
    await waitForScreen(app.page, ROUTES[0], snapshot)
    // The position is really available to the page (the mock works) ...
    const seen = await app.page.evaluate(() => new Promise((resolve) => navigator.geolocation.getCurrentPosition((p) => resolve(p.coords.latitude), () => resolve(null))))
    assert.equal(seen, SECRET.latitude)
    // `sent` holds every request since the suite began, so it includes the journey above, which used
    // every screen in both languages with its location buttons pressed under this mocked position.
    // The map's locate button and the spot list's "sort by distance" really used the position.
    await app.page.goto(app.url('/map'))
    await app.page.getByTestId('locate').click()
    await app.page.getByTestId('located').waitFor({ timeout: 10_000 })
    await app.page.goto(app.url('/spots'))
    await app.page.getByRole('button', { name: '近い順' }).click()
    await app.page.getByRole('button', { name: '近い順', pressed: true }).waitFor({ timeout: 10_000 })
    // A real GPS check-in through the UI, standing at a checkpoint of the committed snapshot.
    await app.context.setGeolocation(AT_CHECKPOINT)
    await app.page.goto(app.url(`/rally/${RALLY.id}`))
    await app.page.locator(`[data-checkpoint="${CHECKPOINT.id}"]`).getByTestId('checkin-gps').click()
    await app.page.getByTestId('checkin-ok').waitFor({ timeout: 10_000 })
    await app.context.setGeolocation(SECRET)
    await app.page.waitForTimeout(300)
    for (const line of sent) for (const d of [...SECRET_DIGITS, ...CHECKIN_DIGITS]) assert.ok(!line.includes(d), `request leaks the position (${d}): ${line.slice(0, 200)}`)
    const stored = await dumpIdb(app.page)
    const web = await app.page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }))
    const everything = JSON.stringify(stored.stamps) + JSON.stringify(stored.favorites) + JSON.stringify(stored.settings) + web
    for (const d of [...SECRET_DIGITS, ...CHECKIN_DIGITS]) assert.ok(!everything.includes(d), `stored: ${d}`)
    // A check-in stores only its key, rally, checkpoint id, time and method.
    const stamp = stored.stamps.find((st) => st.rallyId === RALLY.id && st.checkpointId === CHECKPOINT.id)
    assert.ok(stamp, 'the GPS check-in is stored')
    assert.equal(stamp.method, 'gps')
    for (const st of stored.stamps) assert.deepEqual(Object.keys(st).sort(), ['at', 'checkpointId', 'key', 'method', 'rallyId'])
  })

  it('data files are never answered with index.html (server and service worker)', async () => {
    const answers = await app.page.evaluate(async () => {
      const out = {}
      for (const path of ['/data/snapshot.json', '/data/snapshot-meta.json', '/data/missing.json', '/data/missing', '/assets/missing.js']) {
        const r = await fetch(path, { cache: 'no-store' })
        out[path] = { status: r.status, type: r.headers.get('content-type') ?? '', html: (await r.text()).trimStart().startsWith('<') }
      }
      return out
    })
    assert.equal(answers['/data/snapshot.json'].status, 200)
    assert.match(answers['/data/snapshot.json'].type, /json/)
    for (const [path, answer] of Object.entries(answers)) assert.equal(answer.html, false, path)
    for (const path of ['/data/missing.json', '/data/missing', '/assets/missing.js']) assert.equal(answers[path].status, 404, path)
    // A navigation to a data path is not turned into the app shell by the service worker either.
    const nav = await app.page.goto(app.url('/data/missing'))
    assert.equal(nav.status(), 404)
  })

  it('offline: reloading every route (incl. spot, event, route and rally pages) renders from IndexedDB; data paths still never get index.html', async () => {
    await app.page.goto(app.url('/'))
    await waitForScreen(app.page, ROUTES[0], snapshot)
    await app.stopServer()
    for (const route of ROUTES) {
      await app.page.goto(app.url(route.path(snapshot)))
      const text = await waitForScreen(app.page, route, snapshot)
      if (['spot detail', 'event detail'].includes(route.name)) assert.equal(await app.page.locator('main h1').textContent(), text)
      await app.page.reload()
      await waitForScreen(app.page, route, snapshot)
    }
    const offlineData = await app.page.evaluate(async () => {
      try {
        const r = await fetch('/data/snapshot.json', { cache: 'no-store' })
        return { status: r.status, html: (await r.text()).trimStart().startsWith('<') }
      } catch {
        return { failed: true }
      }
    })
    assert.ok(offlineData.failed || !offlineData.html, JSON.stringify(offlineData))
    assert.deepEqual(app.errors, [])
  })
})
