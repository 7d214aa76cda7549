import { expectDomainError } from '@liancun/core/testing'
import { describe, expect, it } from 'vitest'
import { checkApprovalStep, checkMatterOnVoucher, majorMatterNeed } from './approvals.js'

const run = (f: () => void) => Promise.resolve().then(f)

describe('村账乡代管 approval chain: in order, by its roles, each step by its own key', () => {
  it('takes the four steps in order by four keys', () => {
    const done: { step: 'prepared' | 'reviewed' | 'signed' | 'audited'; keyId: string }[] = []
    for (const [step, role] of [
      ['prepared', 'clerk'],
      ['reviewed', 'reviewer'],
      ['signed', 'organizer'],
      ['audited', 'auditor'],
    ] as const) {
      expect(() => checkApprovalStep(done, { step, keyId: `k-${step}`, role })).not.toThrow()
      done.push({ step, keyId: `k-${step}` })
    }
    return expectDomainError(
      run(() => checkApprovalStep(done, { step: 'audited', keyId: 'k5', role: 'auditor' })),
      'ledger.approval_out_of_order',
    )
  })

  it('refuses a step out of order, by a role not allowed, or by a key that took another step', async () => {
    await expectDomainError(
      run(() => checkApprovalStep([], { step: 'reviewed', keyId: 'k1', role: 'reviewer' })),
      'ledger.approval_out_of_order',
    )
    await expectDomainError(
      run(() => checkApprovalStep([], { step: 'prepared', keyId: 'k1', role: 'auditor' })),
      'ledger.approval_role',
    )
    const same = await expectDomainError(
      run(() =>
        checkApprovalStep([{ step: 'prepared', keyId: 'k1' }], {
          step: 'reviewed',
          keyId: 'k1',
          role: 'reviewer',
        }),
      ),
      'ledger.approval_same_key',
    )
    expect(same.context).toMatchObject({ took: 'prepared' })
  })
})

describe('major money matters carry their matter (组织法 Art. 24, the major-matter amount)', () => {
  const pay = (amount: bigint) => [
    { account: '511', debit: amount },
    { account: '10201', credit: amount },
  ]
  it('needs a matter for a payment exactly at the amount, not one fen below', () => {
    expect(majorMatterNeed(pay(5_000_000n), 5_000_000n)).toEqual({ kind: 'payment', amount: 5_000_000n })
    expect(majorMatterNeed(pay(4_999_999n), 5_000_000n)).toBeNull()
  })
  it('sees disposals and borrowing, the largest first, and ignores receipts', () => {
    expect(
      majorMatterNeed(
        [
          { account: '102', debit: 9n },
          { account: '151', credit: 9n },
        ],
        5n,
      ),
    ).toEqual({ kind: 'disposal', amount: 9n })
    expect(
      majorMatterNeed(
        [
          { account: '102', debit: 7n },
          { account: '201', credit: 7n },
        ],
        5n,
      ),
    ).toEqual({ kind: 'borrowing', amount: 7n })
    expect(
      majorMatterNeed(
        [
          { account: '102', debit: 100n },
          { account: '501', credit: 100n },
        ],
        5n,
      ),
    ).toBeNull()
  })
  it('refuses a major voucher without a matter, naming the numbers', async () => {
    const refused = await expectDomainError(
      run(() => checkMatterOnVoucher({ kind: 'payment', amount: 5_000_000n }, null, 5_000_000n)),
      'ledger.matter_required',
    )
    expect(refused.context).toMatchObject({ amount: '50000.00', majorMatterAmount: '50000.00' })
    expect(() => checkMatterOnVoucher({ kind: 'payment', amount: 1n }, 'm', 1n)).not.toThrow()
    expect(() => checkMatterOnVoucher(null, null, 1n)).not.toThrow()
  })
})
