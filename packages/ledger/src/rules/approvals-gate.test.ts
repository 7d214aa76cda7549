import { expectDomainError } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import {
  APPROVAL_STEPS,
  approvalChainProblem,
  checkApprovalStep,
  type MatterStanding,
  majorMatterNeed,
  matterRuleText,
  matterStandingProblem,
  parseMatterRule,
  STEP_ROLES,
} from './approvals.js'

/** Boundaries of the 村账乡代管 chain and of the major-matter gate (四议两公开, 组织法 Art. 24). */

const run = (f: () => void) => Promise.resolve().then(f)
const credit = (account: string, amount: bigint) => [
  { account: '511', debit: amount },
  { account, credit: amount },
]

describe('STEP_ROLES: who takes which step (村账乡代管 practice, this project’s reading)', () => {
  it('maps each step to the API roles that exist', () => {
    expect(APPROVAL_STEPS).toEqual(['prepared', 'reviewed', 'signed', 'audited'])
    expect(STEP_ROLES).toEqual({
      prepared: ['clerk', 'bookkeeper'],
      reviewed: ['reviewer'],
      signed: ['organizer'],
      audited: ['auditor'],
    })
  })

  it('lets a bookkeeper prepare and refuses every other role there, naming the roles', async () => {
    expect(() => checkApprovalStep([], { step: 'prepared', keyId: 'k', role: 'bookkeeper' })).not.toThrow()
    for (const role of ['reviewer', 'organizer', 'auditor', 'admin', 'fund_manager']) {
      const refused = await expectDomainError(
        run(() => checkApprovalStep([], { step: 'prepared', keyId: 'k', role })),
        'ledger.approval_role',
      )
      expect(refused.context).toEqual({ step: 'prepared', role, roles: ['clerk', 'bookkeeper'] })
      expect(refused.field).toBe('step')
    }
  })

  it('names the expected step and what is done when out of order; null once complete', async () => {
    const early = await expectDomainError(
      run(() =>
        checkApprovalStep([{ step: 'prepared', keyId: 'a' }], {
          step: 'audited',
          keyId: 'b',
          role: 'auditor',
        }),
      ),
      'ledger.approval_out_of_order',
    )
    expect(early.context).toMatchObject({ expected: 'reviewed', done: ['prepared'] })
    expect(early.field).toBe('step')
    const done = APPROVAL_STEPS.map((step, i) => ({ step, keyId: `k${i}` }))
    const after = await expectDomainError(
      run(() => checkApprovalStep(done, { step: 'prepared', keyId: 'k9', role: 'clerk' })),
      'ledger.approval_out_of_order',
    )
    expect(after.context).toMatchObject({ expected: null })
    expect(after.message).toBe('the approval chain is complete')
  })

  it('refuses the same key on any later step, naming the one it took', async () => {
    const done = [
      { step: 'prepared' as const, keyId: 'a' },
      { step: 'reviewed' as const, keyId: 'b' },
    ]
    const refused = await expectDomainError(
      run(() => checkApprovalStep(done, { step: 'signed', keyId: 'b', role: 'organizer' })),
      'ledger.approval_same_key',
    )
    expect(refused.context).toEqual({ step: 'signed', took: 'reviewed' })
    expect(() => checkApprovalStep(done, { step: 'signed', keyId: 'c', role: 'organizer' })).not.toThrow()
  })
})

describe('majorMatterNeed: payments, loans, disposals and borrowing at the major-matter amount', () => {
  it('counts every first-level code of cash, long-lived assets and borrowing, sub-accounts too', () => {
    for (const code of ['101', '102', '10201'])
      expect(majorMatterNeed(credit(code, 5n), 5n)?.kind).toBe('payment')
    for (const code of ['141', '151', '161', '132', '134', '15101'])
      expect(majorMatterNeed(credit(code, 5n), 5n)?.kind).toBe('disposal')
    for (const code of ['201', '221', '22101'])
      expect(majorMatterNeed(credit(code, 5n), 5n)?.kind).toBe('borrowing')
    for (const code of ['501', '241', '113', '1']) expect(majorMatterNeed(credit(code, 5n), 1n)).toBeNull()
  })

  it('sums the credits of one kind across lines and ignores debits to those accounts', () => {
    const split = [
      { account: '511', debit: 10n },
      { account: '10201', credit: 4n },
      { account: '101', credit: 6n },
    ]
    expect(majorMatterNeed(split, 10n)).toEqual({ kind: 'payment', amount: 10n })
    expect(majorMatterNeed(split, 11n)).toBeNull()
    expect(
      majorMatterNeed(
        [
          { account: '102', debit: 10n },
          { account: '151', debit: 10n },
          { account: '201', debit: 10n },
          { account: '301', credit: 30n },
        ],
        1n,
      ),
    ).toBeNull()
  })

  it('takes the largest kind that reaches the amount, whatever the line order', () => {
    const mixed = (first: string, second: string) => [
      { account: '511', debit: 17n },
      { account: first, credit: 7n },
      { account: second, credit: 10n },
    ]
    expect(majorMatterNeed(mixed('102', '201'), 5n)).toEqual({ kind: 'borrowing', amount: 10n })
    expect(majorMatterNeed(mixed('201', '102'), 5n)).toEqual({ kind: 'payment', amount: 10n })
    expect(majorMatterNeed(mixed('151', '102'), 8n)).toEqual({ kind: 'payment', amount: 10n })
    expect(majorMatterNeed(mixed('102', '151'), 8n)).toEqual({ kind: 'disposal', amount: 10n })
    expect(majorMatterNeed(mixed('151', '201'), 5n)).toEqual({ kind: 'borrowing', amount: 10n })
    expect(majorMatterNeed(mixed('201', '151'), 5n)).toEqual({ kind: 'disposal', amount: 10n })
  })

  it('never needs a matter for nothing, even at an amount of zero', () => {
    expect(majorMatterNeed([{ account: '511', debit: 0n }], 0n)).toBeNull()
    expect(majorMatterNeed(credit('102', 1n), 0n)).toEqual({ kind: 'payment', amount: 1n })
  })
})

