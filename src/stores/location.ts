/**
 * Where the person is, when they ask: one position at a time, kept in memory
 * only. It is never stored, never sent anywhere; it is dropped on reload.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Point } from '@/domain/snapshot-schema'

export interface UserPosition extends Point {
  /** Radius of 68% confidence, metres. */
  accuracy: number
  /** When the device took the fix (ms since epoch). */
  timestamp: number
}

export type LocationStatus = 'idle' | 'locating' | 'ok' | 'denied' | 'unavailable' | 'timeout' | 'unsupported'

function statusOf(error: GeolocationPositionError): LocationStatus {
  if (error.code === error.PERMISSION_DENIED) return 'denied'
  if (error.code === error.TIMEOUT) return 'timeout'
  return 'unavailable'
}

export const useLocationStore = defineStore('location', () => {
  const position = shallowRef<UserPosition | null>(null)
  const status = ref<LocationStatus>('idle')

  /**
   * Ask the device for one position. `maxAgeMs` 0 demands a fresh fix (check-ins);
   * lists may accept a recent one. Resolves to null on failure (see `status`).
   */
  function locate(options: { maxAgeMs?: number; timeoutMs?: number } = {}): Promise<UserPosition | null> {
    if (!('geolocation' in navigator)) {
      status.value = 'unsupported'
      return Promise.resolve(null)
    }
    status.value = 'locating'
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (p) => {
          position.value = { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy, timestamp: p.timestamp }
          status.value = 'ok'
          resolve(position.value)
        },
        (error) => {
          status.value = statusOf(error)
          resolve(null)
        },
        { enableHighAccuracy: true, maximumAge: options.maxAgeMs ?? 60_000, timeout: options.timeoutMs ?? 15_000 },
      )
    })
  }

  function forget() {
    position.value = null
    status.value = 'idle'
  }

  return { position, status, locate, forget }
})
