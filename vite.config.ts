import { readFileSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { TILE_CACHE_MAX_ENTRIES, TILE_CACHE_NAME } from './src/domain/tiles'

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

export default defineConfig(({ mode }) => ({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: { target: 'es2022', sourcemap: false },
  plugins: [
    vue(),
    preloadJapaneseMessages(),
    ...engineTestHooks(mode),
    // Precompiles the locale files, so the entry carries vue-i18n's runtime only (no message compiler, CSP-safe).
    VueI18nPlugin({ include: [fileURLToPath(new URL('./src/locales/**/*.json', import.meta.url))], runtimeOnly: true, compositionOnly: true, fullInstall: false, dropMessageCompiler: true, strictMessage: true, escapeHtml: true }),
    VitePWA({
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
        navigateFallback: 'index.html',
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
