/** The app's language loader: one message chunk per language, Japanese kept as the fallback. */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { i18n, setLocale } from '@/modules/i18n'

describe('language loading', () => {
  it('loads English as one set of messages, keeps Japanese for fallback, and sets <html lang>', async () => {
    await setLocale('en', false)
    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(i18n.global.t('spots.openNowOnly')).toBe('Open now only')
    // Every feature area's file is in the one chunk.
    for (const key of ['app.title', 'events.heading', 'rally.heading', 'living.heading', 'map.heading']) expect(i18n.global.te(key, 'en'), key).toBe(true)
    expect(i18n.global.availableLocales).toEqual(expect.arrayContaining(['ja', 'en']))
    expect(i18n.global.te('spots.openNowOnly', 'ja')).toBe(true)

    await setLocale('ja', false)
    expect(i18n.global.t('spots.openNowOnly')).toBe('いま営業時間内のみ')
    expect(document.documentElement.lang).toBe('ja')
  })
})
