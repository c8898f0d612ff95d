import { describe, expect, it } from 'vitest'
import { isIos, keepAdvice, needsBackupReminder, type KeepContext } from '@/domain/keep-data'

const base: KeepContext = { standalone: false, ios: false, installable: false, persist: 'not-granted', hasData: true }

describe('what to tell a person about keeping their data', () => {
  it.each<[string, Partial<KeepContext>, ReturnType<typeof keepAdvice>]>([
    ['iPhone Safari tab with stamps: the Home Screen steps', { ios: true }, 'ios'],
    ['iPhone even when persistence looks granted (Safari still deletes after 7 days)', { ios: true, persist: 'granted' }, 'ios'],
    ['the installed app: nothing', { ios: true, standalone: true }, null],
    ['nothing saved yet: nothing', { ios: true, hasData: false }, null],
    ['Chromium that offers to install: the install button', { installable: true }, 'install'],
    ['a browser that does not protect the data: back up', {}, 'other'],
    ['a browser that protects it and cannot install: nothing', { persist: 'granted' }, null],
  ])('%s', (_what, change, advice) => {
    expect(keepAdvice({ ...base, ...change })).toBe(advice)
  })

  it('recognises iPhones and iPads (iPadOS says it is a Mac with touch), not Android or a desktop Mac', () => {
    expect(isIos('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)', 'iPhone', 5)).toBe(true)
    expect(isIos('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 'MacIntel', 5)).toBe(true)
    expect(isIos('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 'MacIntel', 0)).toBe(false)
    expect(isIos('Mozilla/5.0 (Linux; Android 14; Pixel 8)', 'Linux armv8l', 5)).toBe(false)
  })

  it('reminds to back up new stamps only while the data is unprotected, and not again at the same count', () => {
    expect(needsBackupReminder({ persist: 'not-granted', unsavedStamps: 2, stamps: 5, dismissedAtStamps: null })).toBe(true)
    expect(needsBackupReminder({ persist: 'granted', unsavedStamps: 2, stamps: 5, dismissedAtStamps: null })).toBe(false)
    expect(needsBackupReminder({ persist: 'not-granted', unsavedStamps: 0, stamps: 5, dismissedAtStamps: null })).toBe(false)
    expect(needsBackupReminder({ persist: 'not-granted', unsavedStamps: 2, stamps: 5, dismissedAtStamps: 5 })).toBe(false)
    expect(needsBackupReminder({ persist: 'not-granted', unsavedStamps: 3, stamps: 6, dismissedAtStamps: 5 })).toBe(true)
  })
})
