/**
 * A long list appears a slice at a time: the first screenful at once, the rest in later tasks, marked
 * busy until it is all there; a list that changes keeps what is on screen (no jump to the top).
 */
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref, type Ref } from 'vue'
import { useProgressiveList } from '@/composables/useProgressiveList'
import { FIRST_CARDS } from '@/domain/first-screen'

function listOf(n: number, prefix = 'item') {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`)
}

/** `first`: the first slice, or 'default' for the list's own. */
function mountList(items: Ref<string[]>, first: number | 'default' = 24) {
  /** The list's length after each render. */
  const sizes: number[] = []
  const List = defineComponent({
    setup() {
      const { shown, complete } = useProgressiveList(items, { ...(first === 'default' ? {} : { first }), budgetMs: 1, maxStep: 20 })
      return () => {
        sizes.push(shown.value.length)
        return h('ul', { 'aria-busy': String(!complete.value) }, shown.value.map((s) => h('li', { key: s }, s)))
      }
    },
  })
  return { wrapper: mount(List), sizes }
}

describe('a long list', () => {
  it('shows a screenful of cards at once by default: the number a prerendered /spots carries', () => {
    const { wrapper } = mountList(ref(listOf(300)), 'default')
    expect(wrapper.findAll('li')).toHaveLength(FIRST_CARDS)
  })
  it('shows the first screenful at once, then fills in over later tasks, a slice at a time, busy until complete', async () => {
    const items = ref(listOf(300))
    const { wrapper, sizes } = mountList(items)
    expect(wrapper.findAll('li')).toHaveLength(24)
    expect(wrapper.get('ul').attributes('aria-busy')).toBe('true')
    await vi.waitFor(() => expect(wrapper.findAll('li')).toHaveLength(300), { timeout: 5000 })
    expect(wrapper.get('ul').attributes('aria-busy')).toBe('false')
    expect(wrapper.findAll('li').map((li) => li.text())).toEqual(items.value)
    // Never more than one slice (here at most 20) per render after the first screenful.
    const steps = sizes.slice(1).map((size, i) => size - sizes[i]!)
    expect(sizes[0]).toBe(24)
    expect(Math.max(...steps)).toBeLessThanOrEqual(20)
    expect(sizes.length).toBeGreaterThanOrEqual(1 + Math.ceil((300 - 24) / 20))
  })

  it('a short list is complete at once', async () => {
    const { wrapper } = mountList(ref(listOf(10)))
    expect(wrapper.findAll('li')).toHaveLength(10)
    expect(wrapper.get('ul').attributes('aria-busy')).toBe('false')
  })

  it('a changed list keeps what was on screen and fills in the rest; a shorter one shows all of itself', async () => {
    const items = ref(listOf(300))
    const { wrapper } = mountList(items)
    await vi.waitFor(() => expect(wrapper.findAll('li')).toHaveLength(300), { timeout: 5000 })
    items.value = listOf(10, 'filtered')
    await wrapper.vm.$nextTick()
    expect(wrapper.findAll('li').map((li) => li.text())).toEqual(listOf(10, 'filtered'))
    items.value = listOf(400, 'all')
    await wrapper.vm.$nextTick()
    // The 300 already shown stay; the other 100 follow.
    expect(wrapper.findAll('li')).toHaveLength(300)
    await vi.waitFor(() => expect(wrapper.findAll('li')).toHaveLength(400), { timeout: 5000 })
  })
})
