import { describe, expect, it } from 'vitest'
import { type MatterSubject, subjectCovers, subjectCoversAmount } from './matter-subject.js'

const P1 = '019a4c1e-7b2a-7c3d-8e4f-000000000001'
const P2 = '019a4c1e-7b2a-7c3d-8e4f-000000000002'
const subject = (over: Partial<MatterSubject> = {}): MatterSubject => ({
  category: 'collective_project',
  amount: 100_000_000n,
  object: '黑牛养殖园区',
  projects: null,
  ...over,
})

describe('四议两公开 subject covers the project (组织法 Art. 24; 四议两公开)', () => {
  it('covers a budget exactly at the amount, in the single slot', () => {
    expect(
      subjectCovers(subject(), { category: 'industry', amount: 100_000_000n, objectId: P1 }, []),
    ).toEqual({
      gaps: [],
      slot: 'single',
      total: 100_000_000n,
    })
  })

  it('refuses a budget one fen over the amount, naming both', () => {
    const cover = subjectCovers(subject(), { category: 'industry', amount: 100_000_001n, objectId: P1 }, [])
    expect(cover.gaps).toEqual(["the matter's amount 1000000.00 is below the project's budget 1000000.01"])
  })

  it('refuses a category the matter does not authorise (误工补贴 approves no project)', () => {
    const cover = subjectCovers(
      subject({ category: 'lost_work_allowance', amount: 10_000n }),
      { category: 'industry', amount: 200_000_000n, objectId: P1 },
      [],
    )
    expect(cover.gaps).toHaveLength(2)
    expect(cover.gaps[0]).toContain('does not authorise a industry project (it authorises no project)')
    expect(cover.gaps[1]).toContain('below')
  })

  it('refuses a public-welfare matter for an industry project, and accepts it for public works', () => {
    const welfare = subject({ category: 'public_welfare_project' })
    expect(subjectCovers(welfare, { category: 'industry', amount: 1n, objectId: P1 }, []).gaps).toHaveLength(
      1,
    )
    expect(subjectCovers(welfare, { category: 'public_welfare', amount: 1n, objectId: P1 }, []).gaps).toEqual(
      [],
    )
  })

  it('refuses a matter without an amount', () => {
    expect(
      subjectCovers(subject({ amount: null }), { category: 'industry', amount: 1n, objectId: P1 }, []).gaps,
    ).toEqual(['the matter records no amount, so it authorises no spending'])
  })

  it('one matter listing no projects authorises one: a second is refused, the same again is not', () => {
    const second = subjectCovers(subject(), { category: 'industry', amount: 1n, objectId: P2 }, [
      { objectId: P1, amount: 1n },
    ])
    expect(second.gaps).toEqual([`the matter lists no projects and already authorised ${P1}`])
    const same = subjectCovers(subject(), { category: 'industry', amount: 1n, objectId: P1 }, [
      { objectId: P1, amount: 1n },
    ])
    expect(same.gaps).toEqual([])
  })

  it('a matter listing projects authorises each, within its cap over all of them', () => {
    const listed = subject({ projects: [P1, P2], amount: 300n })
    const atCap = subjectCovers(listed, { category: 'industry', amount: 100n, objectId: P2 }, [
      { objectId: P1, amount: 200n },
    ])
    expect(atCap).toEqual({ gaps: [], slot: P2, total: 300n })
    const over = subjectCovers(listed, { category: 'industry', amount: 101n, objectId: P2 }, [
      { objectId: P1, amount: 200n },
    ])
    expect(over.gaps).toEqual([
      "the matter's cap 3.00 is below 3.01 (this project's 1.01 and 2.00 already authorised)",
    ])
    const unlisted = subjectCovers(listed, { category: 'industry', amount: 1n, objectId: 'x' }, [])
    expect(unlisted.gaps).toEqual(['the matter lists 2 project(s), not x'])
  })
})

describe('四议两公开 subject covers a payment amount', () => {
  it('covers the amount exactly, refuses one fen over and a matter without an amount', () => {
    expect(subjectCoversAmount(subject({ amount: 500n }), 500n)).toEqual([])
    expect(subjectCoversAmount(subject({ amount: 500n }), 501n)).toEqual([
      "the matter's amount 5.00 is below 5.01",
    ])
    expect(subjectCoversAmount(subject({ amount: null }), 1n)).toHaveLength(1)
  })
})
