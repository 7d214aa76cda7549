import { describe, expect, it } from 'vitest'
import { judgeAll } from './judgement.js'
import type { CountRule } from './rule-set.js'

/** Every pass rule of a meeting must be met: the body's, then the category's special majorities. */
const basis = { law: '中华人民共和国农村土地承包法', version: '2018', article: '19(3)' }
const bodyPass: CountRule = { denominator: 'present', threshold: { comparator: 'gt', num: 1, den: 2 }, basis }
const twoThirds: CountRule = {
  denominator: 'adults',
  threshold: { comparator: 'gte', num: 2, den: 3 },
  basis,
}

describe('judgeAll: the decisive pass rule is the first that fails, else the last', () => {
  it('names the body’s failed majority even when the special majority is met', () => {
    // 6 present, 3 yes: exactly half of those present fails; 3 of 4 adults meets 2/3.
    const { pass, passes } = judgeAll([bodyPass, twoThirds], { present: 6, adults: 4 }, () => 3)
    expect(passes.map((p) => p.met)).toEqual([false, true])
    expect(pass).toBe(passes[0])
  })

  it('names the failed special majority after a met body majority', () => {
    const { pass, passes } = judgeAll([bodyPass, twoThirds], { present: 5, adults: 9 }, () => 5)
    expect(passes.map((p) => [p.base, p.required, p.met])).toEqual([
      [5, 3, true],
      [9, 6, false],
    ])
    expect(pass).toBe(passes[1])
  })

  it('names the last rule when all are met, and judges a missing base as 0 (never met)', () => {
    const met = judgeAll([bodyPass, twoThirds], { present: 5, adults: 6 }, () => 4)
    expect(met.pass).toBe(met.passes[1])
    expect(met.pass.met).toBe(true)
    const noBase = judgeAll([twoThirds], { present: 5 }, () => 4)
    expect(noBase.pass).toMatchObject({ base: 0, met: false })
  })
})
