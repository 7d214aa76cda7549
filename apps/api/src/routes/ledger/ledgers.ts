import { Id, PageQuery, pageRequest } from '@liancun/core'
import { AddAccountInput, CreateLedgerInput, OpeningBalancesInput } from '@liancun/ledger'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { authorize, BOOKKEEPERS } from '../../plugins/auth.js'
import { openLedger } from '../../workflows/open-ledger.js'
import { pageOf } from '../organization/schemas.js'
import { auditOf, ledgerAccess } from './access.js'
import { AccountOut, LedgerOut } from './schemas.js'

export const LedgerParams = z.object({ id: Id })
export const AccountCodeParam = z.string().regex(/^[0-9]{3}([0-9]{2})*$/, 'must be an account code')

/** Ledgers and their chart of accounts. */
const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const ledgers = () => app.services.ledger

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
        (l) => auditOf(l),
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
        description:
          'Any role; ledgers of the villages inside the key’s scope or `within`, cursor-paginated. On the demo, `within=370322` lists the 高青县 ledgers.',
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
        description:
          'Any role whose key covers the ledger’s village. The 账套 of one collective: its USCC, first month and current state.',
        summary: 'Read a ledger',
        params: LedgerParams,
        response: { 200: LedgerOut, ...errorResponses(404) },
      },
    },
    async (request) => ledgers().getLedger(request.params.id, ledgerAccess(request).options()),
  )

  app.get(
    '/v1/ledgers/:id/accounts',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'listAccounts',
        description:
          'Any role whose key covers the ledger’s village. The chart (科目表) with sub-accounts, whether each is a leaf and whether it is disabled.',
        summary: 'The chart of accounts of a ledger (科目表), with sub-accounts',
        params: LedgerParams,
        response: { 200: z.object({ items: z.array(AccountOut) }), ...errorResponses(404) },
      },
    },
    async (request) => ({
      items: await ledgers().listAccounts(request.params.id, ledgerAccess(request).options()),
    }),
  )

  app.post(
    '/v1/ledgers/:id/accounts',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'addAccount',
        description:
          'Admin or bookkeeper, key covering the ledger’s village. A sub-account of a parent that has no lines or opening balance yet; its code is the parent’s plus two digits.',
        summary: 'Add a sub-account (明细科目): parent code + two digits',
        params: LedgerParams,
        body: AddAccountInput,
        response: { 201: AccountOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, BOOKKEEPERS)
      const account = await auditedWrite(
        request,
        ({ services }) =>
          services.ledger.addAccount(request.params.id, request.body, access.options(services)),
        (a) => auditOf(access.ledger, 'account', `${access.ledger.id}/${a.code}`),
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
        description:
          'Admin or bookkeeper, key covering the ledger’s village. Accounts are never deleted; a disabled one takes no new lines. Refused while it has a balance (422 `ledger.account_has_balance`).',
        summary: 'Disable an account (never deleted); refused while it has a balance',
        params: LedgerParams.extend({ code: AccountCodeParam }),
        response: { 200: AccountOut, ...errorResponses(404, 422) },
      },
    },
    async (request) => {
      const access = ledgerAccess(request, BOOKKEEPERS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.disableAccount(request.params.id, request.params.code, access.options(services)),
        (a) => auditOf(access.ledger, 'account', `${access.ledger.id}/${a.code}`),
      )
    },
  )

  app.post(
    '/v1/ledgers/:id/opening-balances',
    {
      schema: {
        tags: ['ledgers'],
        operationId: 'setOpeningBalances',
        description:
          'Admin or bookkeeper, key covering the ledger’s village. Sets 期初余额 per leaf account; debits equal credits, and only before the first posted voucher.',
        summary: 'Set opening balances (期初余额): balanced, before the first posted voucher',
        params: LedgerParams,
        body: OpeningBalancesInput,
        response: { 200: z.object({ items: z.array(AccountOut) }), ...errorResponses(404, 422) },
      },
    },
    async (request) => {
      const access = ledgerAccess(request, BOOKKEEPERS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.ledger.setOpeningBalances(request.params.id, request.body, access.options(services)),
        () => ({
          ...auditOf(access.ledger, 'opening_balances'),
          after: request.body.lines.map((l) => ({ ...l })),
        }),
        (items) => ({ items }),
      )
    },
  )
}

export default ledgerRoutes
