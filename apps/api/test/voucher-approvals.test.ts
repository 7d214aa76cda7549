import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { as, LIMENGDE, QIUJIA } from './funds-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'
import { decidedMatter } from './money-fixtures.js'

/**
 * Issue 12 item 6 through the API: a payment at the major-matter amount (5万元 national default)
 * names its resolved 四议两公开 matter, checked again at posting; the 村账乡代管 chain is taken
 * step by step, each by its own key. Every refusal is a problem+json naming field and rule.
 */
let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let matter: string
let small: string
let foreign: string
const keys = { clerk: '', organizer: '', auditor: '', fundManager: '', otherClerk: '' }

const payment = (amount: string, matterId?: string, date = '2024-06-10') => ({
  date,
  summary: '支付工程款',
  attachments: 1,
  lines: [
    { account: '511', debit: amount },
    { account: '102', credit: amount },
  ],
  ...(matterId ? { matterId } : {}),
})
const draft = (body: unknown) =>
  t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, { key: books.bookkeeper, body })
const approvals = (voucherId: string) => `/v1/ledgers/${books.ledgerId}/vouchers/${voucherId}/approvals`
const step = (voucherId: string, key: string | null, body: unknown = {}) =>
  t.call('POST', approvals(voucherId), { key, body })

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  books = await villageBooks(t, LIMENGDE, 'MA3C4D5E')
  keys.clerk = await t.mintKey('clerk', LIMENGDE)
  keys.organizer = await t.mintKey('organizer', LIMENGDE)
  keys.auditor = await t.mintKey('auditor', '370322104')
  keys.fundManager = await t.mintKey('fund_manager', LIMENGDE)
  keys.otherClerk = await t.mintKey('clerk', QIUJIA)
  await as(t, books.bookkeeper).post(
    `/v1/ledgers/${books.ledgerId}/opening-balances`,
    {
      lines: [
        { account: '102', debit: '1000000.00' },
        { account: '301', credit: '1000000.00' },
      ],
    },
    200,
  )
  matter = await decidedMatter(t, LIMENGDE, { category: 'large_expenditure', amount: '200000.00' })
  small = await decidedMatter(t, LIMENGDE, { category: 'large_expenditure', amount: '60000.00' })
  foreign = await decidedMatter(t, QIUJIA, { category: 'large_expenditure', amount: '900000.00' })
}, 300_000)
afterAll(() => t.close())

