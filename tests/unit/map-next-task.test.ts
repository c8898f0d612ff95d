import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useNextTask } from '@/composables/map/useNextTask'

/** The map's start-up steps, each in a task of its own (issue 18): what a long first visit was split into. */
describe('useNextTask', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function inScope() {
    const scope = effectScope()
    const task = scope.run(() => useNextTask())!
    return { task, stop: () => scope.stop() }
  }

  it('runEach runs each piece of work in a task of its own, in order', () => {
    const { task } = inScope()
    const done: string[] = []
    task.runEach([() => done.push('view'), () => done.push('tiles'), () => done.push('canvas')])
    expect(done).toEqual([])
    vi.advanceTimersToNextTimer()
    expect(done).toEqual(['view'])
    vi.advanceTimersToNextTimer()
    expect(done).toEqual(['view', 'tiles'])
    vi.advanceTimersToNextTimer()
    expect(done).toEqual(['view', 'tiles', 'canvas'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a newer call replaces the work still pending', () => {
    const { task } = inScope()
    const done: string[] = []
    task.runEach([() => done.push('first'), () => done.push('second')])
    vi.advanceTimersToNextTimer()
    task.run(() => done.push('newer'))
    vi.runAllTimers()
    expect(done).toEqual(['first', 'newer'])
  })

  it('nothing pending runs once its component has gone', () => {
    const { task, stop } = inScope()
    const done: string[] = []
    task.runEach([() => done.push('view'), () => done.push('tiles')])
    vi.advanceTimersToNextTimer()
    stop()
    vi.runAllTimers()
    expect(done).toEqual(['view'])
  })
})
