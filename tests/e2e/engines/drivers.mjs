/**
 * Three engines behind one small driver interface, so that every journey is
 * written once (tests/e2e/engines.e2e.mjs) and runs in each:
 *   chromium  Debian's Chromium, driven by playwright-core
 *   firefox   Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi
 *   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver, plain fetch), under Xvfb
 *
 * A driver session offers: goto(url), reload(), evaluate(fnSource, arg), click(css),
 * type(css, text), upload(css, path), drag(from, to), screenshot(path), close(); plus `engine` and `version`.
 * `drag` presses the mouse at viewport point `from` ({ x, y }), moves it in small steps to `to` and releases it.
 * `evaluate` runs `(fnSource)(arg)` in the page and resolves to its (awaited, JSON) result.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const PATHS = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
  webkitDriver: process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver',
  miniBrowser: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
}
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
export const ENGINES = ['chromium', 'firefox', 'webkit']

const INSTALL = 'apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb fonts-ipafont-gothic'

/** Why an engine cannot run here, or null. */
export function missingEngine(engine) {
  const need = engine === 'chromium' ? [PATHS.chromium] : engine === 'firefox' ? [PATHS.firefox] : [PATHS.webkitDriver, PATHS.miniBrowser]
  const missing = need.filter((p) => !existsSync(p))
  if (engine === 'webkit' && !process.env.DISPLAY && spawnSync('sh', ['-c', 'command -v Xvfb'], { stdio: 'ignore' }).status !== 0) missing.push('Xvfb')
  return missing.length ? `${engine}: ${missing.join(', ')} not found. Install with: ${INSTALL}` : null
}

const asCall = (fn, arg) => `(${fn})(${JSON.stringify(arg ?? null)})`

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

