#!/usr/bin/env node
/** Prints a report (default bench/latest.json) as the Markdown tables BENCHMARKS.md shows. */
import { readFileSync } from 'node:fs'

const report = JSON.parse(readFileSync(process.argv[2] ?? 'bench/latest.json', 'utf8'))
const esc = (v) => String(v ?? '').replace(/\|/g, '\\|')
const table = (cols, rows) => [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n')

console.log(`Measured ${report.date} — ${report.machine.chromium}; ${report.machine.cpus} × ${report.machine.cpuModel}; ${report.machine.memoryGB} GB RAM; Node ${report.machine.node}; load average ${report.loadAverageAtStart?.join(' / ')} at start, ${report.loadAverageAtEnd?.join(' / ')} at the end; ${report.runs} runs per figure (Lighthouse ${report.lighthouseRuns} per route); the whole run took ${report.durationS} s.\n`)
console.log(table(['figure', 'value', 'baseline (same run)', 'ratio', 'budget', 'status'], report.table.map((r) => [r.figure.trim(), r.value, r.baseline, r.ratio, r.budget, r.status])))
console.log('\nScale curve (medians; ms, MB):\n')
console.log(table(['records', 'import', 'raw put', 'search app index (median)', 'search app index (p95)', 'its naive scan (median)', 'bench-page naive scan (Chromium, median)', 'JS heap with records', 'of which records'], report.scaleCurve.map((r) => [r.records, r.importMs, r.rawPutMs, r.searchAppMedianMs ?? 'n/a', r.searchAppP95Ms ?? 'n/a', r.searchIndexNaiveMedianMs ?? 'n/a', r.searchNaiveMedianMs, r.heapMB, r.recordsMB])))
if (report.import) {
  console.log('\nImport steps (one run each; ms):\n')
  console.log(table(['records', 'JSON.parse', 'validate (valibot)', 'SHA-256 hash', 'IndexedDB write', 'raw put (strict)', 'raw put (relaxed)'], Object.entries(report.import).map(([n, r]) => [n, r.steps.parse, r.steps.validate, r.steps.hash, r.steps.write, r.rawMedian, r.rawRelaxedMedian ?? ''])))
}
if (report.lighthouse) {
  console.log('\nLighthouse (mobile):\n')
  console.log(table(['route', 'perf', 'a11y', 'best practices', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'audits below 1'], Object.entries(report.lighthouse).map(([route, [s]]) => [route, s.scores.performance, s.scores.accessibility, s.scores['best-practices'], s.scores.seo, `${(s.fcp / 1000).toFixed(2)} s`, `${(s.lcp / 1000).toFixed(2)} s`, `${Math.round(s.tbt)} ms`, s.cls.toFixed(3), s.failing.map((f) => `${f.id}${f.displayValue ? ` (${f.displayValue})` : ''}`).join(', ')])))
}
if (report.coldStart?.appSteps) {
  console.log('\nOffline cold start steps (medians, ms from navigation start):\n')
  const keys = Object.keys(report.coldStart.appSteps)
  console.log(table(['page', ...keys], [['app', ...keys.map((k) => report.coldStart.appSteps[k])], ['static page', ...keys.map((k) => report.coldStart.bareSteps[k])]]))
}
if (report.appMemory) console.log(`\nThe app (dist/) after its first visit imported ${report.appMemory.records} records and loaded them (${report.appMemory.route}): JS heap ${report.appMemory.heapMB} MB; the first visit took ${(report.appMemory.firstVisitToDataMs / 1000).toFixed(1)} s from navigation to the data shown.`)
