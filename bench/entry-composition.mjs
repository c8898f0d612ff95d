#!/usr/bin/env node
/**
 * Where the entry's bytes come from (the entry chunk and its static imports): builds the app once more (into
 * dist-analyse/, with the app's own vite.config.ts) and sums each module's
 * rendered size in the entry chunk by package (or src/ folder), gzipped per
 * group. Run by `npm run bench` when the entry budget is missed; also on its own:
 *   node bench/entry-composition.mjs
 */
import { rmSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

function group(id) {
  const clean = id.replace(/\?.*$/, '').replace(/\\/g, '/')
  const nm = clean.lastIndexOf('/node_modules/')
  if (nm >= 0) {
    const rest = clean.slice(nm + 14).split('/')
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  const src = clean.indexOf('/src/')
  if (src >= 0) {
    const parts = clean.slice(src + 1).split('/')
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.join('/')
  }
  return clean.startsWith('\0') ? 'virtual modules' : clean.split('/').slice(-2).join('/')
}

export async function entryComposition() {
  const groups = new Map()
  await build({
    configFile: 'vite.config.ts',
    logLevel: 'silent',
    build: { outDir: 'dist-analyse', emptyOutDir: true },
    plugins: [
      {
        name: 'entry-composition',
        generateBundle(_options, bundle) {
          // The entry chunk and every chunk it imports statically (all of it loads before the first render).
          const wanted = new Set()
          const visit = (fileName) => {
            const chunk = bundle[fileName]
            if (!chunk || chunk.type !== 'chunk' || wanted.has(fileName)) return
            wanted.add(fileName)
            for (const f of chunk.imports ?? []) visit(f)
          }
          for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName)
          for (const chunk of Object.values(bundle)) {
            if (chunk.type !== 'chunk' || !wanted.has(chunk.fileName)) continue
            for (const [id, mod] of Object.entries(chunk.modules)) {
              const g = group(id)
              const entry = groups.get(g) ?? { code: '', modules: 0 }
              entry.code += mod.code ?? ''
              entry.modules++
              groups.set(g, entry)
            }
          }
        },
      },
    ],
  })
  rmSync('dist-analyse', { recursive: true, force: true })
  return [...groups]
    .map(([name, g]) => ({ group: name, modules: g.modules, rawKB: Math.round(g.code.length / 10) / 100, gzipKB: Math.round(gzipSync(g.code, { level: 9 }).length / 10) / 100 }))
    .sort((a, b) => b.rawKB - a.rawKB)
}

if (process.argv[1]?.endsWith('entry-composition.mjs')) {
  console.table(await entryComposition())
}
