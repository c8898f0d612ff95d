/**
 * Drag to reorder a list rendered by Vue, with SortableJS: the person drags an item by its handle
 * (mouse, touch or pen, one code path: Sortable's pointer fallback, since iOS Safari has no HTML5
 * drag and drop), and `onMove(from, to)` receives the indices. Vue stays the owner of the DOM:
 * Sortable's own move is put back before the data changes, so Vue re-renders the new order.
 * The keyboard alternative (move up / down buttons) lives with the list itself.
 */
import Sortable from 'sortablejs'
import { onBeforeUnmount, watch, type Ref } from 'vue'

export function useSortableList(list: Ref<HTMLElement | null>, options: { handle: string; disabled: () => boolean; onMove: (from: number, to: number) => void }) {
  let sortable: Sortable | null = null
  watch(
    [list, options.disabled],
    ([el, disabled]) => {
      sortable?.destroy()
      sortable = null
      if (!el || disabled) return
      sortable = Sortable.create(el, {
        handle: options.handle,
        draggable: '[data-sortable-item]',
        forceFallback: true,
        fallbackOnBody: true,
        fallbackTolerance: 4,
        animation: 150,
        ghostClass: 'sortable-ghost',
        onEnd(event) {
          const { item, from, oldIndex, newIndex } = event
          if (oldIndex === undefined || newIndex === undefined || oldIndex === newIndex) return
          // Put the element back where Vue rendered it; the new order comes from the data.
          item.remove()
          const items = [...from.querySelectorAll(':scope > [data-sortable-item]')]
          from.insertBefore(item, items[oldIndex] ?? null)
          options.onMove(oldIndex, newIndex)
        },
      })
    },
    { immediate: true, flush: 'post' },
  )
  onBeforeUnmount(() => sortable?.destroy())
}
