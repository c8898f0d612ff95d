/** Distances along a model route (straight lines between consecutive stops). Pure: no Vue. */
import { distanceM } from './geo'
import type { Route } from './snapshot-schema'

export interface RouteLegs {
  /** legs[i]: metres from stop i to stop i + 1. */
  legs: number[]
  total: number
}

export function routeLegs(route: Pick<Route, 'stops'>): RouteLegs {
  const legs: number[] = []
  for (let i = 0; i + 1 < route.stops.length; i++) legs.push(distanceM(route.stops[i]!.point, route.stops[i + 1]!.point))
  return { legs, total: legs.reduce((a, b) => a + b, 0) }
}
