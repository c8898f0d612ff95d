/**
 * Issue 10, item 10 — XSS, real Chromium: a snapshot (valid, correctly hashed)
 * whose every text field carries markup and script payloads is served and
 * every screen is shown in both languages: no dialog fires, no element is
 * created from data, the payloads are visible as text, and every link on the
 * page is internal or https:/tel:/mailto:. Fields and screens come from
 * reliability-routes.mjs (extend there). Links from data are further checked
 * by the validator (https only) and src/domain/safe-link.ts (unit tests).
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { openApp } from './harness.mjs'
import { LINK_FIELDS, ROUTES, runJourney, SHORT_FIELDS, TEXT_FIELDS, XSS_PAYLOADS } from './reliability-routes.mjs'

const BODY_KEYS = ['sources', 'municipalities', 'spots', 'routes', 'events', 'schemes', 'rallies']
const LOCALIZED = new Set(['text', 'note', 'name', 'title', 'publisher', 'credit', 'description', 'hours', 'closed', 'fees', 'access', 'parking', 'barrierFree', 'dateNote', 'venue', 'organizer', 'summary', 'audienceText', 'benefit', 'howToApply', 'prefecture'])

/** Every (parent object, key) a dotted path (`*` = each array element) reaches in a record. */
function slots(record, path) {
  const [head, ...rest] = path.split('.')
  if (!rest.length) return [[record, head]]
  const next = record[head]
  if (next == null) return []
  return (head === '*' ? record : rest[0] === '*' ? next : [next]).flatMap((child) => slots(child, (rest[0] === '*' ? rest.slice(1) : rest).join('.')))
}

/** A link an attacker could still write past the https-only validator: markup in the path and query. */
const HOSTILE_HTTPS = 'https://example.jp/xss/"><img src=x onerror=alert(\'xss-href\')>?q=<script>alert("xss-href")</script>'

/** The committed snapshot with a payload in every text field (ja and en) and a hostile https link in every link field, re-hashed so it validates. */
function poisonedSnapshot() {
  const s = structuredClone(JSON.parse(readFileSync('public/data/snapshot.json', 'utf8')))
  let n = 0
  const payload = () => `XSS${n}·${XSS_PAYLOADS[n++ % XSS_PAYLOADS.length]}`
  for (const [kind, fields] of Object.entries(TEXT_FIELDS)) {
    for (const record of s[kind]) {
      for (const path of fields) {
        for (const [parent, field] of slots(record, path)) {
          if (LOCALIZED.has(field)) parent[field] = { ja: payload(), en: payload() }
          else parent[field] = payload()
          for (const value of Object.values(typeof parent[field] === 'object' ? parent[field] : { v: parent[field] })) {
            assert.ok(value.length <= (SHORT_FIELDS.has(field) ? 500 : 20_000))
          }
        }
      }
    }
  }
  for (const [kind, fields] of Object.entries(LINK_FIELDS)) {
    for (const record of s[kind]) for (const path of fields) for (const [parent, field] of slots(record, path)) parent[field] = HOSTILE_HTTPS
  }
  for (const record of s.spots) record.phone = '083-922-1111'
  const body = {}
  for (const k of BODY_KEYS) body[k] = s[k]
  s.hash = createHash('sha256').update(JSON.stringify(body)).digest('hex')
  return s
}

describe('reliability: XSS — data is shown as text, never run', () => {
  let app
  const dialogs = []
  const poisoned = poisonedSnapshot()
  before(async () => {
    app = await openApp({
      overrides: { '/data/snapshot.json': JSON.stringify(poisoned), '/data/snapshot-meta.json': JSON.stringify({ hash: poisoned.hash }) },
    })
    app.context.on('page', (p) => p.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss())))
    app.page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()))
  })
  after(async () => app?.close())

  it('the poisoned snapshot is accepted (so the rendering layer is what is tested)', async () => {
    await app.page.goto(app.url('/'))
    await app.page.getByText('XSS', { exact: false }).first().waitFor({ timeout: 15_000 })
    const stored = await app.page.evaluate(() => new Promise((resolve) => {
      const r = indexedDB.open('yume-kairo')
      r.onsuccess = () => {
        const g = r.result.transaction('meta').objectStore('meta').get('current')
        g.onsuccess = () => (r.result.close(), resolve(g.result?.hash))
      }
    }))
    assert.equal(stored, poisoned.hash)
  })

  for (const lang of ['ja', 'en']) {
    it(`every screen (${lang}): no dialog, no element from data, payloads visible as text, only safe links`, async () => {
      const { page } = app
      if ((await page.locator('html').getAttribute('lang')) !== lang) {
        await page.getByRole('button', { name: /Language|言語/ }).click()
        await page.locator(`html[lang="${lang}"]`).waitFor()
      }
      const hostileLinks = new Set()
      for (const route of ROUTES) {
        await page.goto(app.url(route.path(poisoned)))
        await page.locator('main h1').first().waitFor({ timeout: 15_000 })
        // In Japanese the route's own record text (a payload: e.g. a checkpoint or stop name) must be shown, verbatim, as text.
        const expected = route.expect(poisoned) && (lang === 'ja' ? route.expect(poisoned) : /XSS\d+·/)
        if (expected) await page.locator('main').getByText(expected).filter({ visible: true }).first().waitFor({ timeout: 15_000 })
        await runJourney(page, route)
        const report = await page.evaluate((payloads) => {
          const main = document.querySelector('main')
          const text = main?.textContent ?? ''
          return {
            shownAsText: /XSS\d+·/.test(text),
            // Every marker shown is followed by its own payload, verbatim: markup shown as text, nothing parsed or dropped
            // (every payload carries markup).
            markupVisible: (() => {
              const shown = [...text.matchAll(/XSS(\d+)·/g)].map((m) => Number(m[1]))
              const own = (n) => payloads[n % payloads.length]
              return shown.length > 0 && shown.every((n) => text.includes(`XSS${n}·${own(n)}`))
            })(),
            injected: [...document.querySelectorAll('img[src="x"], main script, svg[onload], iframe, object, embed, [onerror], [onload]')].map((e) => e.outerHTML.slice(0, 80)),
            links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
          }
        }, XSS_PAYLOADS)
        assert.deepEqual(report.injected, [], `${route.name}: elements created from data`)
        if (route.expect(poisoned)) {
          assert.ok(report.shownAsText, `${route.name}: the data is shown`)
          assert.ok(report.markupVisible, `${route.name}: markup is visible as text`)
        }
        for (const href of report.links) {
          const internal = href.startsWith('/') && !href.startsWith('//')
          const scheme = internal || href.startsWith('#') ? 'internal' : new URL(href).protocol
          assert.ok(['internal', 'https:', 'tel:', 'mailto:'].includes(scheme), `${route.name}: unsafe link ${href}`)
          if (href.startsWith('https://example.jp/xss/')) hostileLinks.add(route.name)
        }
        await page.waitForTimeout(100)
      }
      // The hostile https links were rendered (as plain, URL-encoded hrefs) on the detail screens.
      for (const name of ['spot detail', 'event detail', 'living town']) assert.ok(hostileLinks.has(name), `${name} shows its link`)
      assert.deepEqual(dialogs, [])
      assert.deepEqual(app.errors, [])
    })
  }

  it('control: the dialog listener works (a dialog opened by the test itself is caught)', async () => {
    await app.page.evaluate(() => setTimeout(() => alert('control'), 0))
    await app.page.waitForTimeout(200)
    assert.deepEqual(dialogs, ['control'])
  })
})
