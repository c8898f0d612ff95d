import type { App } from 'vue'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { hydrateNow } from './hydrate-in-turn'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/pages/HomePage.vue') },
  { path: '/map', name: 'map', component: () => import('@/pages/MapPage.vue') },
  { path: '/events', name: 'events', component: () => import('@/pages/EventsPage.vue') },
  { path: '/rally', name: 'rally', component: () => import('@/pages/RallyPage.vue') },
  { path: '/rally/:id', name: 'rally-detail', component: () => import('@/pages/RallyDetailPage.vue'), props: true },
  { path: '/rally/:id/complete', name: 'rally-complete', component: () => import('@/pages/RallyCompletePage.vue'), props: true },
  {
    // Children of /living, so the bottom navigation's くらし・移住 stays highlighted on every living page.
    path: '/living',
    children: [
      { path: '', name: 'living', component: () => import('@/pages/LivingPage.vue') },
      { path: 'match', name: 'living-match', component: () => import('@/pages/LivingMatchPage.vue') },
      { path: 'towns', name: 'living-towns', component: () => import('@/pages/LivingTownsPage.vue') },
      { path: 'towns/:code', name: 'living-town', component: () => import('@/pages/LivingTownPage.vue'), props: true },
      { path: 'compare', name: 'living-compare', component: () => import('@/pages/LivingComparePage.vue') },
    ],
  },
  { path: '/spots', name: 'spots', component: () => import('@/pages/SpotsPage.vue') },
  { path: '/spots/:id', name: 'spot', component: () => import('@/pages/SpotDetailPage.vue'), props: true },
  { path: '/events/:id', name: 'event', component: () => import('@/pages/EventDetailPage.vue'), props: true },
  { path: '/routes', name: 'routes', component: () => import('@/pages/RoutesPage.vue') },
  { path: '/routes/:id', name: 'route', component: () => import('@/pages/RouteDetailPage.vue'), props: true },
  { path: '/search', name: 'search', component: () => import('@/pages/SearchPage.vue') },
  { path: '/saved', name: 'saved', component: () => import('@/pages/SavedPage.vue') },
  { path: '/my-data', name: 'my-data', component: () => import('@/pages/MyDataPage.vue') },
  { path: '/organise', name: 'organise', component: () => import('@/pages/OrganisePage.vue') },
  { path: '/trips', name: 'trips', component: () => import('@/pages/TripsPage.vue') },
  { path: '/trips/shared', name: 'trip-shared', component: () => import('@/pages/SharedTripPage.vue') },
  { path: '/trips/:id', name: 'trip', component: () => import('@/pages/TripPage.vue'), props: true },
  { path: '/about', name: 'about', component: () => import('@/pages/AboutPage.vue') },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue') },
]

/** How long a return to a saved position waits for the page to grow back. */
const RESTORE_WAIT_MS = 3000

/** Resolves with the first truthy answer of `check`, asked once per frame, or with its answer after `waitMs`. */
function untilTrue<T>(check: () => T, waitMs: number): Promise<T> {
  const started = performance.now()
  return new Promise((resolve) => {
    const ask = () => {
      const answer = check()
      if (answer || performance.now() - started > waitMs) resolve(answer)
      else requestAnimationFrame(ask)
    }
    ask()
  })
}

/** Resolves once the page can scroll to `top` (or after RESTORE_WAIT_MS, and then it scrolls as far as it can). */
export function untilScrollable(top: number, waitMs = RESTORE_WAIT_MS): Promise<void> {
  return untilTrue(() => document.documentElement.scrollHeight - window.innerHeight >= top, waitMs).then(() => undefined)
}

/**
 * Resolves with the element of that id once it is in the page (a long list fills in a slice at a time, and a first
 * visit's list waits for its data), or with null after `waitMs` or once `givenUp` says so.
 */
export function untilPresent(id: string, waitMs = RESTORE_WAIT_MS, givenUp: () => boolean = () => false): Promise<HTMLElement | null> {
  return untilTrue(() => (givenUp() ? 'given up' : document.getElementById(id)), waitMs).then((found) => (found instanceof HTMLElement ? found : null))
}

/** What the person does to scroll or move on their own: a card that comes later no longer takes them to it. */
const OWN_MOVES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const

/**
 * Where a link to one scheme card scrolls (`#scheme-<id>`: Saved, search): to the card, once it is there (the list
 * renders it a few tasks later); until then the page is at its top. If the person scrolls or taps meanwhile, it stays
 * where they are. Any other hash: its element if there is one, else the top.
 */
function toCard(hash: string) {
  const id = decodeURIComponent(hash.slice(1))
  const present = document.getElementById(id)
  if (present) return { el: present }
  if (!id.startsWith('scheme-')) return { top: 0 }
  window.scrollTo(0, 0)
  let moved = false
  const onMove = () => (moved = true)
  for (const type of OWN_MOVES) window.addEventListener(type, onMove, { capture: true, passive: true })
  return untilPresent(id, RESTORE_WAIT_MS, () => moved).then((el) => {
    for (const type of OWN_MOVES) window.removeEventListener(type, onMove, { capture: true })
    return el ? { el } : false
  })
}

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior(to, _from, saved) {
      // Back to a list: wait until the page is long enough again (long lists fill in a slice at a time).
      if (saved) return untilScrollable(saved.top ?? 0).then(() => saved)
      // #scheme-<id> links (Saved, search) scroll to that card; ids may hold "." or ":".
      return to.hash ? toCard(to.hash) : { top: 0 }
    },
  })
}

export function installRouter(app: App) {
  const router = createAppRouter()
  // A navigation while parts of a prerendered page wait for their turn: they are hydrated first, as the page they show.
  router.beforeEach(() => hydrateNow())
  app.use(router)
  return router
}
