/**
 * Hydration in turns (issue 18). A prerendered page was hydrated in one task: Vue's set-up, render and walk of every
 * component on the screen, 100–150 ms at 4× CPU on Home, the longest task of a first visit. The parts of a screen
 * wrapped with `inTurn` keep their prerendered HTML at mount and are hydrated afterwards, a few at a time, each batch
 * in a task of its own of about `BATCH_MS`, so the page's thread is free between them (a tap, a frame).
 *
 * What a wrapped part shows must not change before its turn: it is hydrated against its HTML with the state of that
 * moment, and a difference is a mismatch (Vue fixes the text, not the classes or attributes). So a wrapped part takes
 * no props; start-up (main.ts) shows the stored data, the person's data and the network status only once
 * `allHydrated()`; and whatever else could change the screen first (a navigation, a change of language, the person's
 * first tap or key) hydrates every waiting part at once (`hydrateNow`). On a render in the browser (a route opened
 * later, English, a query) the wrapper is transparent: the part renders at once, as before.
 */
import { defineAsyncComponent, type Component, type HydrationStrategy } from 'vue'

/** A batch stops after this much of the thread; one part is hydrated whatever its size. */
const BATCH_MS = 5

const waiting: (() => void)[] = []
let whenDone: (() => void)[] = []
let scheduled = false

/** Hydrates waiting parts until `until` (performance.now()), then schedules the rest or settles. */
function drain(until: number) {
  try {
    while (waiting.length && performance.now() < until) waiting.shift()!()
  } finally {
    // Vue reports a part's own errors; anything else thrown here holds neither the other parts nor the data.
    if (waiting.length) schedule()
    else settle()
  }
}

function runBatch() {
  scheduled = false
  drain(performance.now() + BATCH_MS)
}

function schedule() {
  if (scheduled) return
  scheduled = true
  setTimeout(runBatch, 0)
}

function settle() {
  listenForInput(false)
  const done = whenDone
  whenDone = []
  for (const resolve of done) resolve()
}

/** Every waiting part, hydrated now, before what is about to change the screen. */
export function hydrateNow() {
  drain(Infinity)
}

/** The person's first tap or key (before its click or input) while parts wait: a tapped link then goes through the router. */
const INPUT = ['pointerdown', 'keydown'] as const
let listening = false
function listenForInput(on: boolean) {
  if (on === listening || typeof document === 'undefined') return
  listening = on
  for (const type of INPUT) {
    if (on) document.addEventListener(type, hydrateNow, { capture: true, passive: true })
    else document.removeEventListener(type, hydrateNow, { capture: true })
  }
}

/** Vue calls this as it meets a wrapped part in the prerendered HTML; unmounted before its turn, the part leaves the queue. */
const inTurnStrategy: HydrationStrategy = (hydrate) => {
  waiting.push(hydrate)
  listenForInput(true)
  schedule()
  return () => {
    const at = waiting.indexOf(hydrate)
    if (at >= 0) waiting.splice(at, 1)
    if (!waiting.length) settle()
  }
}

/**
 * `component`, hydrated in its turn after the page's mount (see above). Its module stays where it was: no extra
 * chunk. Make it once, beside the imports, not in a set-up: it is ready a microtask later, and from then on renders at
 * once wherever there is nothing to hydrate.
 */
export function inTurn<T extends Component>(component: T): T {
  const wrapper = defineAsyncComponent({ loader: () => Promise.resolve(component), hydrate: inTurnStrategy })
  // Vue's loader of an async component (what vue-router calls too): resolved now, the wrapper needs no second render.
  void (wrapper as { __asyncLoader?: () => Promise<unknown> }).__asyncLoader?.()
  return wrapper as T
}

/** Resolves once every wrapped part met by the mount has been hydrated; at the next task if there were none. */
export function allHydrated(): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(() => {
      if (waiting.length || scheduled) whenDone.push(resolve)
      else resolve()
    }, 0),
  )
}
