import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks, voucher } from './ledger-helpers.js'

let t: TestApp
let a: Awaited<ReturnType<typeof villageBooks>>
let b: Awaited<ReturnType<typeof villageBooks>>
beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  a = await villageBooks(t, '370322104203', 'MA3C4D5E')
  b = await villageBooks(t, '370322104201', 'MA3C4D5F')
  await t.call('POST', `/v1/ledgers/${a.ledgerId}/opening-balances`, {
    key: a.bookkeeper,
    body: {
      lines: [
        { account: '102', debit: '100.00' },
        { account: '301', credit: '100.00' },
      ],
    },
  })
})
afterAll(() => t.close())

describe('ledger — security', () => {
  const voucherId = '01900000-0000-7000-8000-000000000000'
  const routes = () =>
    [
      ['POST', '/v1/ledgers'],
      ['GET', '/v1/ledgers'],
      ['GET', `/v1/ledgers/${a.ledgerId}`],
      ['GET', `/v1/ledgers/${a.ledgerId}/accounts`],
      ['POST', `/v1/ledgers/${a.ledgerId}/accounts`],
      ['POST', `/v1/ledgers/${a.ledgerId}/accounts/515/disable`],
      ['POST', `/v1/ledgers/${a.ledgerId}/opening-balances`],
      ['POST', `/v1/ledgers/${a.ledgerId}/vouchers`],
      ['POST', `/v1/ledgers/${a.ledgerId}/vouchers:batch`],
      ['POST', `/v1/ledgers/${a.ledgerId}/vouchers:post-batch`],
      ['GET', `/v1/ledgers/${a.ledgerId}/vouchers`],
      ['GET', `/v1/ledgers/${a.ledgerId}/vouchers/${voucherId}`],
      ['DELETE', `/v1/ledgers/${a.ledgerId}/vouchers/${voucherId}`],
      ['POST', `/v1/ledgers/${a.ledgerId}/vouchers/${voucherId}/post`],
      ['POST', `/v1/ledgers/${a.ledgerId}/vouchers/${voucherId}/reverse`],
      ['GET', `/v1/ledgers/${a.ledgerId}/trial-balance?from=2024-01&to=2024-12`],
      ['GET', `/v1/ledgers/${a.ledgerId}/balance-sheet?period=2024-01`],
      ['GET', `/v1/ledgers/${a.ledgerId}/income-statement?year=2024`],
      ['GET', `/v1/ledgers/${a.ledgerId}/accounts/102/entries?from=2024-01&to=2024-12`],
      ['GET', `/v1/ledgers/${a.ledgerId}/journals/cash?from=2024-01&to=2024-12`],
      ['GET', `/v1/ledgers/${a.ledgerId}/journals/bank?from=2024-01&to=2024-12`],
      ['GET', `/v1/ledgers/${a.ledgerId}/integrity`],
      ['POST', `/v1/ledgers/${a.ledgerId}/assertions`],
      ['GET', `/v1/ledgers/${a.ledgerId}/assertions`],
      ['POST', `/v1/ledgers/${a.ledgerId}/periods/2024-01/close`],
      ['POST', `/v1/ledgers/${a.ledgerId}/periods/2024-01/reopen`],
      ['POST', `/v1/ledgers/${a.ledgerId}/years/2024/close`],
      ['POST', `/v1/ledgers/${a.ledgerId}/disclosures`],
      ['POST', '/v1/ledger-links'],
      ['GET', '/v1/ledger-links'],
    ] as const

  it('answers 401 without a key on every ledger route', async () => {
    for (const [method, url] of routes()) {
      problem(await t.call(method, url, { key: null, ...(method === 'POST' ? { body: {} } : {}) }), 401)
    }
  })

  it('answers 403 to another village’s key on every read of the ledger', async () => {
    for (const [method, url] of routes()) {
      if (method !== 'GET' || !url.includes(a.ledgerId)) continue
      problem(await t.call(method, url, { key: b.bookkeeper }), 403)
    }
  })

  it('keeps village A’s bookkeeper out of village B’s ledger', async () => {
    problem(await t.call('GET', `/v1/ledgers/${b.ledgerId}`, { key: a.bookkeeper }), 403)
    problem(
      await t.call('GET', `/v1/ledgers/${b.ledgerId}/trial-balance?from=2024-01&to=2024-12`, {
        key: a.bookkeeper,
      }),
      403,
    )
    problem(
      await t.call('POST', `/v1/ledgers/${b.ledgerId}/vouchers`, {
        key: a.bookkeeper,
        body: voucher('2024-03-01', '102', '501', '1.00'),
      }),
      403,
    )
    problem(await t.call('GET', '/v1/ledgers?within=370322104201', { key: a.bookkeeper }), 403)
  })

  it('lets a bookkeeper draft but not post, and a reviewer post but not their own draft', async () => {
    const draft = (
      await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers`, {
        key: a.bookkeeper,
        body: voucher('2024-03-01', '513', '102', '1.00'),
      })
    ).json()
    problem(
      await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers/${draft.id}/post`, { key: a.bookkeeper }),
      403,
      'auth.forbidden',
    )
    problem(
      await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers`, {
        key: a.reviewer,
        body: voucher('2024-03-01', '513', '102', '1.00'),
      }),
      403,
    )
    // An admin key both prepares and tries to post: 记账 ≠ 审核 holds for admins too.
    const own = (
      await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers`, {
        body: voucher('2024-03-02', '513', '102', '1.00'),
      })
    ).json()
    problem(
      await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers/${own.id}/post`),
      403,
      'ledger.self_review',
    )
    expect(
      (await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers/${own.id}/post`, { key: a.reviewer }))
        .statusCode,
    ).toBe(200)
  })

  it('lets only admins reopen a period, and auditors only read', async () => {
    await t.call('POST', `/v1/ledgers/${a.ledgerId}/periods/2024-01/close`, { key: a.reviewer })
    problem(
      await t.call('POST', `/v1/ledgers/${a.ledgerId}/periods/2024-01/reopen`, {
        key: a.reviewer,
        body: { reason: '想改一下三月的账' },
      }),
      403,
    )
    const auditor = await t.mintKey('auditor', '370322')
    expect((await t.call('GET', `/v1/ledgers/${a.ledgerId}/vouchers`, { key: auditor })).statusCode).toBe(200)
    problem(
      await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers`, {
        key: auditor,
        body: voucher('2024-03-01', '513', '102', '1.00'),
      }),
      403,
    )
  })
})

describe('ledger links — security', () => {
  it('needs scope over both villages to link them, and to post a linked voucher', async () => {
    const body = {
      date: '2024-04-01',
      summary: '投资',
      amount: '10.00',
      purpose: 'investment',
      from: { ledgerId: a.ledgerId, debit: '141', credit: '102' },
      to: { ledgerId: b.ledgerId, debit: '102', credit: '301' },
    }
    problem(await t.call('POST', '/v1/ledger-links', { key: a.bookkeeper, body }), 403)
    const townshipBookkeeper = await t.mintKey('bookkeeper', '370322104')
    const created = await t.call('POST', '/v1/ledger-links', { key: townshipBookkeeper, body })
    expect(created.statusCode, created.body).toBe(201)
    const link = created.json()
    problem(
      await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers/${link.from.voucherId}/post`, {
        key: a.reviewer,
      }),
      403,
    )
    const townshipReviewer = await t.mintKey('reviewer', '370322104')
    const posted = await t.call('POST', `/v1/ledgers/${a.ledgerId}/vouchers/${link.from.voucherId}/post`, {
      key: townshipReviewer,
    })
    expect(posted.statusCode, posted.body).toBe(200)
    const listed = (
      await t.call('GET', '/v1/ledger-links?within=370322104', { key: townshipReviewer })
    ).json()
    expect(listed.items[0]).toMatchObject({
      matched: true,
      from: { status: 'posted' },
      to: { status: 'posted' },
    })
    expect(
      (await t.call('GET', '/v1/ledger-links?unmatched=true', { key: townshipReviewer })).json().items,
    ).toEqual([])
  })
})
