import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { REGION_BBOX, TILE_CACHE_MAX_ENTRIES, TILE_CACHE_NAME } from './src/domain/tiles'
import { TOWN_OUTLINE_FILE, townOutlineSvg } from './src/domain/town-outline'
import { EARLY_SNAPSHOT_GLOBAL, SNAPSHOT_STORED_KEY } from './src/domain/storage-keys'
import { SNAPSHOT_PATH } from './src/domain/snapshot-constants'
import { FIRST_SCREEN_ELEMENT_ID, FIRST_SCREEN_STORED } from './src/domain/first-screen'

/** Largest file the service worker precaches; the build check fails above it. */
export const PRECACHE_LIMIT_BYTES = 2 * 1024 * 1024

/**
 * Japanese messages are needed on every start (they are the fallback of English too): preload their
 * chunk from index.html, so it downloads with the entry instead of after it.
 */
function preloadJapaneseMessages(): Plugin {
  let base = '/'
  return {
    name: 'yume:preload-ja-messages',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'messages-ja')
        return chunk ? [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${chunk.fileName}` }, injectTo: 'head' }] : []
      },
    },
  }
}

/**
 * The 7 towns' outlines as one small SVG file (from the bundled snapshot's boundaries), shown by the map
 * route before Leaflet and the data are loaded; precached like every other file. Served by the dev server too.
 */
function townOutlines(): Plugin {
  const svg = () => {
    const snapshot = JSON.parse(readFileSync(fileURLToPath(new URL('./public/data/snapshot.json', import.meta.url)), 'utf8')) as { municipalities: Parameters<typeof townOutlineSvg>[0] }
    return townOutlineSvg(snapshot.municipalities, REGION_BBOX)
  }
  return {
    name: 'yume:town-outlines',
    configureServer(server) {
      server.middlewares.use(`/${TOWN_OUTLINE_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'image/svg+xml')
        res.end(svg())
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: TOWN_OUTLINE_FILE, source: svg() })
    },
  }
}

/**
 * What the start page (Home, where the installed app opens) needs and other pages share is one chunk (`shared`), not
 * one file per module: a cold start offline asked the service worker for Home's page and 16 files of a few hundred
 * bytes to a few kB, and those requests, not their bytes, were most of the time to the list (issue 18). Only the app's
 * own modules that Home imports statically; a module something imports lazily stays a chunk of its own.
 */
const START_PAGE = '/src/pages/HomePage.vue'
const startPageShares = new Set<string>()
function sharedChunkRule(): Plugin {
  return {
    name: 'yume:shared-chunk-rule',
    apply: 'build',
    buildEnd() {
      startPageShares.clear()
      const page = [...this.getModuleIds()].find((id) => id.endsWith(START_PAGE))
      const queue = page ? [page] : []
      while (queue.length) {
        const info = this.getModuleInfo(queue.pop()!)
        for (const id of info?.importedIds ?? []) {
          if (startPageShares.has(id) || !id.includes('/src/') || this.getModuleInfo(id)?.dynamicImporters.length) continue
          startPageShares.add(id)
          queue.push(id)
        }
      }
    },
    // The chunk must stand on the entry alone: a static import of another chunk would be Home's first load too.
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk')
      const shared = chunks.find((c) => c.name === 'shared')
      const entries = new Set(chunks.filter((c) => c.isEntry).map((c) => c.fileName))
      const others = shared?.imports.filter((file) => !entries.has(file)) ?? []
      if (others.length) this.error(`the shared chunk imports ${others.join(', ')} statically: Home would load them too`)
    },
  }
}

/** The main routes, prerendered: a first visit paints their first screen before any script runs. */
export const PRERENDERED_ROUTES = ['/', '/events', '/map', '/rally', '/living', '/spots', '/about']
/** Each prerendered route's page component: its CSS is inlined with the page (no shift when the route's chunk arrives). */
const ROUTE_PAGES: Record<string, string> = { '/': 'HomePage', '/events': 'EventsPage', '/map': 'MapPage', '/rally': 'RallyPage', '/living': 'LivingPage', '/spots': 'SpotsPage', '/about': 'AboutPage' }

/**
 * Prerender (build only): renders PRERENDERED_ROUTES with the app's own components (a server build of
 * src/ssr/entry-server.ts, run by scripts/prerender.mjs in its own process) into copies of the built
 * index.html: `/` into index.html, `/events` into events.html (served for /events, and by the service
 * worker offline: Workbox maps /events to events.html). The page's CSS is inlined (it is small), so
 * the first paint needs no other request. shell.html keeps the empty page for every other route.
 */
