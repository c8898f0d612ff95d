// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import L from '@/composables/map/leaflet'
import { markerCanvas } from '@/composables/map/marker-canvas'

/** jsdom has no 2D canvas: a context that only records that it was drawn on. */
function fakeContext() {
  const calls: string[] = []
  const record = (name: string) => () => void calls.push(name)
  const ctx = new Proxy({}, { get: (_t, name) => (typeof name === 'string' ? record(name) : undefined), set: () => true })
  return { ctx, calls }
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

describe('the markers canvas', () => {
  let errors: unknown[]
  const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message)

  beforeEach(() => {
    errors = []
    window.addEventListener('error', onError)
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => fakeContext().ctx as unknown as CanvasRenderingContext2D)
  })
  afterEach(() => {
    window.removeEventListener('error', onError)
    vi.restoreAllMocks()
  })

  function mapWith(renderer: L.Canvas) {
    const el = document.createElement('div')
    document.body.append(el)
    const map = L.map(el).setView([34.18, 131.47], 10)
    const marker = L.circleMarker([34.18, 131.47], { renderer }).addTo(map)
    return { map, marker, renderer: renderer as unknown as { _requestRedraw(l: L.Layer): void; _updatePaths(): void } }
  }

  /** A redraw is asked for the next frame, then one runs at once (a move's update), then the map is left. */
  async function leaveRightAfterAMove(canvas: L.Canvas) {
    const { map, marker, renderer } = mapWith(canvas)
    await frame()
    renderer._requestRedraw(marker)
    renderer._updatePaths()
    map.remove()
    await frame()
    await frame()
  }

  it('leaving the map in the frame after a move draws nothing on the removed canvas (no error)', async () => {
    await leaveRightAfterAMove(markerCanvas({ padding: 0.3 }))
    expect(errors).toEqual([])
  })

  it('control: Leaflet’s own canvas throws in that frame (what the fix is for)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}) // jsdom also prints the uncaught error
    await leaveRightAfterAMove(L.canvas({ padding: 0.3 }))
    expect(errors.map(String).join(' ')).toMatch(/save/)
  })

  it('still draws the markers while the map is shown', async () => {
    const { ctx, calls } = fakeContext()
    vi.mocked(HTMLCanvasElement.prototype.getContext).mockImplementation(() => ctx as unknown as CanvasRenderingContext2D)
    const { map, marker, renderer } = mapWith(markerCanvas({ padding: 0.3 }))
    await frame()
    calls.length = 0
    renderer._requestRedraw(marker)
    await frame()
    expect(calls).toContain('arc')
    map.remove()
  })
})
