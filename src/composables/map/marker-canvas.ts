/**
 * The canvas the map's single markers are drawn on: Leaflet's canvas renderer with one fix.
 *
 * Leaflet 1.9.4's canvas asks for a redraw in the next animation frame (`_requestRedraw`), but a redraw
 * that runs sooner (`_updatePaths` after a move) forgets that request without cancelling it; removing
 * the map then cancels nothing, and the forgotten frame draws on the removed canvas:
 * "undefined is not an object (evaluating 'this._ctx.save')" when the map was left right after a move
 * (seen in WebKit). A redraw without a drawing context is skipped.
 */
import L from './leaflet'

interface CanvasInternals {
  _ctx?: CanvasRenderingContext2D
  _redraw(): void
}

const redraw = (L.Canvas.prototype as unknown as CanvasInternals)._redraw

const MarkerCanvas = L.Canvas.extend({
  _redraw(this: CanvasInternals) {
    if (this._ctx) redraw.call(this)
  },
}) as unknown as new (options?: L.RendererOptions) => L.Canvas

export function markerCanvas(options: L.RendererOptions): L.Canvas {
  return new MarkerCanvas(options)
}