/**
 * A prerendered page starts the app with this small script once the page has painted: the entry, its preloads and
 * the route's own chunks are requested then, not before, so nothing the app downloads can delay the first paint
 * (on a slow network, or in a page-load trace). One file for every prerendered route: it reads which route the
 * page holds from `#app[data-prerendered]`.
 */
function bootScript(entry: string, common: string[], routes: Record<string, { js: string[]; css: string[] }>, snapshotUrl: string): string {
  return `// Starts the app once the prerendered page has painted (vite.config.ts, yume:prerender).
const preload = ${JSON.stringify(common)}
const routes = ${JSON.stringify(routes)}
let started = false
const LINKS_PER_TASK = 2
/** The hash of the snapshot stored on this device (the storage key); '' when none is, or without localStorage. */
let stored = ''
try {
  stored = localStorage.getItem(${JSON.stringify(SNAPSHOT_STORED_KEY)}) ?? ''
} catch {}
// The page's first screen shows the stored records when it was built from the stored snapshot and will be hydrated
// (its own route, no query or hash: src/main.ts renders any other anew): its lists that waited only for them are final
// before the app runs (domain/first-screen, FIRST_SCREEN_STORED).
const root = document.getElementById('app')
if (stored && root && stored === root.dataset.snapshot && root.dataset.prerendered === location.pathname && !location.search && !location.hash) {
  root.dataset.firstScreen = ${JSON.stringify(FIRST_SCREEN_STORED)}
  for (const list of document.querySelectorAll('[data-first-screen][aria-busy]')) list.removeAttribute('aria-busy')
}
function add(rel, href, as) {
  const link = document.createElement('link')
  link.rel = rel
  if (as) link.as = as
  link.crossOrigin = ''
  link.href = href
  document.head.append(link)
}
function start() {
  if (started) return
  started = true
  // A first visit (nothing stored yet): the data's download starts now, beside the app's scripts, not after them.
  if (!stored) {
    try {
      const controller = new AbortController()
      const response = fetch(${JSON.stringify(snapshotUrl)} + '?v=' + Date.now(), { cache: 'no-store', signal: controller.signal })
      response.catch(() => undefined)
      window[${JSON.stringify(EARLY_SNAPSHOT_GLOBAL)}] = { controller, response }
    } catch {}
  }
  import(${JSON.stringify(entry)})
  const route = routes[root?.dataset.prerendered ?? ''] ?? { js: [], css: [] }
  // The route's stylesheets download now, not when the router loads the page (Vite's loader then links them from
  // the cache). A preload, not a stylesheet: a stylesheet added by a script blocks rendering until it has loaded.
  const links = [...preload.map((href) => ['modulepreload', href]), ...route.js.map((href) => ['modulepreload', href]), ...route.css.map((href) => ['preload', href, 'style'])]
  // Each link starts a request, 4–5 ms of the page's thread apiece on a first visit here (16–20 ms at 4× CPU, a slow
  // phone): two per task, from the next task on (this one has the storage check, the entry's request and, on a
  // first visit, the data's), so no task of them reaches 50 ms there (four per task made tasks of 45–100 ms).
  const next = () => {
    for (const link of links.splice(0, LINKS_PER_TASK)) add(...link)
    if (links.length) setTimeout(next, 0)
  }
  setTimeout(next, 0)
}
/**
 * A first visit starts once its first paint has been presented (the paint timing entry is delivered after it): a
 * frame's callbacks run before it is presented, and requests started in between were counted as holding the largest
 * paint back by a page-load trace (Lighthouse's model then put it after the app's downloads, 2.6–2.9 s instead of
 * 1.1 s, in 4 of 42 samples of one run). A repeat visit under the service worker starts after the frame, as soon as it can.
 */
function afterFirstPaint(then) {
  const repeat = stored && !!navigator.serviceWorker?.controller
  try {
    if (!repeat && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      const observer = new PerformanceObserver((list) => {
        if (!list.getEntriesByName('first-contentful-paint').length) return
        observer.disconnect()
        setTimeout(then, 0)
      })
      observer.observe({ type: 'paint', buffered: true })
      return
    }
  } catch {}
  requestAnimationFrame(() => setTimeout(then, 0))
}
// Whatever happens below, the app starts within 1 s. A page opened in a background tab paints no frames: at once.
setTimeout(start, 1000)
if (document.visibilityState === 'hidden') start()
else afterFirstPaint(start)
`
}

