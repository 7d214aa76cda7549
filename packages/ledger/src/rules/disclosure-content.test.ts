import { describe, expect, it } from 'vitest'
import { debtsByCounterparty, displayWindow, specialFunds } from './disclosure-content.js'

const name = (code: string) => ({ '211': '应付款', '241': '专项应付款', '231': '一事一议资金' })[code] ?? ''

describe('财务公开 content (农村集体经济组织财务公开规定, 2011)', () => {
  it('shows debts by counterparty, the unnamed rest so each account sums to its balance', () => {
    const debts = debtsByCounterparty(
      [
        { account: '211', debit: 0n, credit: 500n, counterparty: '黑牛合作社' },
        { account: '211', debit: 100n, credit: 0n, counterparty: '黑牛合作社' },
      ],
      new Map([['211', -1_000n]]),
      name,
    )
    expect(debts).toEqual([
      { account: '211', accountName: '应付款', counterparty: '黑牛合作社', side: 'payable', amount: '4.00' },
      {
        account: '211',
        accountName: '应付款',
        counterparty: '未注明往来单位',
        side: 'payable',
        amount: '6.00',
      },
    ])
  })

  it('shows each special fund’s opening, received, used and closing', () => {
    const [yishi, special] = specialFunds(
      [
        { account: '241', debit: 0n, credit: 3_000n, counterparty: null },
        { account: '241', debit: 1_000n, credit: 0n, counterparty: null },
      ],
      new Map([['241', -2_500n]]),
      name,
    )
    expect(yishi).toMatchObject({ account: '231', closing: '0.00' })
    expect(special).toEqual({
      account: '241',
      name: '专项应付款',
      opening: '5.00',
      received: '30.00',
      used: '10.00',
      closing: '25.00',
    })
  })

  it('is displayed from its first day for the days given, 30 by default', () => {
    expect(displayWindow({}, '2024-04-15', '2024-03-31')).toEqual({
      from: '2024-04-15',
      until: '2024-05-14',
      days: 30,
    })
    expect(
      displayWindow({ display: { from: '2024-04-15', days: 1 } }, '2024-04-20', '2024-03-31').until,
    ).toBe('2024-04-15')
  })

  it('is reviewed after its period ends and on or before its first day on display', () => {
    const ok = (date: string) =>
      displayWindow(
        { review: { date }, display: { from: '2024-04-15', days: 10 } },
        '2024-04-10',
        '2024-03-31',
      )
    expect(ok('2024-03-31').from).toBe('2024-04-15')
    expect(ok('2024-04-15').from).toBe('2024-04-15')
    expect(() => ok('2024-04-16')).toThrow(expect.objectContaining({ code: 'ledger.review_out_of_order' }))
    expect(() => ok('2024-03-30')).toThrow(expect.objectContaining({ code: 'ledger.review_out_of_order' }))
  })
})
