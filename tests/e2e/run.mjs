// Runs the end-to-end suites in real Chromium against dist/ (build first: `npm run build`).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { assertChromium } from './harness.mjs'

try {
  assertChromium()
} catch (error) {
  console.error(`\nE2E FAILED: ${error.message}\n`)
  process.exit(1)
}
if (!existsSync('dist/index.html')) {
  console.error('\nE2E FAILED: dist/ is missing. Run `npm run build` first (npm test does it).\n')
  process.exit(1)
}
const only = process.argv.slice(2)
const files = readdirSync('tests/e2e').filter((f) => f.endsWith('.e2e.mjs')).filter((f) => !only.length || only.some((o) => f.includes(o))).map((f) => `tests/e2e/${f}`)
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { stdio: 'inherit' })
process.exit(result.status ?? 1)
