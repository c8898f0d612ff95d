import { afterEach, describe, expect, it } from 'vitest'
import { untilPresent } from '@/modules/router'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('untilPresent: a link to one card waits for the card (long lists fill in a slice at a time)', () => {
  it('resolves with the card once a later task has rendered it', async () => {
    const waiting = untilPresent('scheme-later')
    setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<article id="scheme-later"></article>'), 30)
    expect((await waiting)?.id).toBe('scheme-later')
  })

  it('resolves at once with a card already there, and with nothing when no card comes within the wait', async () => {
    document.body.insertAdjacentHTML('beforeend', '<article id="scheme-here"></article>')
    expect((await untilPresent('scheme-here', 0))?.id).toBe('scheme-here')
    expect(await untilPresent('scheme-missing', 50)).toBeNull()
  })

  it('gives up once the person moves on their own: a card that comes later does not take them to it', async () => {
    let moved = false
    const waiting = untilPresent('scheme-late', 3000, () => moved)
    setTimeout(() => (moved = true), 20)
    setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<article id="scheme-late"></article>'), 60)
    expect(await waiting).toBeNull()
  })
})
