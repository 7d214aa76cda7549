import { describe, expect, it } from 'vitest'
import { type MatterSubject, SUBJECT_COVERS, subjectCovers, subjectCoversAmount } from './matter-subject.js'

/**
 * Which matter category authorises which project category (this project's reading of 组织法
 * Art. 24's list, SUBJECT_COVERS): the whole table, one cell per pair, so a category added to or
 * dropped from a row shows up here.
 */
const PROJECT_CATEGORIES = ['industry', 'livelihood', 'infrastructure', 'public_welfare'] as const
const TABLE: Record<string, Record<(typeof PROJECT_CATEGORIES)[number], boolean>> = {
  collective_project: { industry: true, livelihood: true, infrastructure: true, public_welfare: false },
  public_welfare_project: { industry: false, livelihood: true, infrastructure: true, public_welfare: true },
  large_expenditure: { industry: true, livelihood: true, infrastructure: true, public_welfare: true },
  collective_income_use: { industry: true, livelihood: true, infrastructure: true, public_welfare: true },
  collective_debt: { industry: true, livelihood: false, infrastructure: true, public_welfare: false },
  // Decides no project at all.
  land_contracting: { industry: false, livelihood: false, infrastructure: false, public_welfare: false },
  lost_work_allowance: { industry: false, livelihood: false, infrastructure: false, public_welfare: false },
}
const subject = (category: string, over: Partial<MatterSubject> = {}): MatterSubject => ({
  category,
  amount: 1_000_000n,
  object: '村道硬化',
  projects: null,
  ...over,
})

describe('the subject’s category authorises the project’s category (组织法 Art. 24; 四议两公开)', () => {
  for (const [matter, row] of Object.entries(TABLE)) {
    for (const project of PROJECT_CATEGORIES) {
      it(`a ${matter} matter ${row[project] ? 'authorises' : 'does not authorise'} a ${project} project`, () => {
        const { gaps } = subjectCovers(subject(matter), { category: project, amount: 1n, objectId: 'p' }, [])
        expect(gaps.length === 0).toBe(row[project])
      })
    }
  }

  it('lists exactly the matter categories that authorise projects', () => {
    expect(Object.keys(SUBJECT_COVERS).sort()).toEqual(
      Object.keys(TABLE)
        .filter((m) => Object.values(TABLE[m] ?? {}).some(Boolean))
        .sort(),
    )
  })

  it('names what the matter does authorise, in the table’s order', () => {
    const { gaps } = subjectCovers(
      subject('collective_debt'),
      { category: 'livelihood', amount: 1n, objectId: 'p' },
      [],
    )
    expect(gaps).toEqual([
      'a collective_debt matter does not authorise a livelihood project (it authorises industry, infrastructure)',
    ])
  })
})

describe('one matter listing no projects authorises one project', () => {
  it('names every project it already authorised', () => {
    const { gaps, total } = subjectCovers(
      subject('large_expenditure'),
      { category: 'industry', amount: 3n, objectId: 'c' },
      [
        { objectId: 'a', amount: 1n },
        { objectId: 'b', amount: 2n },
      ],
    )
    expect(gaps).toEqual(['the matter lists no projects and already authorised a, b'])
    expect(total).toBe(6n)
  })
})

describe('subjectCoversAmount: a payment within the decision’s amount', () => {
  it('a matter without an amount authorises no payment, not even one fen', () => {
    expect(subjectCoversAmount(subject('large_expenditure', { amount: null }), 1n)).toEqual([
      'the matter records no amount, so it authorises no spending',
    ])
  })
  it('zero is within any recorded amount, one fen under is too', () => {
    expect(subjectCoversAmount(subject('large_expenditure', { amount: 0n }), 0n)).toEqual([])
    expect(subjectCoversAmount(subject('large_expenditure', { amount: 100n }), 99n)).toEqual([])
  })
})
