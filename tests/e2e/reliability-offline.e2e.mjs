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
import { dumpIdb, JOURNEY_BUTTONS, ROUTES, waitForScreen } from './reliability-routes.mjs'

const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
/** Distinctive coordinates (inside 山口市): their digits must never leave memory. */
const SECRET = { latitude: 34.178496, longitude: 131.473727, accuracy: 12 }
const SECRET_DIGITS = ['34.178496', '131.473727', '34.17849', '131.47372', '34178496', '131473727']

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

  it('a journey through every screen (both languages, buttons pressed) produces zero CSP violations', async () => {
    for (const lang of ['ja', 'en']) {
      for (const route of ROUTES) {
        await app.page.goto(app.url(route.path(snapshot)))
        await app.page.locator('main h1').first().waitFor({ timeout: 15_000 })
        for (const selector of JOURNEY_BUTTONS) {
          for (const button of await app.page.locator(selector).all()) if (await button.isVisible()) await button.click()
        }
        const violations = await app.page.evaluate(() => window.__csp)
        assert.deepEqual(violations, [], `${lang} ${route.name}`)
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
    // ... while the app is used on every screen with its location buttons pressed.
    for (const route of ROUTES) {
      await app.page.goto(app.url(route.path(snapshot)))
      await app.page.locator('main h1').first().waitFor({ timeout: 15_000 })
      for (const selector of JOURNEY_BUTTONS) for (const button of await app.page.locator(selector).all()) if (await button.isVisible()) await button.click()
    }
    await app.page.waitForTimeout(300)
    for (const line of sent) for (const d of SECRET_DIGITS) assert.ok(!line.includes(d), `request leaks the position: ${line.slice(0, 200)}`)
    const stored = await dumpIdb(app.page)
    const web = await app.page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }))
    const everything = JSON.stringify(stored.stamps) + JSON.stringify(stored.favorites) + JSON.stringify(stored.settings) + web
    for (const d of SECRET_DIGITS) assert.ok(!everything.includes(d), `stored: ${d}`)
    // A check-in stores only checkpoint id, rally, time and method.
    for (const stamp of stored.stamps) assert.deepEqual(Object.keys(stamp).sort(), ['at', 'checkpointId', 'key', 'method', 'rallyId'])
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

  it('offline: reloading every route (incl. a spot page) renders from IndexedDB; data paths still never get index.html', async () => {
    await app.page.goto(app.url('/'))
    await waitForScreen(app.page, ROUTES[0], snapshot)
    await app.stopServer()
    for (const route of ROUTES) {
      await app.page.goto(app.url(route.path(snapshot)))
      const text = await waitForScreen(app.page, route, snapshot)
      if (route.name === 'spot detail') assert.equal(await app.page.locator('main h1').textContent(), text)
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