describe('matterStandingProblem: the named matter authorises this voucher', () => {
  const standing = (over: Partial<MatterStanding> = {}): MatterStanding => ({
    kind: 'matter',
    id: 'm',
    villageCodes: ['v1'],
    missing: [],
    amount: 100n,
    ...over,
  })
  const need = { kind: 'payment' as const, amount: 100n }

  it('accepts a standing matter of the village whose amount reaches the need exactly', () => {
    expect(matterStandingProblem('m', 'v1', standing(), need)).toBeNull()
    expect(matterStandingProblem('m', 'v1', standing({ villageCodes: ['v0', 'v1'] }), need)).toBeNull()
    expect(matterStandingProblem('m', 'v1', standing({ amount: null }), null)).toBeNull()
  })

  it('refuses an unknown matter', () => {
    const problem = matterStandingProblem('m', 'v1', null, need)
    expect(problem?.code).toBe('ledger.matter_not_found')
    expect(problem?.field).toBe('matterId')
    expect(problem?.context).toEqual({ matterId: 'm' })
  })

  it('refuses another village’s matter before its standing', () => {
    const problem = matterStandingProblem('m', 'v2', standing({ missing: ['x'] }), need)
    expect(problem?.code).toBe('ledger.matter_other_village')
    expect(problem?.context).toMatchObject({ matterId: 'm', villageCode: 'v2', decidedBy: ['v1'] })
    expect(problem?.field).toBe('matterId')
    expect(matterStandingProblem('m', 'v2', standing({ villageCodes: [] }), need)?.message).toContain(
      'no village',
    )
  })

  it('refuses a matter that does not stand, with what it lacks', () => {
    const problem = matterStandingProblem('m', 'v1', standing({ missing: ['not resolved'] }), need)
    expect(problem?.code).toBe('ledger.matter_not_standing')
    expect(problem?.context).toMatchObject({ matterId: 'm', missing: ['not resolved'] })
    expect(problem?.field).toBe('matterId')
  })

  it('refuses one fen over the decided amount, and a matter with no amount', () => {
    const over = matterStandingProblem('m', 'v1', standing(), { kind: 'payment', amount: 101n })
    expect(over?.code).toBe('ledger.matter_does_not_cover')
    expect(over?.context).toMatchObject({ kind: 'payment', amount: '1.01', decided: '1.00' })
    expect(over?.field).toBe('matterId')
    const none = matterStandingProblem('m', 'v1', standing({ amount: null }), need)
    expect(none?.code).toBe('ledger.matter_does_not_cover')
    expect(none?.context).toMatchObject({ decided: null })
    expect(none?.message).toContain('records no amount')
  })
})

describe('the recorded rule and the chain at posting', () => {
  it('round-trips the rule text, with and without a need', () => {
    const rule = {
      majorMatterAmount: 5_000_000n,
      need: { kind: 'disposal' as const, amount: 7n },
      on: '2024-06-01',
    }
    expect(parseMatterRule(matterRuleText(rule))).toEqual(rule)
    expect(JSON.parse(matterRuleText(rule))).toEqual({
      majorMatterAmount: '5000000',
      need: { kind: 'disposal', amount: '7' },
      on: '2024-06-01',
    })
    const bare = { majorMatterAmount: 1n, need: null, on: '2024-06-01' }
    expect(parseMatterRule(matterRuleText(bare))).toEqual(bare)
    expect(parseMatterRule(null)).toBeNull()
  })

  it('posts a complete chain only, naming what is missing', () => {
    expect(approvalChainProblem(['prepared', 'reviewed', 'signed', 'audited'])).toBeNull()
    const three = approvalChainProblem(['prepared', 'reviewed', 'signed'])
    expect(three?.code).toBe('ledger.approval_chain_incomplete')
    expect(three?.context).toMatchObject({ done: ['prepared', 'reviewed', 'signed'], missing: ['audited'] })
    expect(approvalChainProblem([])?.context).toMatchObject({ missing: [...APPROVAL_STEPS] })
  })
})
