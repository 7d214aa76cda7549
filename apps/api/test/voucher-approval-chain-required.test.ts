import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { LIMENGDE } from './funds-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

/**
 * A county that keeps 村账乡代管 strictly (LIANCUN_APPROVAL_CHAIN_COUNTIES): a voucher is posted
 * only after prepared → reviewed → signed → audited, each by its own key; a county not listed
 * records the chain without requiring it (voucher-approvals.test.ts).
 */
let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
const keys = { clerk: '', organizer: '', auditor: '' }
const receipt = (amount: string) => ({
  date: '2024-06-10',
  summary: '收到租金',
  attachments: 1,
  lines: [
    { account: '102', debit: amount },
    { account: '501', credit: amount },
  ],
})

beforeAll(async () => {
  t = await startTestApp('2024-12-31', { config: { approvalChainCounties: ['370322'] } })
  await seedDivisions(t)
  books = await villageBooks(t, LIMENGDE, 'MA3C4D6F')
  keys.clerk = await t.mintKey('clerk', LIMENGDE)
  keys.organizer = await t.mintKey('organizer', LIMENGDE)
  keys.auditor = await t.mintKey('auditor', '370322104')
}, 300_000)
afterAll(() => t.close())

describe('posting under a required approval chain', () => {
  it('refuses 422 until the four steps are taken, then posts', async () => {
    const id = (
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, {
        key: books.bookkeeper,
        body: receipt('300.00'),
      })
    ).json().id
    const post = () =>
      t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${id}/post`, { key: books.reviewer })
    const step = (key: string, name: string) =>
      t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${id}/approvals`, { key, body: { step: name } })
    const refused = problem(await post(), 422, 'ledger.approval_chain_incomplete')
    expect(refused.context).toMatchObject({ missing: ['prepared', 'reviewed', 'signed', 'audited'] })
    expect((await step(keys.clerk, 'prepared')).statusCode).toBe(201)
    expect((await step(books.reviewer, 'reviewed')).statusCode).toBe(201)
    expect((await step(keys.organizer, 'signed')).statusCode).toBe(201)
    problem(await post(), 422, 'ledger.approval_chain_incomplete')
    expect((await step(keys.auditor, 'audited')).statusCode).toBe(201)
    const posted = await post()
    expect(posted.statusCode, posted.body).toBe(200)
    expect(posted.json()).toMatchObject({ status: 'posted' })
  })
})

describe('LIANCUN_APPROVAL_CHAIN_COUNTIES', () => {
  it('reads county codes and *, and refuses anything else naming the variable', () => {
    expect(loadConfig({ LIANCUN_APPROVAL_CHAIN_COUNTIES: '370322, 370303' }).approvalChainCounties).toEqual([
      '370322',
      '370303',
    ])
    expect(loadConfig({ LIANCUN_APPROVAL_CHAIN_COUNTIES: '*' }).approvalChainCounties).toEqual(['*'])
    expect(loadConfig({}).approvalChainCounties).toEqual([])
    expect(() => loadConfig({ LIANCUN_APPROVAL_CHAIN_COUNTIES: '3703' })).toThrow(
      /LIANCUN_APPROVAL_CHAIN_COUNTIES/,
    )
  })
})