describe('major payments carry their matter', () => {
  it('drafts and posts a payment naming its matter, recording the rule it answered', async () => {
    const created = await draft(payment('80000.00', matter))
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({
      matterId: matter,
      matterRule: {
        majorMatterAmount: '50000.00',
        need: { kind: 'payment', amount: '80000.00' },
        on: '2024-06-10',
      },
    })
    const id = created.json().id
    const read = await t.call('GET', `/v1/ledgers/${books.ledgerId}/vouchers/${id}`, { key: keys.clerk })
    expect(read.json().matterId).toBe(matter)
    const posted = await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${id}/post`, {
      key: books.reviewer,
    })
    expect(posted.statusCode, posted.body).toBe(200)
    expect(posted.json().matterRule.need.amount).toBe('80000.00')
  })

  it('keeps ordinary vouchers as they were: no matter, no rule', async () => {
    const created = await draft(payment('49999.99'))
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ matterId: null, matterRule: null })
  })

  it('refuses 422 a payment at the amount without its matter (ledger.matter_required)', async () => {
    const body = problem(await draft(payment('50000.00')), 422, 'ledger.matter_required')
    expect(body.errors?.[0]?.field ?? body).toBeDefined()
    expect(body.context).toMatchObject({ kind: 'payment', amount: '50000.00', majorMatterAmount: '50000.00' })
    const batch = problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers:batch`, {
        key: books.bookkeeper,
        body: { vouchers: [payment('10.00'), payment('70000.00')] },
      }),
      422,
      'ledger.matter_required',
    )
    expect(JSON.stringify(batch)).toContain('vouchers.1.matterId')
  })

  it('refuses 422 another village’s matter, an unknown one, and one below the payment', async () => {
    const other = problem(await draft(payment('80000.00', foreign)), 422, 'ledger.matter_other_village')
    expect(other.context).toMatchObject({ villageCode: LIMENGDE, decidedBy: [QIUJIA] })
    problem(
      await draft(payment('80000.00', '019a4c1e-7b2a-7c3d-8e4f-0123456789ab')),
      422,
      'ledger.matter_not_found',
    )
    const short = problem(await draft(payment('80000.00', small)), 422, 'ledger.matter_does_not_cover')
    expect(short.context).toMatchObject({ amount: '80000.00', decided: '60000.00' })
  })

  it('refuses 422 a payment dated before its matter’s resolution disclosure ended', async () => {
    const early = problem(
      await draft(payment('80000.00', matter, '2024-03-05')),
      422,
      'ledger.matter_not_standing',
    )
    expect(early.context).toMatchObject({ matterId: matter })
  })

  it('refuses at posting a matter objected to since the draft', async () => {
    const objected = await decidedMatter(t, LIMENGDE, {
      title: '购置农机',
      category: 'large_expenditure',
      amount: '90000.00',
    })
    const created = await draft(payment('90000.00', objected))
    expect(created.statusCode, created.body).toBe(201)
    const objection = await t.call('POST', `/v1/matters/${objected}/objections`, {
      key: keys.clerk,
      body: { submittedOn: '2024-03-05', content: '价格偏高' },
    })
    expect(objection.statusCode, objection.body).toBe(201)
    const refused = problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${created.json().id}/post`, {
        key: books.reviewer,
      }),
      422,
      'ledger.matter_not_standing',
    )
    expect(JSON.stringify(refused.context)).toContain('objection')
  })

  it('refuses 400 a malformed matter id', async () => {
    problem(await draft(payment('80000.00', 'not-a-uuid')), 400)
  })
})

describe('a matter covers what it decided over all its payments', () => {
  it('refuses 422 a payment that would take the matter past its amount, until a draft is withdrawn', async () => {
    const cap = await decidedMatter(t, LIMENGDE, { category: 'large_expenditure', amount: '100000.00' })
    const first = await draft(payment('60000.00', cap))
    expect(first.statusCode, first.body).toBe(201)
    const over = problem(await draft(payment('50000.00', cap)), 422, 'ledger.matter_does_not_cover')
    expect(over.errors).toEqual([{ field: 'matterId', message: expect.any(String) }])
    expect(over.context).toMatchObject({ decided: '100000.00', charged: '60000.00', amount: '50000.00' })
    const rest = await draft(payment('40000.00', cap))
    expect(rest.statusCode, rest.body).toBe(201)
    // Withdrawing a draft gives its part back.
    const removed = await t.call('DELETE', `/v1/ledgers/${books.ledgerId}/vouchers/${first.json().id}`, {
      key: books.bookkeeper,
    })
    expect(removed.statusCode, removed.body).toBeLessThan(300)
    expect((await draft(payment('60000.00', cap))).statusCode).toBe(201)
    problem(await draft(payment('50000.00', cap)), 422, 'ledger.matter_does_not_cover')
  })
})

describe('村账乡代管 approval chain', () => {
  it('takes the four steps by four keys and lists them with their signers', async () => {
    const id = (await draft(payment('100.00'))).json().id
    const first = await step(id, keys.clerk, { step: 'prepared' })
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toMatchObject({ next: 'reviewed', complete: false })
    expect((await step(id, books.reviewer, { step: 'reviewed' })).statusCode).toBe(201)
    expect((await step(id, keys.organizer, { step: 'signed' })).statusCode).toBe(201)
    const last = await step(id, keys.auditor, { step: 'audited' })
    expect(last.json()).toMatchObject({ next: null, complete: true })
    const listed = await t.call('GET', approvals(id), { key: keys.fundManager })
    expect(listed.statusCode).toBe(200)
    expect(
      listed
        .json()
        .steps.map((s: { step: string; role: string; signer: string }) => [s.step, s.role, s.signer]),
    ).toEqual([
      ['prepared', 'clerk', `clerk@${LIMENGDE}`],
      ['reviewed', 'reviewer', `reviewer@${LIMENGDE}`],
      ['signed', 'organizer', `organizer@${LIMENGDE}`],
      ['audited', 'auditor', 'auditor@370322104'],
    ])
  })

  it('refuses 422 a step out of order, by the wrong role, or by a key that took one', async () => {
    const id = (await draft(payment('101.00'))).json().id
    const order = problem(
      await step(id, keys.organizer, { step: 'signed' }),
      422,
      'ledger.approval_out_of_order',
    )
    expect(order.context).toMatchObject({ expected: 'prepared' })
    problem(await step(id, keys.auditor, { step: 'prepared' }), 422, 'ledger.approval_role')
    await step(id, keys.clerk, { step: 'prepared' })
    // Roles take disjoint steps, so one key never reaches a second step (approval_same_key guards the rest).
    problem(await step(id, keys.clerk, { step: 'reviewed' }), 422, 'ledger.approval_role')
    problem(await step(id, keys.clerk, { step: 'prepared' }), 422, 'ledger.approval_out_of_order')
  })

  it('refuses 409 a step on a posted voucher', async () => {
    const id = (await draft(payment('102.00'))).json().id
    await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${id}/post`, { key: books.reviewer })
    problem(await step(id, keys.clerk, { step: 'prepared' }), 409, 'ledger.voucher_posted')
  })

  it('refuses 400 an unknown step and 404 an unknown voucher or ledger', async () => {
    const id = (await draft(payment('103.00'))).json().id
    problem(await step(id, keys.clerk, { step: 'approved' }), 400)
    problem(await step(id, keys.clerk, {}), 400)
    const missing = '019a4c1e-7b2a-7c3d-8e4f-0123456789ab'
    problem(await step(missing, keys.clerk, { step: 'prepared' }), 404, 'ledger.voucher_not_found')
    problem(await t.call('GET', approvals(missing), { key: keys.clerk }), 404, 'ledger.voucher_not_found')
    problem(
      await t.call('GET', `/v1/ledgers/${missing}/vouchers/${id}/approvals`, { key: keys.clerk }),
      404,
      'ledger.ledger_not_found',
    )
  })

  it('refuses 401 without a key and 403 a role that takes no step or a key out of scope', async () => {
    const id = (await draft(payment('104.00'))).json().id
    problem(await step(id, null, { step: 'prepared' }), 401)
    problem(await t.call('GET', approvals(id), { key: null }), 401)
    problem(await step(id, keys.fundManager, { step: 'prepared' }), 403)
    problem(await step(id, keys.otherClerk, { step: 'prepared' }), 403)
    problem(await t.call('GET', approvals(id), { key: keys.otherClerk }), 403)
  })
})
