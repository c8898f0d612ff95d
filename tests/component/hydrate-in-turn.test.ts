/**
 * Parts of a prerendered page hydrated in turns (src/modules/hydrate-in-turn.ts): the mount leaves them as they were
 * rendered on the server, they become live afterwards, a batch per task, and start-up learns when all are.
 */
/* eslint-disable vue/one-component-per-file -- each test builds the small page it hydrates */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, createSSRApp, defineComponent, h, ref, type Component } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { allHydrated, inTurn } from '@/modules/hydrate-in-turn'

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A counter button: its clicks count only once it is hydrated. `busyMs` makes its set-up take that long. */
function counter(name: string, busyMs = 0): Component {
  return defineComponent({
    name,
    setup() {
      const until = performance.now() + busyMs
      while (performance.now() < until) {
        /* a set-up as slow as a large part's */
      }
      const n = ref(0)
      return () => h('button', { 'data-part': name, onClick: () => n.value++ }, `${name} ${n.value}`)
    },
  })
}

/** Renders `root` on the "server", puts the HTML in a page and hydrates it there. */
async function hydratePage(root: Component) {
  const html = await renderToString(createSSRApp(root))
  const el = document.createElement('div')
  el.innerHTML = html
  document.body.append(el)
  const app = createSSRApp(root)
  app.mount(el)
  const click = async (name: string) => {
    el.querySelector<HTMLButtonElement>(`[data-part="${name}"]`)!.click()
    await Promise.resolve()
    await Promise.resolve()
    return el.querySelector(`[data-part="${name}"]`)!.textContent
  }
  return { el, app, click }
}

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('hydration in turns', () => {
  it('leaves a wrapped part as prerendered at mount and makes it live once all are hydrated, without a mismatch', async () => {
    const warn = vi.spyOn(console, 'warn')
    const error = vi.spyOn(console, 'error')
    const Later = inTurn(counter('later'))
    const Now = counter('now')
    const { el, click } = await hydratePage({ render: () => h('main', [h(Now), h(Later)]) })
    const done = allHydrated()

    expect(el.textContent).toBe('now 0later 0')
    expect(await click('now')).toBe('now 1')
    expect(await click('later')).toBe('later 0')

    await done
    expect(await click('later')).toBe('later 1')
    expect(el.querySelectorAll('button')).toHaveLength(2)
    expect([...warn.mock.calls, ...error.mock.calls].flat().join(' ')).not.toMatch(/hydration|mismatch/i)
  })

  it('hydrates a part larger than a batch in a task of its own, and the next part in the next task', async () => {
    const First = inTurn(counter('first', 12))
    const Second = inTurn(counter('second'))
    const { click } = await hydratePage({ render: () => h('main', [h(First), h(Second)]) })
    const done = allHydrated()

    await nextTask()
    expect(await click('first')).toBe('first 1')
    expect(await click('second')).toBe('second 0')

    await done
    expect(await click('second')).toBe('second 1')
  })

  it('hydrates every waiting part at the first tap, so the tap reaches a part whose turn had not come', async () => {
    const Later = inTurn(counter('tapped'))
    const { el, click } = await hydratePage({ render: () => h('main', [h(Later)]) })
    const done = allHydrated()

    el.querySelector('[data-part="tapped"]')!.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    expect(await click('tapped')).toBe('tapped 1')
    await done
  })

  it('settles when a part is unmounted before its turn', async () => {
    const shown = ref(true)
    const Gone = inTurn(counter('gone'))
    const Root = defineComponent({ setup: () => () => h('main', [shown.value ? h(Gone) : h('p', 'none')]) })
    const { el } = await hydratePage(Root)
    const done = allHydrated()
    await Promise.resolve()
    shown.value = false
    await Promise.resolve()

    await expect(Promise.race([done.then(() => 'settled'), new Promise((r) => setTimeout(() => r('waiting'), 200))])).resolves.toBe('settled')
    expect(el.textContent).toBe('none')
  })

  it('resolves at once when a page has nothing to hydrate in turn', async () => {
    await hydratePage({ render: () => h('main', [h(counter('plain'))]) })
    await expect(Promise.race([allHydrated().then(() => 'settled'), new Promise((r) => setTimeout(() => r('waiting'), 50))])).resolves.toBe('settled')
  })

  it('renders a wrapped part at once where there is nothing to hydrate (a page rendered in the browser)', async () => {
    const Client = inTurn(counter('client'))
    await nextTask()
    const el = document.createElement('div')
    document.body.append(el)
    createApp({ render: () => h('main', [h(Client)]) }).mount(el)
    expect(el.textContent).toBe('client 0')
    el.querySelector('button')!.click()
    await Promise.resolve()
    expect(el.textContent).toBe('client 1')
  })
})
