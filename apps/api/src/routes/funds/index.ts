import { BusinessDate, DivisionCode, formatMoney, Id, MoneyOut, PageQuery, pageRequest } from '@liancun/core'
import { CreateFundSourceInput, FUND_KINDS, PROJECT_CATEGORIES, PutFundRulesInput } from '@liancun/funds'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { AsOfQuery, resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { authorize, FUND_MANAGERS, requireActor } from '../../plugins/auth.js'
import { resolveFundHolder } from '../../workflows/fund-holder.js'
import { traceFundSource } from '../../workflows/trace-fund-source.js'
import { pageOf } from '../organization/schemas.js'
import { sourceGuard } from './guards.js'
import { FundSourceOut, sourceToWire, VoucherRef } from './schemas.js'

const YearQuery = z.coerce
  .number()
  .int()
  .min(2000)
  .max(2100)
  .optional()
  .meta({ description: '财政年度', example: 2024 })

const fundRoutes: FastifyPluginAsyncZod = async (app) => {
  const funds = () => app.services.funds

  app.post(
    '/v1/fund-sources',
    {
      schema: {
        tags: ['funds'],
        operationId: 'createFundSource',
        summary: 'Record a superior fund source (资金来源) held by a county, township or alliance',
        description:
          'The holder allocates it to projects. Allowed categories, the negative list (负面清单), a required industry share and the 直达资金 flag travel with every allocation and payment.',
        body: CreateFundSourceInput,
        response: { 201: FundSourceOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const holder = await resolveFundHolder(app.services, request.body.holder)
      const actor = await authorize(request, { roles: FUND_MANAGERS, target: holder.target })
      const source = await auditedWrite(
        request,
        ({ services }) => services.funds.createFundSource(request.body, holder.divisionCode, actor.keyId),
        (s) => ({ type: 'fund_source', id: s.id, countyCode: s.divisionCode.slice(0, 6) }),
        sourceToWire,
      )
      return reply.code(201).send(source)
    },
  )

  app.get(
    '/v1/fund-sources',
    {
      schema: {
        tags: ['funds'],
        operationId: 'listFundSources',
        description:
          'Any role; fund sources held inside the key’s scope or `within`, with amount, allocated, disbursed and available (元).',
        summary: 'Fund sources inside a division, with amount, allocated, disbursed and available',
        querystring: PageQuery.extend({ within: WithinQuery, year: YearQuery }),
        response: { 200: pageOf(FundSourceOut), ...errorResponses() },
      },
    },
    async (request) => {
      const actor = requireActor(request)
      // An alliance-scoped key reads the money its alliance holds.
      const scope =
        actor.scope.kind === 'alliance'
          ? { holderIds: [actor.scope.id] }
          : (() => {
              const within = resolveWithin(request, request.query.within)
              return within ? { within } : {}
            })()
      const page = await funds().listFundSources({
        ...scope,
        ...(request.query.year ? { year: request.query.year } : {}),
        ...pageRequest(request.query),
      })
      return { items: page.items.map(sourceToWire), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/fund-sources/:id',
    {
      schema: {
        tags: ['funds'],
        operationId: 'getFundSource',
        description:
          'Any role whose key covers the holder of the source. Running totals are derived from the allocation and disbursement records.',
        summary: 'A fund source with its running totals (derived from the records)',
        params: z.object({ id: Id }),
        response: { 200: FundSourceOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      return sourceToWire(await funds().getFundSource(request.params.id, { guard: sourceGuard(request) }))
    },
  )

  app.get(
    '/v1/fund-sources/:id/trace',
    {
      schema: {
        tags: ['funds'],
        operationId: 'traceFundSource',
        summary: 'Every allocation and disbursement of a source and the voucher each produced',
        description:
          'Totals reconcile: amount = available + allocated; allocated = disbursed + allocatedNotDisbursed.',
        params: z.object({ id: Id }),
        response: {
          200: z.object({
            source: FundSourceOut,
            allocations: z.array(
              z.object({
                id: Id,
                projectId: Id,
                projectName: z.string(),
                amount: MoneyOut,
                released: z
                  .boolean()
                  .meta({ description: 'the project was cancelled: on record, no longer committed' }),
                createdAt: z.string(),
              }),
            ),
            disbursements: z.array(
              z.object({
                id: Id,
                projectId: Id,
                trancheId: Id,
                amount: MoneyOut,
                date: BusinessDate,
                voucher: VoucherRef,
              }),
            ),
            totals: z.object({
              amount: MoneyOut,
              allocated: MoneyOut,
              disbursed: MoneyOut,
              booked: MoneyOut.meta({ description: 'disbursed and posted in the village ledgers' }),
              allocatedNotDisbursed: MoneyOut,
              available: MoneyOut,
              reconciles: z.boolean(),
            }),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const trace = await traceFundSource(app.services, request.params.id, { guard: sourceGuard(request) })
      const money = formatMoney
      return {
        source: sourceToWire(trace.source),
        allocations: trace.allocations.map((a) => ({ ...a, amount: money(a.amount) })),
        disbursements: trace.disbursements.map((d) => ({
          id: d.id,
          projectId: d.projectId,
          trancheId: d.trancheId,
          amount: money(d.amount),
          date: d.date,
          voucher: d.voucher,
        })),
        totals: {
          amount: money(trace.totals.amount),
          allocated: money(trace.totals.allocated),
          disbursed: money(trace.totals.disbursed),
          booked: money(trace.totals.booked),
          allocatedNotDisbursed: money(trace.totals.allocatedNotDisbursed),
          available: money(trace.totals.available),
          reconciles: trace.totals.reconciles,
        },
      }
    },
  )

  const RuleHolder = z.object({
    divisionCode: DivisionCode.refine(
      (code) => code.length === 6 || code.length === 9,
      'funds settings are kept by a county (6 digits) or a township (9 digits)',
    ),
  })
  const FundRulesOut = z
    .object({ divisionCode: z.string(), effectiveFrom: BusinessDate, noticeDays: z.number().int() })
    .meta({ id: 'FundRules' })

  app.put(
    '/v1/funds/rules/:divisionCode',
    {
      schema: {
        tags: ['funds'],
        operationId: 'putFundRules',
        summary: 'Set a county’s or township’s 公告公示 days for projects, from a day (admin)',
        description: 'A township setting overrides its county’s; without any, notices run 10 days.',
        params: RuleHolder,
        body: PutFundRulesInput,
        response: { 200: FundRulesOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { divisionCode } = request.params
      const actor = await authorize(request, { roles: [], target: { kind: 'division', code: divisionCode } })
      return auditedWrite(
        request,
        async ({ services }) => {
          await services.organization.getDivision(divisionCode)
          return services.funds.putRules(divisionCode, request.body, actor.keyId)
        },
        () => ({ type: 'fund_rules', id: divisionCode, countyCode: divisionCode.slice(0, 6) }),
      )
    },
  )

  app.get(
    '/v1/funds/rules/:divisionCode',
    {
      schema: {
        tags: ['funds'],
        operationId: 'getFundRules',
        description:
          'Any role whose key covers the division. The 公告公示 days in force on `asOf`, and the overrides they come from.',
        summary: 'The 公告公示 days in force for a division on a day',
        params: z.object({
          divisionCode: DivisionCode.refine((c) => c.length >= 6, 'a county, township or village code'),
        }),
        querystring: z.object({ asOf: AsOfQuery }),
        response: {
          200: z.object({ divisionCode: z.string(), asOf: BusinessDate, noticeDays: z.number().int() }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      await authorize(request, { target: { kind: 'division', code: request.params.divisionCode } })
      return funds().getRules(request.params.divisionCode, request.query.asOf ?? app.clock.today())
    },
  )

  app.get(
    '/v1/stats/funds',
    {
      schema: {
        tags: ['funds'],
        operationId: 'fundStats',
        summary:
          'Funds integrated, projects by category and status, money paid and revenue shared with villages',
        description:
          'Derived from the records on every call, never from stored totals: pooled funds by kind, projects by category (industry vs livelihood …) and status, disbursed, revenue, and what reached village collectives (集体增收).',
        querystring: z.object({ within: WithinQuery, year: YearQuery }),
        response: {
          200: z.object({
            within: z.string().nullable(),
            year: z.number().int().nullable(),
            pooled: z.object({
              total: MoneyOut,
              sources: z.number().int(),
              byKind: z.array(
                z.object({ kind: z.enum(FUND_KINDS), count: z.number().int(), amount: MoneyOut }),
              ),
            }),
            projects: z.object({
              total: z.number().int().meta({ description: 'projects not cancelled' }),
              byCategory: z.array(
                z.object({ category: z.enum(PROJECT_CATEGORIES), count: z.number().int(), budget: MoneyOut }),
              ),
              byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
            }),
            disbursed: MoneyOut,
            revenue: MoneyOut,
            distributedToVillages: MoneyOut,
            villagesReceiving: z.number().int(),
          }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      const stats = await funds().stats({
        ...(within ? { within } : {}),
        ...(request.query.year ? { year: request.query.year } : {}),
      })
      const money = formatMoney
      return {
        ...stats,
        pooled: {
          ...stats.pooled,
          total: money(stats.pooled.total),
          byKind: stats.pooled.byKind.map((k) => ({
            kind: k.kind as (typeof FUND_KINDS)[number],
            count: k.count,
            amount: money(k.amount),
          })),
        },
        projects: {
          ...stats.projects,
          byCategory: stats.projects.byCategory.map((c) => ({ ...c, budget: money(c.budget) })),
        },
        disbursed: money(stats.disbursed),
        revenue: money(stats.revenue),
        distributedToVillages: money(stats.distributedToVillages),
      }
    },
  )
}

export default fundRoutes
