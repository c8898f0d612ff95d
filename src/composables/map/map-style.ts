/** How each marker kind and category looks (shared by the canvas layer, legend and list; no Leaflet here). */
import type { CircleMarkerOptions } from 'leaflet'
import type { MarkerKind } from '@/domain/map-markers'

export const KIND_STYLE: Record<MarkerKind, { radius: number; weight: number; dashArray?: string; color: string }> = {
  spot: { radius: 7, weight: 2, color: '#1d2b2a' },
  event: { radius: 8, weight: 3, dashArray: '3 3', color: '#6b2a00' },
  checkpoint: { radius: 9, weight: 5, color: '#2a2360' },
}

export const CATEGORY_FILL: Record<string, string> = {
  nature: '#4caf50',
  history: '#c0833a',
  culture: '#8e5bb5',
  onsen: '#e0607e',
  food: '#f2a900',
  shopping: '#3aa6b9',
  experience: '#e8743b',
  facility: '#7f8c8d',
  festival: '#e53935',
  sports: '#1e88e5',
  migration: '#00897b',
  business: '#5d6d7e',
  rally: '#ffd54f',
  other: '#b0b0b0',
}

/** A canvas circle marker's look: kinds differ by outline pattern and size, not only colour; categories by fill. */
export function markerStyle(kind: MarkerKind, category: string): CircleMarkerOptions {
  const k = KIND_STYLE[kind]
  return { radius: k.radius, weight: k.weight, dashArray: k.dashArray, color: k.color, opacity: 1, fillColor: CATEGORY_FILL[category] ?? CATEGORY_FILL.other, fillOpacity: 0.9 }
}
