import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { collectiveUscc, villageBooks, voucher } from './ledger-helpers.js'

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104203', 'MA3C4D5E')
  await t.call('POST', `/v1/ledgers/${books.ledgerId}/accounts`, {
    key: books.bookkeeper,
    body: { parentCode: '102', code: '10201', name: '基本户' },
  })
})
afterAll(() => t.close())

const createVoucher = (body: unknown) =>
  t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers`, { key: books.bookkeeper, body })
const fields = (body: { errors?: { field: string }[] }) => body.errors?.map((e) => e.field)

describe('ledger — bad input is a 4xx problem naming the field', () => {
  it.each([
    ['1.5', 'body.lines.0.debit'],
    ['1e3', 'body.lines.0.debit'],
    [' 1.00', 'body.lines.0.debit'],
    ['１.00', 'body.lines.0.debit'],
    ['-1.00', 'body.lines.0.debit'],
    ['0.00', 'body.lines.0.debit'],
    ['10000000000000.01', 'body.lines.0.debit'],
  ])('refuses the amount %j', async (amount, field) => {
    const bad = {
      ...voucher('2024-03-01', '10201', '501', '1.00'),
      lines: [
        { account: '10201', debit: amount },
        { account: '501', credit: '1.00' },
      ],
    }
    expect(fields(problem(await createVoucher(bad), 400))).toContain(field)
  })

  it('refuses a number instead of a money string', async () => {
    const bad = {
      ...voucher('2024-03-01', '10201', '501', '1.00'),
      lines: [
        { account: '10201', debit: 1 },
        { account: '501', credit: '1.00' },
      ],
    }
    expect(fields(problem(await createVoucher(bad), 400))).toContain('body.lines.0.debit')
  })

  it('refuses unbalanced, one-line, two-sided, non-leaf and unknown-account vouchers', async () => {
    problem(
      await createVoucher({
        ...voucher('2024-03-01', '10201', '501', '1.00'),
        lines: [
          { account: '10201', debit: '1.00' },
          { account: '501', credit: '0.99' },
        ],
      }),
      422,
      'ledger.unbalanced',
    )
    expect(
      fields(
        problem(
          await createVoucher({
            ...voucher('2024-03-01', '10201', '501', '1.00'),
            lines: [{ account: '10201', debit: '1.00' }],
          }),
          400,
        ),
      ),
    ).toEqual(['body.lines'])
    problem(
      await createVoucher({
        ...voucher('2024-03-01', '10201', '501', '1.00'),
        lines: [
          { account: '10201', debit: '1.00', credit: '1.00' },
          { account: '501', credit: '1.00' },
        ],
      }),
      400,
    )
    expect(
      fields(
        problem(
          await createVoucher(voucher('2024-03-01', '102', '501', '1.00')),
          422,
          'ledger.not_leaf_account',
        ),
      ),
    ).toEqual(['lines.0.account'])
    problem(await createVoucher(voucher('2024-03-01', '999', '501', '1.00')), 422, 'ledger.account_not_found')
    problem(await createVoucher({ ...voucher('2024-03-01', '10201', '501', '1.00'), colour: 'red' }), 400)
  })

  it('refuses negative cash at posting and posting into a closed period', async () => {
    const draft = (await createVoucher(voucher('2024-01-10', '513', '10201', '5.00'))).json()
    problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/vouchers/${draft.id}/post`, {
        key: books.reviewer,
      }),
      422,
      'ledger.insufficient_balance',
    )
    await t.call('DELETE', `/v1/ledgers/${books.ledgerId}/vouchers/${draft.id}`, { key: books.bookkeeper })
    expect(
      (await t.call('POST', `/v1/ledgers/${books.ledgerId}/periods/2024-01/close`, { key: books.reviewer }))
        .statusCode,
    ).toBe(200)
    problem(await createVoucher(voucher('2024-01-31', '10201', '501', '1.00')), 422, 'ledger.period_closed')
    problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/periods/2024-03/close`, { key: books.reviewer }),
      422,
      'ledger.earlier_period_open',
    )
    problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/periods/2024-13/close`, { key: books.reviewer }),
      400,
    )
  })

  it('refuses to disclose a period that is not closed, or a malformed one', async () => {
    problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/disclosures`, {
        key: books.reviewer,
        body: { period: '2024-Q2' },
      }),
      422,
      'ledger.period_not_closed',
    )
    problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/disclosures`, {
        key: books.reviewer,
        body: { period: '2024-Q5' },
      }),
      400,
    )
    problem(
      await t.call(
        'GET',
        '/v1/public/villages/370322104203/financial-disclosures/01900000-0000-7000-8000-000000000000',
        { key: null },
      ),
      404,
    )
    problem(await t.call('GET', '/v1/public/villages/3703/financial-disclosures', { key: null }), 400)
  })

  it('refuses a second ledger for a collective, an unknown village, and a bad USCC', async () => {
    const body = {
      villageCode: '370322104203',
      collective: { name: 'x', uscc: collectiveUscc('MA3C4D5E') },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    }
    problem(await t.call('POST', '/v1/ledgers', { body }), 409, 'ledger.collective_has_ledger')
    problem(
      await t.call('POST', '/v1/ledgers', {
        body: {
          ...body,
          villageCode: '370322104299',
          collective: { name: 'x', uscc: collectiveUscc('MA3C4D5F') },
        },
      }),
      404,
    )
    expect(
      fields(
        problem(
          await t.call('POST', '/v1/ledgers', { body: { ...body, collective: { name: 'x', uscc: 'N2' } } }),
          400,
        ),
      ),
    ).toEqual(['body.collective.uscc'])
    problem(
      await t.call('GET', '/v1/ledgers/01900000-0000-7000-8000-000000000000'),
      404,
      'ledger.ledger_not_found',
    )
    problem(await t.call('GET', `/v1/ledgers/${books.ledgerId}/trial-balance?from=2024-03`), 400)
  })
})
