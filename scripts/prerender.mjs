#!/usr/bin/env node
/**
 * Renders the app's main routes to HTML with the server bundle (dist-ssr/entry-server.js), in a
 * browser-like global scope (jsdom: some components read `navigator` or `document` while they set
 * up). Called by the build (vite.config.ts, yume:prerender) in its own process, so none of these
 * globals reach the bundler. An empty in-memory IndexedDB stands in for the browser's, so a store
 * that opens it while a page sets up finds it working and empty: no storage banner in the HTML,
 * as on the device before its data is read. A route's first screen of records (src/domain/first-screen.ts)
 * comes from the bundled snapshot (public/data/snapshot.json). Prints
 * { "<route>": { "html": "<html of #app>", "firstScreen": "<its JSON, or null>", "snapshotHash": "<the snapshot's hash>" } } as JSON.
 *
 *   node scripts/prerender.mjs dist-ssr/entry-server.js / /events /map
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import 'fake-indexeddb/auto'
import { JSDOM } from 'jsdom'

const [bundle, ...routes] = process.argv.slice(2)
const dom = new JSDOM('<!doctype html><html lang="ja"><body><div id="app"></div></body></html>', { url: 'https://yume-kairo.invalid/', pretendToBeVisual: true })
for (const key of ['window', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'HTMLElement', 'Element', 'Node', 'getComputedStyle', 'matchMedia', 'requestAnimationFrame', 'cancelAnimationFrame']) {
  if (!(key in globalThis) || key === 'navigator') Object.defineProperty(globalThis, key, { value: key === 'window' ? dom.window : dom.window[key], configurable: true, writable: true })
}
globalThis.window.matchMedia ??= () => ({ matches: false, addEventListener() {}, removeEventListener() {} })
globalThis.matchMedia ??= globalThis.window.matchMedia
// The build's Japan time: what "today" is in the prerendered HTML does not matter (dates are client-rendered).
const { render, firstScreenOf, firstScreenJson } = await import(pathToFileURL(resolve(bundle)).href)
const snapshot = JSON.parse(readFileSync('public/data/snapshot.json', 'utf8'))
const out = {}
for (const route of routes) {
  const screen = firstScreenOf(route, snapshot)
  out[route] = { html: await render(route, screen), firstScreen: screen ? firstScreenJson(screen) : null, snapshotHash: snapshot.hash }
}
process.stdout.write(JSON.stringify(out))
process.exit(0)
