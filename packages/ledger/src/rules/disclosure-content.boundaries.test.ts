import { DomainError } from '@liancun/core'
import { describe, expect, it } from 'vitest'
import {
  DEBT_ACCOUNTS,
  debtsByCounterparty,
  displayWindow,
  ledgerResources,
  RESOURCE_ACCOUNTS,
  specialFunds,
} from './disclosure-content.js'

// Boundaries of what a 财务公开 shows beyond the statements (农村集体经济组织财务公开规定, 2011,
// reference/accounting.md §1.3). Fixtures use sub-accounts (leaf 11301 under 113) because the
// books post to leaves: an account is matched by its code as a prefix, never as a suffix.

const names: Record<string, string> = {
  '113': '应收款',
  '211': '应付款',
  '231': '一事一议资金',
  '241': '专项应付款',
  '15101': '固定资产·房屋',
  '15102': '固定资产·机械',
  '13101': '长期股权投资',
}
const nameOf = (code: string) => names[code] ?? `?${code}`
const line = (account: string, debit: bigint, credit: bigint, counterparty: string | null = null) => ({
  account,
  debit,
  credit,
  counterparty,
})

describe('债权债务 by counterparty (财务公开规定 2011 第六条)', () => {
  it('a debit balance is 债权 (receivable), a credit balance 债务 (payable), each shown positive', () => {
    const rows = debtsByCounterparty(
      [line('11301', 700n, 0n, '张三'), line('21101', 0n, 300n, '李四')],
      new Map([
        ['11301', 700n],
        ['21101', -300n],
      ]),
      nameOf,
    )
    expect(rows).toEqual([
      { account: '113', accountName: '应收款', counterparty: '张三', side: 'receivable', amount: '7.00' },
      { account: '211', accountName: '应付款', counterparty: '李四', side: 'payable', amount: '3.00' },
    ])
  })

  it('sums every sub-account under its account code (prefix, not suffix)', () => {
    // 21101 and 21102 both belong to 211; 12113 ends in 113 but is not 应收款.
    const rows = debtsByCounterparty(
      [line('21101', 0n, 200n, '甲'), line('21102', 0n, 100n, '甲'), line('12113', 900n, 0n, '乙')],
      new Map([
        ['21101', -200n],
        ['21102', -100n],
        ['12113', 900n],
      ]),
      nameOf,
    )
    expect(rows).toEqual([
      { account: '211', accountName: '应付款', counterparty: '甲', side: 'payable', amount: '3.00' },
    ])
  })

  it('lists counterparties in code-point order whatever order the lines came in', () => {
    const rows = debtsByCounterparty(
      [
        line('21101', 0n, 1n, 'C'),
        line('21101', 0n, 2n, 'A'),
        line('21101', 0n, 3n, 'D'),
        line('21101', 0n, 4n, 'B'),
      ],
      new Map([['21101', -10n]]),
      nameOf,
    )
    expect(rows.map((r) => [r.counterparty, r.amount])).toEqual([
      ['A', '0.02'],
      ['B', '0.04'],
      ['C', '0.01'],
      ['D', '0.03'],
    ])
  })

  it('omits a counterparty whose lines net to zero (settled), and shows no unnamed row when all is named', () => {
    const rows = debtsByCounterparty(
      [
        line('11301', 500n, 0n, '已结清'),
        line('11301', 0n, 500n, '已结清'),
        line('11301', 40n, 0n, '未结清'),
      ],
      new Map([['11301', 40n]]),
      nameOf,
    )
    expect(rows).toEqual([
      { account: '113', accountName: '应收款', counterparty: '未结清', side: 'receivable', amount: '0.40' },
    ])
  })

  it('shows what the lines do not name as 未注明往来单位 on the side of that remainder', () => {
    // Opening balance 10.00 receivable with no counterparty, one named payment of 2.50 received:
    // the named row is a credit (payable side), the unnamed remainder a debit of 12.50.
    const rows = debtsByCounterparty(
      [line('11301', 0n, 250n, '王五'), line('11301', 0n, 0n, null)],
      new Map([['11301', 1_000n]]),
      nameOf,
    )
    expect(rows).toEqual([
      { account: '113', accountName: '应收款', counterparty: '王五', side: 'payable', amount: '2.50' },
      {
        account: '113',
        accountName: '应收款',
        counterparty: '未注明往来单位',
        side: 'receivable',
        amount: '12.50',
      },
    ])
  })

  it('shows nothing for an account with no balance and no lines, in the order of DEBT_ACCOUNTS', () => {
    expect(debtsByCounterparty([], new Map(), nameOf)).toEqual([])
    const nets = new Map(DEBT_ACCOUNTS.map((c) => [`${c}01`, 1n] as const))
    expect(debtsByCounterparty([], nets, nameOf).map((r) => r.account)).toEqual([...DEBT_ACCOUNTS])
  })
})