// --- Chromium (playwright-core) -------------------------------------------
async function openChromium({ timezone, viewport }) {
  const { chromium } = await import('playwright-core')
  const profile = mkdtempSync(join(tmpdir(), 'yume-engines-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: PATHS.chromium, args: CHROMIUM_ARGS, viewport, locale: 'ja-JP', timezoneId: timezone })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    engine: 'chromium',
    version: context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1])),
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    reload: () => page.reload({ waitUntil: 'load' }),
    evaluate: (fn, arg) => page.evaluate(asCall(fn, arg)),
    click: (css) => page.locator(css).first().click(),
    type: (css, text) => page.locator(css).first().fill(text),
    upload: (css, path) => page.locator(css).first().setInputFiles(path),
    async drag(from, to) {
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      await page.mouse.move(from.x, from.y + 8, { steps: 4 })
      await page.mouse.move(to.x, to.y, { steps: 25 })
      await page.waitForTimeout(200)
      await page.mouse.up()
    },
    screenshot: (path) => page.screenshot({ path, fullPage: false }),
    async close() {
      await context.close().catch(() => undefined)
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

// --- Firefox (puppeteer-core, WebDriver BiDi) ---------------------------------
async function openFirefox({ timezone, viewport }) {
  const puppeteer = (await import('puppeteer-core')).default
  const profile = mkdtempSync(join(tmpdir(), 'yume-engines-firefox-'))
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: PATHS.firefox,
    headless: true,
    userDataDir: profile,
    env: { ...process.env, TZ: timezone },
    defaultViewport: null,
    extraPrefsFirefox: { 'intl.accept_languages': 'ja-JP, ja', 'intl.locale.requested': 'ja', 'dom.serviceWorkers.enabled': true, 'dom.serviceWorkers.testing.enabled': true, 'browser.download.folderList': 2 },
  })
  const page = (await browser.pages())[0] ?? (await browser.newPage())
  // Puppeteer sets the viewport and the screen orientation together; Firefox ESR 140 has no BiDi
  // orientation override (an "unknown command" after the viewport is already set): tolerated.
  await page.setViewport(viewport).catch((error) => {
    if (!/setScreenOrientationOverride|unknown command/.test(String(error?.message))) throw error
  })
  const version = (await browser.version()).replace(/^firefox\//i, '')
  return {
    engine: 'firefox',
    version,
    goto: (url) => page.goto(url, { waitUntil: 'load' }),
    reload: () => page.reload({ waitUntil: 'load' }),
    evaluate: (fn, arg) => page.evaluate(asCall(fn, arg)),
    async click(css) {
      await page.waitForSelector(css, { visible: true, timeout: 10_000 })
      await page.click(css)
    },
    // Locator.fill times out in Firefox ESR 140 under puppeteer-core 24: the value is set as an input
    // method would (the native setter, then input and change events), which Vue's v-model reads.
    async type(css, text) {
      await page.waitForSelector(css, { visible: true, timeout: 10_000 })
      await page.$eval(
        css,
        (el, value) => {
          el.focus()
          const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
          Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value)
          el.dispatchEvent(new Event('input', { bubbles: true }))
          el.dispatchEvent(new Event('change', { bubbles: true }))
        },
        text,
      )
    },
    async upload(css, path) {
      const input = await page.$(css)
      await input.uploadFile(path)
    },
    async drag(from, to) {
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      await page.mouse.move(from.x, from.y + 8, { steps: 4 })
      await page.mouse.move(to.x, to.y, { steps: 25 })
      await new Promise((r) => setTimeout(r, 200))
      await page.mouse.up()
    },
    screenshot: (path) => page.screenshot({ path }),
    async close() {
      await browser.close().catch(() => undefined)
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

// --- WebKit (WebKitWebDriver + MiniBrowser, W3C WebDriver over fetch) --------------
async function startXvfb() {
  if (process.env.DISPLAY) return { display: process.env.DISPLAY, stop: () => undefined }
  for (let n = 90 + Math.floor(Math.random() * 100); ; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue
    const child = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' })
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${n}`); i++) await new Promise((r) => setTimeout(r, 100))
    if (child.exitCode === null && existsSync(`/tmp/.X11-unix/X${n}`)) return { display: `:${n}`, stop: () => child.kill() }
    child.kill()
  }
}

async function openWebKit({ timezone, viewport }) {
  const xvfb = await startXvfb()
  const port = await freePort()
  const driver = spawn(PATHS.webkitDriver, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: xvfb.display, TZ: timezone, LANGUAGE: 'ja', LANG: 'C.UTF-8' } })
  const base = `http://127.0.0.1:${port}`
  async function call(method, path, body) {
    const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    const json = await response.json()
    if (json.value && json.value.error) throw new Error(`WebKitWebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`)
    return json.value
  }
  let created
  for (let i = 0; i < 50; i++) {
    try {
      created = await call('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: PATHS.miniBrowser, args: ['--automation'] } } } })
      break
    } catch (error) {
      if (i === 49) throw error
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const s = `/session/${created.sessionId}`
  // MiniBrowser's window cannot be narrower than its toolbar (447 px): the narrowest it allows.
  await call('POST', `${s}/window/rect`, { width: viewport.width, height: viewport.height })
  async function element(css) {
    const deadline = Date.now() + 10_000
    for (;;) {
      try {
        const found = await call('POST', `${s}/element`, { using: 'css selector', value: css })
        return Object.values(found)[0]
      } catch (error) {
        if (Date.now() > deadline) throw error
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }
  return {
    engine: 'webkit',
    version: created.capabilities.browserVersion,
    goto: (url) => call('POST', `${s}/url`, { url }),
    reload: () => call('POST', `${s}/refresh`, {}),
    async evaluate(fn, arg) {
      const script = `const done = arguments[arguments.length - 1]; Promise.resolve().then(() => (${fn})(arguments[0])).then((value) => done({ ok: value === undefined ? null : value }), (error) => done({ error: String(error && error.stack || error) }))`
      const result = await call('POST', `${s}/execute/async`, { script, args: [arg ?? null] })
      if (result && result.error) throw new Error(result.error)
      return result?.ok
    },
    async click(css) {
      const id = await element(css)
      await call('POST', `${s}/element/${id}/click`, {})
    },
    async type(css, text) {
      const id = await element(css)
      await call('POST', `${s}/element/${id}/clear`, {})
      await call('POST', `${s}/element/${id}/value`, { text })
    },
    async upload(css, path) {
      const id = await element(css)
      await call('POST', `${s}/element/${id}/value`, { text: path })
    },
    async drag(from, to) {
      const at = (p, duration = 0) => ({ type: 'pointerMove', origin: 'viewport', x: Math.round(p.x), y: Math.round(p.y), duration })
      const actions = [at(from), { type: 'pointerDown', button: 0 }, at({ x: from.x, y: from.y + 8 }, 100)]
      for (let i = 1; i <= 25; i++) actions.push(at({ x: from.x + ((to.x - from.x) * i) / 25, y: from.y + 8 + ((to.y - from.y - 8) * i) / 25 }, 20))
      actions.push({ type: 'pause', duration: 200 }, { type: 'pointerUp', button: 0 })
      await call('POST', `${s}/actions`, { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }] })
      await call('DELETE', `${s}/actions`)
    },
    async screenshot(path) {
      writeFileSync(path, Buffer.from(await call('GET', `${s}/screenshot`), 'base64'))
    },
    async close() {
      await call('DELETE', s).catch(() => undefined)
      driver.kill()
      xvfb.stop()
    },
  }
}

/** Opens a fresh browser profile of `engine`. */
export async function openEngine(engine, { timezone = 'Pacific/Honolulu', viewport = { width: 390, height: 844 } } = {}) {
  const missing = missingEngine(engine)
  if (missing) throw new Error(missing)
  if (engine === 'chromium') return openChromium({ timezone, viewport })
  if (engine === 'firefox') return openFirefox({ timezone, viewport })
  if (engine === 'webkit') return openWebKit({ timezone, viewport })
  throw new Error(`unknown engine ${engine}`)
}
