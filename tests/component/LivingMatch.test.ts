import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { closeDb } from '@/data/db'
import { getSetting } from '@/data/repositories/user-repo'
import { replaceSnapshot } from '@/data/repositories/snapshot-repo'
import LivingMatchPage from '@/pages/LivingMatchPage.vue'
import { ANSWERS_SETTING, SAVED_RESULTS_SETTING } from '@/stores/living'
import { livingSnapshot } from '../fixtures/living'
import { mountApp } from '../fixtures/mount-app'
import { freshDatabase } from '../fixtures/fresh-database'

beforeEach(freshDatabase)
afterEach(closeDb)

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

async function answerFamily(wrapper: Wrapper) {
  const form = wrapper.find('[data-testid="questionnaire"]')
  await form.find('input[name="household"][value="children"]').setValue(true)
  await form.find('input[name="work"][value="telework"]').setValue(true)
  await form.find('input[name="trialStay"][value="yes"]').setValue(true)
  expect((form.find('select[name="town"]').element as HTMLSelectElement).value).toBe('undecided')
  await form.trigger('submit')
  await flushPromises()
}

describe('LivingMatchPage: the questionnaire', () => {
  it('a couple with children, teleworking, town undecided: trial-stay rent aid and childcare schemes fit, with reasons', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountApp(LivingMatchPage)
    expect(wrapper.find('[data-testid="match-results"]').exists()).toBe(false)
    await answerFamily(wrapper)
    const matched = wrapper.find('[data-testid="matched-schemes"]')
    const ids = matched.findAll('[data-testid="scheme-card"]').map((c) => c.attributes('data-scheme-id'))
    expect(ids).toEqual(['scheme-otameshi-kurashi', 'scheme-kosodate-app-35203', 'scheme-kosodate-app-35204', 'scheme-yamaguchi-library', 'scheme-ijuu-soudan-35204'])
    const reasons = (id: string) => matched.find(`[data-scheme-id="${id}"] [data-testid="match-reasons"]`).findAll('li').map((li) => li.text())
    expect(reasons('scheme-otameshi-kurashi')).toEqual(['圏域全体（7市町共通）の制度です', 'おためし暮らしに関心がある方向けです', '移住を考えている方向けです'])
    expect(reasons('scheme-kosodate-app-35203')).toEqual(['山口市の制度です（移住先はまだ決めていない）', '世帯（子どもがいる世帯）が対象です', '子育て世帯が対象です'])
    const unmatched = wrapper.findAll('[data-testid="unmatched-scheme"]').map((li) => li.text())
    expect(unmatched).toEqual([expect.stringContaining('企業訪問バスツアー'), expect.stringContaining('中小企業の事業承継支援事業')])
    expect(unmatched[0]).toContain('対象は「学生」の方です')
    expect(unmatched[1]).toContain('対象は「事業を継ぐ」の方です')
  })

  it('keeps the answers on this device and brings them back', async () => {
    await replaceSnapshot(await livingSnapshot())
    const first = await mountApp(LivingMatchPage)
    await answerFamily(first.wrapper)
    expect(JSON.parse(String(await getSetting(ANSWERS_SETTING)))).toEqual({ household: 'children', work: 'telework', municipality: 'undecided', trialStay: true })
    first.wrapper.unmount()
    const second = await mountApp(LivingMatchPage)
    await flushPromises()
    expect((second.wrapper.find('input[name="household"][value="children"]').element as HTMLInputElement).checked).toBe(true)
    expect(second.wrapper.find('[data-testid="matched-schemes"]').exists()).toBe(true)
    await second.wrapper.find('[data-testid="questionnaire"] button[type="button"]').trigger('click')
    await flushPromises()
    expect(second.wrapper.find('[data-testid="match-results"]').exists()).toBe(false)
    expect(await getSetting(ANSWERS_SETTING)).toBeNull()
  })

  it('saves the result list on the device and says so', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountApp(LivingMatchPage, { locale: 'en' })
    await answerFamily(wrapper)
    const save = wrapper.findAll('button').find((b) => b.text() === 'Save these results on this device')!
    await save.trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[role="status"]').text()).toMatch(/^Results saved/))
    const stored = JSON.parse(String(await getSetting(SAVED_RESULTS_SETTING)))
    expect(stored.matched).toEqual(['scheme-otameshi-kurashi', 'scheme-kosodate-app-35203', 'scheme-kosodate-app-35204', 'scheme-yamaguchi-library', 'scheme-ijuu-soudan-35204'])
    expect(wrapper.find('[data-testid="saved-results"]').text()).toContain('5 schemes')
  })

  it('a student who chose 萩市 sees why the others do not fit, in English', async () => {
    await replaceSnapshot(await livingSnapshot())
    const { wrapper } = await mountApp(LivingMatchPage, { locale: 'en' })
    const form = wrapper.find('[data-testid="questionnaire"]')
    await form.find('select[name="town"]').setValue('35204')
    await form.find('input[name="household"][value="single"]').setValue(true)
    await form.find('input[name="work"][value="student"]').setValue(true)
    await form.find('input[name="trialStay"][value="no"]').setValue(true)
    await form.trigger('submit')
    await flushPromises()
    const ids = wrapper.find('[data-testid="matched-schemes"]').findAll('[data-testid="scheme-card"]').map((c) => c.attributes('data-scheme-id'))
    expect(ids).toEqual(['scheme-kigyo-homon-bus', 'scheme-ijuu-soudan-35204'])
    const why = wrapper.findAll('[data-testid="unmatched-scheme"]').map((li) => li.text())
    expect(why.find((t) => t.startsWith('Trial-stay rent subsidy'))).toContain('Only for people taking a trial stay')
    expect(why.find((t) => t.startsWith('Child-raising app (Yamaguchi)'))).toContain('A scheme of Yamaguchi City, not the town you chose')
    expect(why.find((t) => t.startsWith('Business succession'))).toContain('Only for: Taking over a business')
  })
})