describe('专项资金 movements (财务公开规定 2011: 一事一议资金, 专项应付款)', () => {
  it('opening = closing − received + used, from sub-account lines only, ignoring other accounts', () => {
    const [yishi, special] = specialFunds(
      [
        line('24101', 0n, 3_000n),
        line('24102', 1_000n, 0n),
        // 一事一议资金 received 8.00, used 1.00
        line('23101', 0n, 800n),
        line('23101', 100n, 0n),
        // Other accounts in the range: not a special fund's movement, even if the code ends in 241.
        line('11241', 0n, 5_000n),
        line('101', 7_000n, 0n),
      ],
      new Map([
        ['24101', -1_500n],
        ['24102', -1_000n],
        ['23101', -700n],
        ['11241', -99_999n],
      ]),
      nameOf,
    )
    expect(yishi).toEqual({
      account: '231',
      name: '一事一议资金',
      opening: '0.00',
      received: '8.00',
      used: '1.00',
      closing: '7.00',
    })
    expect(special).toEqual({
      account: '241',
      name: '专项应付款',
      opening: '5.00',
      received: '30.00',
      used: '10.00',
      closing: '25.00',
    })
  })
})

describe('资产资源 the ledger holds (财务公开规定 2011; land by area comes from the 三资 register)', () => {
  it('lists each non-zero leaf of a resource account, sorted by code, with the leaf’s own name', () => {
    const rows = ledgerResources(
      new Map([
        ['15102', 20_000n],
        ['101', 5_000n], // 库存现金: not a resource account
        ['13101', 30_000n],
        ['15101', 10_000n],
        ['16101', 0n], // zero: not shown
        ['21151', 70n], // ends in 151 but is a liability
      ]),
      nameOf,
    )
    expect(rows).toEqual([
      { account: '13101', name: '长期股权投资', amount: '300.00' },
      { account: '15101', name: '固定资产·房屋', amount: '100.00' },
      { account: '15102', name: '固定资产·机械', amount: '200.00' },
    ])
  })

  it('keeps a leaf of every resource account and shows nothing when none has a balance', () => {
    const nets = new Map([...RESOURCE_ACCOUNTS].reverse().map((c) => [`${c}01`, 1n] as const))
    expect(ledgerResources(nets, nameOf).map((r) => r.account)).toEqual(
      RESOURCE_ACCOUNTS.map((c) => `${c}01`),
    )
    expect(ledgerResources(new Map([['15101', 0n]]), nameOf)).toEqual([])
  })
})

describe('民主理财 review before display (财务公开规定 2011)', () => {
  it('a refused review names the field and carries the dates and the basis', () => {
    let caught: unknown
    try {
      displayWindow(
        { review: { date: '2024-04-16' }, display: { from: '2024-04-15', days: 10 } },
        '2024-04-10',
        '2024-03-31',
      )
    } catch (error) {
      caught = error
    }
    expect(DomainError.isInstance(caught)).toBe(true)
    const error = caught as DomainError
    expect(error.code).toBe('ledger.review_out_of_order')
    expect(error.field).toBe('review.date')
    expect(error.context).toEqual({
      reviewDate: '2024-04-16',
      periodEnd: '2024-03-31',
      displayFrom: '2024-04-15',
      basis: '农村集体经济组织财务公开规定（2011）',
    })
  })

  it('the first day on display defaults to today when only a review is given', () => {
    expect(displayWindow({ review: { date: '2024-04-10' } }, '2024-04-10', '2024-03-31')).toEqual({
      from: '2024-04-10',
      until: '2024-05-09',
      days: 30,
    })
  })
})
