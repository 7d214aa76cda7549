import { formatMoney, Id, MoneyOut, PageQuery, pageRequest, VillageCode } from '@liancun/core'
import {
  AddAccountInput,
  CreateAssertionInput,
  CreateDisclosureInput,
  CreateLedgerInput,
  CreateLedgerLinkInput,
  CreateVoucherBatchInput,
  CreateVoucherInput,
  OpeningBalancesInput,
  Period,
  PostVoucherBatchInput,
  ReopenPeriodInput,
  ReverseVoucherInput,
} from '@liancun/ledger'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import type { Role } from '../../auth/scope.js'
import { errorResponses, Problem } from '../../http/problem.js'
import { resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { authorize, BOOKKEEPERS, REVIEWERS } from '../../plugins/auth.js'
import { openLedger } from '../../workflows/open-ledger.js'
import { pageOf } from '../organization/schemas.js'
import {
  AccountOut,
  AssertionOut,
  assertionToWire,
  BalanceSheetOut,
  balanceSheetToWire,
  DisclosureOut,
  DisclosureSummaryOut,
  disclosureToWire,
  EntriesOut,
  entriesToWire,
  IncomeStatementOut,
  IntegrityOut,
  incomeStatementToWire,
  LedgerLinkOut,
  LedgerOut,
  linkToWire,
  PeriodStateOut,
  TrialBalanceOut,
  trialBalanceToWire,
  VoucherOut,
  voucherToWire,
} from './schemas.js'

const LedgerParams = z.object({ id: Id })
const VoucherParams = LedgerParams.extend({ voucherId: Id })
const PeriodParams = LedgerParams.extend({ period: Period })

const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const ledgers = () => app.services.ledger

  /** Loads the ledger and checks the caller's role and scope against its village. */
  async function authorizeLedger(request: FastifyRequest, id: string, roles?: readonly Role[]) {
    const ledger = await ledgers().getLedger(id)
    const actor = await authorize(request, {
      ...(roles ? { roles } : {}),
      target: { kind: 'division', code: ledger.villageCode },
    })
    return { ledger, actor }
  }
  const audit = (ledger: { id: string; countyCode: string }, type = 'ledger', id = ledger.id) => ({
    type,
    id,
    countyCode: ledger.countyCode,
  })

  app.post(
    '/v1/ledgers',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createLedger',
        summary: 'Open the ledger (账套) of a village collective with the 2023 chart',
        description: 'One ledger per collective (USCC unique); a village may have several collectives.',
        body: CreateLedgerInput,
        response: { 201: LedgerOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      await authorize(request, {
        roles: BOOKKEEPERS,
        target: { kind: 'division', code: request.body.villageCode },
      })
      const ledger = await auditedWrite(
        request,
        ({ services }) => openLedger(services, request.body),
        (l) => audit(l),
      )
      return reply.code(201).send(ledger)
    },
  )

  app.get(
    '/v1/ledgers',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listLedgers',
        summary: 'List ledgers inside a division',
        querystring: PageQuery.extend({ within: WithinQuery }),
        response: { 200: pageOf(LedgerOut), ...errorResponses() },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      return ledgers().listLedgers({ ...(within ? { within } : {}), ...pageRequest(request.query) })
    },
  )

  app.get(
    '/v1/ledgers/:id',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getLedger',
        summary: 'Read a ledger',
        params: LedgerParams,
        response: { 200: LedgerOut, ...errorResponses(404) },
      },
    },
    async (request) => (await authorizeLedger(request, request.params.id)).ledger,
  )

  app.get(
    '/v1/ledgers/:id/accounts',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listAccounts',
        summary: 'The chart of accounts of a ledger (科目表), with sub-accounts',
        params: LedgerParams,
        response: { 200: z.object({ items: z.array(AccountOut) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      return { items: await ledgers().listAccounts(request.params.id) }
    },
  )

  app.post(
    '/v1/ledgers/:id/accounts',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'addAccount',
        summary: 'Add a sub-account (明细科目): parent code + two digits',
        params: LedgerParams,
        body: AddAccountInput,
        response: { 201: AccountOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { ledger } = await authorizeLedger(request, request.params.id, BOOKKEEPERS)
      const account = await auditedWrite(
        request,
        ({ services }) => services.ledger.addAccount(ledger.id, request.body),
        (a) => audit(ledger, 'account', `${ledger.id}/${a.code}`),
      )
      return reply.code(201).send(account)
    },
  )

  app.post(
    '/v1/ledgers/:id/accounts/:code/disable',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'disableAccount',
        summary: 'Disable an account (never deleted); refused while it has a balance',
        params: LedgerParams.extend({
          code: z.string().regex(/^[0-9]{3}([0-9]{2})*$/, 'must be an account code'),
        }),
        response: { 200: AccountOut, ...errorResponses(404, 422) },
      },
    },
    async (request) => {
      const { ledger } = await authorizeLedger(request, request.params.id, BOOKKEEPERS)
      const account = await auditedWrite(
        request,
        ({ services }) => services.ledger.disableAccount(ledger.id, request.params.code),
        (a) => audit(ledger, 'account', `${ledger.id}/${a.code}`),
      )
      return account
    },
  )

  app.post(
    '/v1/ledgers/:id/opening-balances',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'setOpeningBalances',
        summary: 'Set opening balances (期初余额): balanced, before the first posted voucher',
        params: LedgerParams,
        body: OpeningBalancesInput,
        response: { 200: z.object({ items: z.array(AccountOut) }), ...errorResponses(404, 422) },
      },
    },
    async (request) => {
      const { ledger } = await authorizeLedger(request, request.params.id, BOOKKEEPERS)
      const body = await auditedWrite(
        request,
        ({ services }) => services.ledger.setOpeningBalances(ledger.id, request.body),
        () => ({ ...audit(ledger, 'opening_balances'), after: request.body.lines.map((l) => ({ ...l })) }),
        (items) => ({ items }),
      )
      return body
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createVoucher',
        summary: 'Prepare a draft voucher (记账凭证); send an Idempotency-Key to retry safely',
        description:
          'At least two lines, each exactly one of debit or credit, positive; Σ debit = Σ credit; leaf, enabled ' +
          'accounts; the date in an open period. A reviewer other than the preparer posts it.',
        params: LedgerParams,
        body: CreateVoucherInput,
        response: { 201: VoucherOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, BOOKKEEPERS)
      const voucher = await auditedWrite(
        request,
        ({ services }) => services.ledger.createVoucher(ledger.id, request.body, actor.keyId),
        (v) => audit(ledger, 'voucher', v.id),
        voucherToWire,
      )
      return reply.code(201).send(voucher)
    },
  )

  app.get(
    '/v1/ledgers/:id/vouchers',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listVouchers',
        summary: 'List vouchers by status and period range',
        params: LedgerParams,
        querystring: PageQuery.extend({
          status: z.enum(['draft', 'posted']).optional(),
          from: Period.optional(),
          to: Period.optional(),
        }),
        response: { 200: pageOf(VoucherOut), ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      const { status, from, to } = request.query
      const page = await ledgers().listVouchers(request.params.id, {
        ...(status ? { status } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...pageRequest(request.query),
      })
      return { items: page.items.map(voucherToWire), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/ledgers/:id/vouchers/:voucherId',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getVoucher',
        summary: 'Read a voucher with its lines',
        params: VoucherParams,
        response: { 200: VoucherOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      return voucherToWire(await ledgers().getVoucher(request.params.id, request.params.voucherId))
    },
  )

  app.delete(
    '/v1/ledgers/:id/vouchers/:voucherId',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'deleteVoucher',
        summary: 'Delete a draft voucher (posted vouchers are never deleted)',
        params: VoucherParams,
        response: { 200: VoucherOut, ...errorResponses(404, 422) },
      },
    },
    async (request) => {
      const { ledger } = await authorizeLedger(request, request.params.id, BOOKKEEPERS)
      const deleted = await auditedWrite(
        request,
        ({ services }) => services.ledger.deleteVoucher(ledger.id, request.params.voucherId),
        (v) => ({ ...audit(ledger, 'voucher', v.id), before: v, after: null }),
        voucherToWire,
      )
      return deleted
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers/:voucherId/post',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'postVoucher',
        summary: 'Post a draft (审核记账): numbers it within its month; the preparer may not post',
        params: VoucherParams,
        response: { 200: VoucherOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, REVIEWERS)
      // Posting one side of a link posts the other: the reviewer's scope must cover both.
      const partner = await ledgers().linkedSide(ledger.id, request.params.voucherId)
      if (partner) await authorizeLedger(request, partner.ledgerId, REVIEWERS)
      const posted = await auditedWrite(
        request,
        ({ services }) => services.ledger.postVoucher(ledger.id, request.params.voucherId, actor.keyId),
        (v) => audit(ledger, 'voucher', v.id),
        voucherToWire,
      )
      return posted
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers/:voucherId/reverse',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'reverseVoucher',
        summary: 'Reverse a posted voucher (红字冲销): a negated draft in an open period, linked both ways',
        params: VoucherParams,
        body: ReverseVoucherInput,
        response: { 201: VoucherOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, BOOKKEEPERS)
      const reversal = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.reverseVoucher(ledger.id, request.params.voucherId, request.body, actor.keyId),
        (v) => audit(ledger, 'voucher', v.id),
        voucherToWire,
      )
      return reply.code(201).send(reversal)
    },
  )

  app.get(
    '/v1/ledgers/:id/trial-balance',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getTrialBalance',
        summary:
          '科目余额表: opening, period debit and credit, closing per account, rolled up, from posted vouchers',
        params: LedgerParams,
        querystring: z.object({ from: Period, to: Period }),
        response: { 200: TrialBalanceOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      return trialBalanceToWire(
        await ledgers().trialBalance(request.params.id, request.query.from, request.query.to),
      )
    },
  )

  app.post(
    '/v1/ledgers/:id/periods/:period/close',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'closePeriod',
        summary: 'Close a month (结账): earlier months closed, no drafts left; seals a hash over it',
        params: PeriodParams,
        response: { 200: PeriodStateOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, REVIEWERS)
      return auditedWrite(
        request,
        ({ services }) => services.ledger.closePeriod(ledger.id, request.params.period, actor.keyId),
        (p) => audit(ledger, 'period', `${ledger.id}/${p.period}`),
      )
    },
  )

  app.post(
    '/v1/ledgers/:id/periods/:period/reopen',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'reopenPeriod',
        summary: 'Reopen the latest closed month (admin only, with a reason; audited)',
        params: PeriodParams,
        body: ReopenPeriodInput,
        response: { 200: PeriodStateOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, [])
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.reopenPeriod(ledger.id, request.params.period, request.body.reason, actor.keyId),
        (p) => audit(ledger, 'period', `${ledger.id}/${p.period}`),
      )
    },
  )

  const RangeQuery = PageQuery.extend({ from: Period, to: Period })

  app.get(
    '/v1/ledgers/:id/accounts/:code/entries',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listAccountEntries',
        summary: '明细账: posted lines of an account and its sub-accounts with a running balance, paged',
        params: LedgerParams.extend({
          code: z.string().regex(/^[0-9]{3}([0-9]{2})*$/, 'must be an account code'),
        }),
        querystring: RangeQuery,
        response: { 200: EntriesOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      const { from, to } = request.query
      return entriesToWire(
        await ledgers().accountEntries(request.params.id, request.params.code, {
          from,
          to,
          ...pageRequest(request.query),
        }),
      )
    },
  )

  for (const [journal, code, title] of [
    ['cash', '101', '现金日记账 (101 库存现金)'],
    ['bank', '102', '银行存款日记账 (102 银行存款)'],
  ] as const) {
    app.get(
      `/v1/ledgers/:id/journals/${journal}`,
      {
        schema: {
          tags: ['ledgers'],
          operationId: `get${journal === 'cash' ? 'Cash' : 'Bank'}Journal`,
          summary: `${title}: every posted movement in date order with the running balance`,
          params: LedgerParams,
          querystring: RangeQuery,
          response: { 200: EntriesOut, ...errorResponses(404) },
        },
      },
      async (request) => {
        await authorizeLedger(request, request.params.id)
        const { from, to } = request.query
        return entriesToWire(
          await ledgers().accountEntries(request.params.id, code, {
            from,
            to,
            ...pageRequest(request.query),
          }),
        )
      },
    )
  }

  app.get(
    '/v1/ledgers/:id/integrity',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'verifyLedgerIntegrity',
        summary: 'Re-verify the hash chain over every posted voucher; reports the first break',
        params: LedgerParams,
        response: { 200: IntegrityOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      return ledgers().verifyIntegrity(request.params.id)
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers::batch',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createVoucherBatch',
        summary: 'Prepare up to 1,000 draft vouchers at once, all or none (imports, integrations)',
        description: 'A refused item names itself in the error field, e.g. `vouchers.3.lines.0.account`.',
        params: LedgerParams,
        body: CreateVoucherBatchInput,
        response: { 201: z.object({ items: z.array(VoucherOut) }), ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, BOOKKEEPERS)
      const body = await auditedWrite(
        request,
        ({ services }) => services.ledger.createVouchers(ledger.id, request.body.vouchers, actor.keyId),
        (items) => ({ ...audit(ledger, 'voucher_batch'), after: items.map((v) => v.id) }),
        (created) => ({ items: created.map(voucherToWire) }),
      )
      return reply.code(201).send(body)
    },
  )

  app.post(
    '/v1/ledgers/:id/vouchers::post-batch',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'postVoucherBatch',
        summary: 'Post many drafts in the given order, all or none',
        params: LedgerParams,
        body: PostVoucherBatchInput,
        response: { 200: z.object({ items: z.array(VoucherOut) }), ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, REVIEWERS)
      const body = await auditedWrite(
        request,
        ({ services }) => services.ledger.postVouchers(ledger.id, request.body.voucherIds, actor.keyId),
        (items) => ({
          ...audit(ledger, 'voucher_batch'),
          after: items.map((v) => ({ id: v.id, label: v.label })),
        }),
        (posted) => ({ items: posted.map(voucherToWire) }),
      )
      return body
    },
  )

  app.post(
    '/v1/ledgers/:id/assertions',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createBalanceAssertion',
        summary:
          'Record a balance seen outside the books (bank statement, cash count); closing its month waits until it holds',
        params: LedgerParams,
        body: CreateAssertionInput,
        response: { 201: AssertionOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, [
        ...BOOKKEEPERS,
        ...REVIEWERS,
      ])
      const assertion = await auditedWrite(
        request,
        ({ services }) => services.ledger.addAssertion(ledger.id, request.body, actor.keyId),
        (a) => audit(ledger, 'balance_assertion', a.id),
        assertionToWire,
      )
      return reply.code(201).send(assertion)
    },
  )

  app.get(
    '/v1/ledgers/:id/assertions',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listBalanceAssertions',
        summary: 'Balance assertions with whether each holds now',
        params: LedgerParams,
        querystring: z.object({ period: Period.optional() }),
        response: { 200: z.object({ items: z.array(AssertionOut) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      const items = await ledgers().listAssertions(
        request.params.id,
        request.query.period ? { period: request.query.period } : {},
      )
      return { items: items.map(assertionToWire) }
    },
  )

  const Year = z
    .string()
    .regex(/^[0-9]{4}$/, 'must be a year written YYYY')
    .meta({ example: '2024' })

  app.get(
    '/v1/ledgers/:id/balance-sheet',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getBalanceSheet',
        summary: '资产负债表 at the end of a month, from posted vouchers',
        params: LedgerParams,
        querystring: z.object({ period: Period }),
        response: { 200: BalanceSheetOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      return balanceSheetToWire(await ledgers().balanceSheet(request.params.id, request.query.period))
    },
  )

  app.get(
    '/v1/ledgers/:id/income-statement',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'getIncomeStatement',
        summary: '收益及收益分配表 for a year (closing entries excluded)',
        params: LedgerParams,
        querystring: z.object({ year: Year }),
        response: { 200: IncomeStatementOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorizeLedger(request, request.params.id)
      return incomeStatementToWire(await ledgers().incomeStatement(request.params.id, request.query.year))
    },
  )

  app.post(
    '/v1/ledgers/:id/years/:year/close',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'closeYear',
        summary: '年终结账: post the closing vouchers (损益 → 321 本年收益 → 322 收益分配) dated 31 December',
        params: LedgerParams.extend({ year: Year }),
        response: {
          200: z.object({ ledgerId: Id, year: z.string(), result: MoneyOut, vouchers: z.array(VoucherOut) }),
          ...errorResponses(404, 409, 422),
        },
      },
    },
    async (request) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, REVIEWERS)
      const body = await auditedWrite(
        request,
        ({ services }) => services.ledger.closeYear(ledger.id, request.params.year, actor.keyId),
        (c) => ({
          ...audit(ledger, 'year', `${ledger.id}/${c.year}`),
          after: { result: c.result.toString(), vouchers: c.vouchers.map((v) => v.id) },
        }),
        (closed) => ({
          ...closed,
          result: formatMoney(closed.result),
          vouchers: closed.vouchers.map(voucherToWire),
        }),
      )
      return body
    },
  )

  app.post(
    '/v1/ledger-links',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createLedgerLink',
        summary: '飞地抱团: money between two collectives as one draft voucher in each ledger, linked',
        description:
          'Both vouchers carry the link id and the other collective as counterparty. Posting either posts both, by a ' +
          'reviewer whose scope covers both villages. Never one voucher touching two ledgers.',
        body: CreateLedgerLinkInput,
        response: { 201: LedgerLinkOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const { ledger: from, actor } = await authorizeLedger(request, request.body.from.ledgerId, BOOKKEEPERS)
      await authorizeLedger(request, request.body.to.ledgerId, BOOKKEEPERS)
      const link = await auditedWrite(
        request,
        ({ services }) => services.ledger.createLink(request.body, actor.keyId),
        (l) => audit(from, 'ledger_link', l.id),
        linkToWire,
      )
      return reply.code(201).send(link)
    },
  )

  app.get(
    '/v1/ledger-links',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listLedgerLinks',
        summary:
          'Links touching ledgers inside a division; unmatched=true lists those whose two sides disagree',
        querystring: z.object({
          within: WithinQuery,
          unmatched: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
        }),
        response: { 200: z.object({ items: z.array(LedgerLinkOut) }), ...errorResponses() },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      const items = await ledgers().listLinks({
        ...(within ? { within } : {}),
        unmatched: request.query.unmatched,
      })
      return { items: items.map(linkToWire) }
    },
  )

  app.post(
    '/v1/ledgers/:id/disclosures',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'createFinancialDisclosure',
        summary: '晒财务: freeze the financial disclosure of a closed month or quarter, with its sha256',
        params: LedgerParams,
        body: CreateDisclosureInput,
        response: { 201: DisclosureOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { ledger, actor } = await authorizeLedger(request, request.params.id, REVIEWERS)
      const disclosure = await auditedWrite(
        request,
        ({ services }) => services.ledger.createDisclosure(ledger.id, request.body, actor.keyId),
        (d) => ({
          ...audit(ledger, 'financial_disclosure', d.id),
          after: { period: d.period, sha256: d.sha256 },
        }),
        disclosureToWire,
      )
      return reply.code(201).send(disclosure)
    },
  )

  const PublicVillage = z.object({ code: VillageCode })

  app.get(
    '/v1/public/villages/:code/financial-disclosures',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        operationId: 'listPublicFinancialDisclosures',
        summary: '晒财务 (no key): the published financial disclosures of a village',
        security: [],
        params: PublicVillage,
        response: { 200: z.object({ items: z.array(DisclosureSummaryOut) }), 400: Problem, 404: Problem },
      },
    },
    async (request) => ({ items: await ledgers().listDisclosures(request.params.code) }),
  )

  app.get(
    '/v1/public/villages/:code/financial-disclosures/:disclosureId',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        operationId: 'getPublicFinancialDisclosure',
        summary:
          '晒财务 (no key): one disclosure with its content and sha256, to check a notice board against',
        security: [],
        params: PublicVillage.extend({ disclosureId: Id }),
        response: { 200: DisclosureOut, 400: Problem, 404: Problem },
      },
    },
    async (request) =>
      disclosureToWire(await ledgers().getDisclosure(request.params.code, request.params.disclosureId)),
  )
}

export default ledgerRoutes