function prerender(mode: string): Plugin {
  let base = '/'
  return {
    name: 'yume:prerender',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      base = config.base
    },
    generateBundle(_options, bundle) {
      const index = bundle['index.html']
      if (!index || index.type !== 'asset') return
      const template = String(index.source)
      this.emitFile({ type: 'asset', fileName: 'shell.html', source: template })
      // Inside the project: the server bundle imports vue, pinia… from node_modules.
      mkdirSync(fileURLToPath(new URL('./node_modules/.cache', import.meta.url)), { recursive: true })
      const dir = mkdtempSync(fileURLToPath(new URL('./node_modules/.cache/yume-ssr-', import.meta.url)))
      try {
        const vite = fileURLToPath(new URL('./node_modules/vite/bin/vite.js', import.meta.url))
        const server = spawnSync(process.execPath, [vite, 'build', '--ssr', 'src/ssr/entry-server.ts', '--outDir', dir, '--mode', mode, '--logLevel', 'error'], { encoding: 'utf8', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } })
        if (server.status !== 0) throw new Error(`prerender: the server build failed\n${server.stderr}`)
        const run = spawnSync(process.execPath, ['scripts/prerender.mjs', join(dir, 'entry-server.js'), ...PRERENDERED_ROUTES], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
        if (run.status !== 0) throw new Error(`prerender: rendering failed\n${run.stderr}`)
        const pages = JSON.parse(run.stdout) as Record<string, { html: string; firstScreen: string | null; snapshotHash: string }>
        // Inline the entry's CSS: the prerendered first screen is styled without a second request.
        const css = Object.values(bundle).find((a) => a.type === 'asset' && a.fileName.endsWith('.css') && template.includes(a.fileName))
        const link = css ? template.match(/<link rel="stylesheet"[^>]*>/g)?.find((tag) => tag.includes(css.fileName)) : undefined
        const styled = link && css?.type === 'asset' ? template.replace(link, () => `<style>${String(css.source)}</style>`) : template
        // The route's own chunks (its page and what that imports beyond the entry) download with the entry, not after it:
        // hydration waits for the route's component.
        const closure = (start: string[], seen = new Set<string>()) => {
          for (const f of start) {
            const c = bundle[f]
            if (seen.has(f) || c?.type !== 'chunk') continue
            seen.add(f)
            closure(c.imports, seen)
          }
          return seen
        }
        const entryChunks = closure(Object.values(bundle).filter((c) => c.type === 'chunk' && c.isEntry).map((c) => c.fileName))
        const preloadsOf = (name: string) => {
          const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith(`/pages/${name}.vue`))
          const own = chunk ? [...closure([chunk.fileName])].filter((f) => !entryChunks.has(f)) : []
          const css = own.flatMap((f) => {
            const c = bundle[f]
            return c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : []
          })
          return { js: own.map((f) => `/${f}`), css: [...new Set(css)].map((f) => `/${f}`) }
        }
        // The entry's script and preloads leave the prerendered pages: the boot script adds them after the first paint.
        const entryTag = template.match(/<script type="module" crossorigin src="([^"]+)"><\/script>/)
        const preloadTags = [...template.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)]
        if (!entryTag) throw new Error('prerender: index.html has no entry script')
        const boot = bootScript(entryTag[1]!, preloadTags.map((m) => m[1]!), Object.fromEntries(PRERENDERED_ROUTES.map((r) => [r, preloadsOf(ROUTE_PAGES[r] ?? '')])), `${base}${SNAPSHOT_PATH}`)
        const bootFile = `assets/boot-${createHash('sha256').update(boot).digest('hex').slice(0, 8)}.js`
        this.emitFile({ type: 'asset', fileName: bootFile, source: boot })
        let booted = styled
        for (const tag of [entryTag[0], ...preloadTags.map((m) => m[0])]) booted = booted.replace(tag, '')
        booted = booted.replace('</head>', () => `  <script type="module" src="/${bootFile}"></script>\n  </head>`)
        // The route's CSS, its components' included: the prerendered page is styled as it will be once its scripts run.
        const cssOf = (name: string) =>
          preloadsOf(name)
            .css.map((f) => bundle[f.slice(1)])
            .map((a) => (a?.type === 'asset' ? String(a.source) : ''))
            .join('')
        for (const route of PRERENDERED_ROUTES) {
          const routeCss = cssOf(ROUTE_PAGES[route] ?? '')
          const page = routeCss ? booted.replace('</head>', () => `  <style>${routeCss}</style>\n  </head>`) : booted
          const { html: body, firstScreen, snapshotHash } = pages[route]!
          // The records the first screen was rendered from travel with it (domain/first-screen): hydration renders the same.
          const carried = firstScreen ? `<script type="application/json" id="${FIRST_SCREEN_ELEMENT_ID}">${firstScreen}</script>` : ''
          // And the hash of their snapshot: the boot script compares it with the stored one's.
          const built = firstScreen ? ` data-snapshot="${snapshotHash}"` : ''
          const html = page.replace('<div id="app"></div>', () => `<div id="app" data-prerendered="${route}"${built}>${body}</div>${carried}`)
          if (route === '/') index.source = html
          else this.emitFile({ type: 'asset', fileName: `${route.slice(1)}.html`, source: html })
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/**
 * `vite build --mode engines` only: the cross-engine test build. Adds tests/e2e/engines/hooks.js
 * (fixed clock, mocked position, error and download recording) as the first script of index.html,
 * precached like every other file so it works offline. The normal build never contains it.
 */
function engineTestHooks(mode: string): Plugin[] {
  if (mode !== 'engines') return []
  const file = 'e2e-engine-hooks.js'
  return [
    {
      name: 'yume:e2e-engine-hooks',
      apply: 'build',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: file, source: readFileSync(fileURLToPath(new URL('./tests/e2e/engines/hooks.js', import.meta.url)), 'utf8') })
      },
      transformIndexHtml: () => [{ tag: 'script', attrs: { src: `/${file}` }, injectTo: 'head-prepend' }],
    },
  ]
}

