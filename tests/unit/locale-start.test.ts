/**
 * The language of the first render: the setting's copy on this device answers at once (a cold start need not wait for
 * IndexedDB to open); the database's answer comes after and wins.
 */
import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LOCALE_COPY_KEY } from '@/domain/storage-keys'
import { toBackup } from '@/domain/user-data'
import { browserLocale, i18n, prepareLocale, setLocale } from '@/modules/i18n'
import { useUserDataStore } from '@/stores/user-data'
import { freshDatabase } from '../fixtures/fresh-database'

/** The language setting's read from the database, held: the test answers it (or never does). */
function holdSettingRead() {
  let answer!: (value: unknown) => void
  let fail!: (error: unknown) => void
  const promise = new Promise<unknown>((resolve, reject) => {
    answer = resolve
    fail = reject
  })
  vi.spyOn(useUserDataStore(), 'setting').mockReturnValue(promise as never)
  return { answer, fail }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the language of the first render', () => {
  // The test browser prefers English: a Japanese copy is told apart from the browser's language.
  beforeEach(async () => {
    expect(browserLocale()).toBe('en')
    await freshDatabase()
    setActivePinia(createPinia())
    localStorage.clear()
    await setLocale('ja', false)
  })

  afterEach(() => vi.restoreAllMocks())

  it("with the setting's copy on the device, the first render is in that language before the database answers", async () => {
    localStorage.setItem(LOCALE_COPY_KEY, 'ja')
    holdSettingRead() // never answered
    await setLocale('en', false)
    await prepareLocale()
    expect(i18n.global.locale.value).toBe('ja')
    expect(document.documentElement.lang).toBe('ja')
  })

  it("without a copy, it waits for the database's answer and keeps a copy of it", async () => {
    const read = holdSettingRead()
    let ready = false
    const preparing = prepareLocale().then(() => (ready = true))
    await settle()
    expect(ready).toBe(false)
    read.answer('ja')
    await preparing
    expect(i18n.global.locale.value).toBe('ja')
    expect(localStorage.getItem(LOCALE_COPY_KEY)).toBe('ja')
  })

  it("when the database says otherwise, its language wins and the copy follows it", async () => {
    localStorage.setItem(LOCALE_COPY_KEY, 'ja')
    const read = holdSettingRead()
    await prepareLocale()
    expect(i18n.global.locale.value).toBe('ja')
    read.answer('en')
    await vi.waitFor(() => expect(i18n.global.locale.value).toBe('en'))
    expect(localStorage.getItem(LOCALE_COPY_KEY)).toBe('en')
  })

  it("the database's different answer waits until the page has been hydrated in the copy's language", async () => {
    localStorage.setItem(LOCALE_COPY_KEY, 'ja')
    const read = holdSettingRead()
    let hydrated!: () => void
    await prepareLocale({ switchAfter: new Promise<void>((resolve) => (hydrated = resolve)) })
    read.answer('en')
    await settle()
    expect(i18n.global.locale.value).toBe('ja')
    hydrated()
    await vi.waitFor(() => expect(i18n.global.locale.value).toBe('en'))
  })

  it('a language a backup adds to this device is the next start’s copy', async () => {
    await prepareLocale()
    const user = useUserDataStore()
    await user.load()
    expect(localStorage.getItem(LOCALE_COPY_KEY)).toBe('')
    const file = JSON.stringify(toBackup({ stamps: [], favorites: [], settings: [{ key: 'locale', value: 'en' }], savedAreas: [] }, new Date('2026-12-01T00:00:00Z')))
    expect(await user.importFile(file)).toMatchObject({ ok: true, added: { settings: 1 } })
    await vi.waitFor(() => expect(localStorage.getItem(LOCALE_COPY_KEY)).toBe('en'))
  })

  it('a copy saying no language was chosen follows the browser, and a database that cannot be read leaves the copy alone', async () => {
    localStorage.setItem(LOCALE_COPY_KEY, '')
    const read = holdSettingRead()
    await prepareLocale()
    expect(i18n.global.locale.value).toBe('en')
    read.fail(new Error('blocked'))
    await settle()
    expect(i18n.global.locale.value).toBe('en')
    expect(localStorage.getItem(LOCALE_COPY_KEY)).toBe('')
  })

  it('a language the person chooses while the database is slow stays chosen', async () => {
    localStorage.setItem(LOCALE_COPY_KEY, 'ja')
    const read = holdSettingRead()
    await prepareLocale()
    await setLocale('en', false)
    read.answer('ja')
    await settle()
    expect(i18n.global.locale.value).toBe('en')
  })

  it('a language the person chooses is saved, and its copy kept for the next start', async () => {
    await setLocale('en')
    expect(await useUserDataStore().setting('locale')).toBe('en')
    expect(localStorage.getItem(LOCALE_COPY_KEY)).toBe('en')
  })
})