export default defineConfig(({ mode, isSsrBuild }) => ({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // The prerender (server) build has no service worker: the PWA plugin's module is a stand-in there.
      ...(isSsrBuild ? { 'virtual:pwa-register/vue': fileURLToPath(new URL('./src/ssr/pwa-register-stub.ts', import.meta.url)) } : {}),
    },
  },
  // The cross-engine test build says what a hydration mismatch was (the normal build only that there was one).
  define: {
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: JSON.stringify(mode === 'engines' || process.env.VUE_HYDRATION_DETAILS === '1'),
    // Every component is <script setup> (Composition API): Vue's Options API support is left out of the entry.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
  },
  // The snapshot worker imports its validator lazily: ES module workers keep that chunk split.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    // The entry and everything it imports statically are one file (the modules the first screen needs before anything
    // else): a cold start offline asks the service worker for one script where it asked for six, at the same size. What
    // Home imports statically and other pages share is one more, `shared` (sharedChunkRule above).
    ...(isSsrBuild ? { copyPublicDir: false } : { rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }, { name: 'shared', test: (id) => startPageShares.has(id), minShareCount: 2, includeDependenciesRecursively: false }] } } } }),
  },
  plugins: [
    vue(),
    ...(isSsrBuild ? [] : [sharedChunkRule(), preloadJapaneseMessages(), townOutlines(), ...engineTestHooks(mode), prerender(mode)]),
    isSsrBuild ? null : VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: '山口ゆめ回廊ガイド',
        short_name: 'ゆめ回廊',
        description: '山口ゆめ回廊7市町の観光・イベント・スタンプラリー・移住支援ガイド（オフライン対応）',
        lang: 'ja',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#fbfaf7',
        theme_color: '#0b5d59',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json,wasm}'],
        // Data lives in IndexedDB; the snapshot is not precached and never answered with index.html.
        globIgnores: ['data/**'],
        // Every route that is not prerendered opens from the empty page (the prerendered ones match their own file first).
        navigateFallback: 'shell.html',
        navigateFallbackDenylist: [/^\/data\//, /\.[a-z0-9]+$/i],
        maximumFileSizeToCacheInBytes: PRECACHE_LIMIT_BYTES,
        cleanupOutdatedCaches: true,
        // 地理院タイル, cached as the user browses: CORS responses only (never opaque), own cache, bounded.
        runtimeCaching: [
          {
            urlPattern: /^https:\/\/cyberjapandata\.gsi\.go\.jp\/xyz\//,
            handler: 'CacheFirst',
            options: {
              cacheName: TILE_CACHE_NAME,
              expiration: { maxEntries: TILE_CACHE_MAX_ENTRIES, purgeOnQuotaError: true },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
        clientsClaim: false,
        skipWaiting: false,
      },
    }),
  ],
}))
