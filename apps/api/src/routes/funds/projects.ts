import { BusinessDate, formatMoney, Id, MoneyOut, PageQuery, pageRequest } from '@liancun/core'
import {
  AllocationInput,
  CreateNoticeInput,
  CreateProjectInput,
  DisbursementInput,
  DistributionInput,
  FundsError,
  MilestoneInput,
  PaymentPlanInput,
  PROJECT_CATEGORIES,
  PROJECT_STATUSES,
  RecordResultInput,
  RevenueInput,
  type TargetStatus,
  TransitionInput,
} from '@liancun/funds'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { type Role, scopeCovers } from '../../auth/scope.js'
import { errorResponses, Problem } from '../../http/problem.js'
import { resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { authorize, ForbiddenError, FUND_MANAGERS, requireActor } from '../../plugins/auth.js'
import { createProject } from '../../workflows/create-project.js'
import { disburseToLedger } from '../../workflows/disburse-to-ledger.js'
import { distributeRevenue } from '../../workflows/distribute-revenue.js'
import { transitionProject } from '../../workflows/transition-project.js'
import { voucherRefs } from '../../workflows/voucher-refs.js'
import { pageOf } from '../organization/schemas.js'
import { projectGuard, sourceGuard } from './guards.js'
import {
  DisbursementOut,
  DistributionRunOut,
  ProjectOut,
  projectToWire,
  runToWire,
  TrancheOut,
  TransitionOut,
  trancheToWire,
  VoucherRef,
} from './schemas.js'

/** Who may enter a project into the library and submit it for the village (村申报). */
const PROPOSERS: readonly Role[] = ['fund_manager', 'clerk']

/**
 * 村申报 by the village, 乡审核 by the township, 县审定 by the county: each step is taken by a key
 * whose scope reaches that level (a village key cannot review, a township key cannot approve).
 */
const STEP_LEVEL: Record<TargetStatus, { roles: readonly Role[]; level: 'project' | 'township' | 'county' }> =
  {
    submitted: { roles: PROPOSERS, level: 'project' },
    reviewed: { roles: FUND_MANAGERS, level: 'township' },
    approved: { roles: FUND_MANAGERS, level: 'county' },
    started: { roles: FUND_MANAGERS, level: 'township' },
    accepted: { roles: FUND_MANAGERS, level: 'township' },
    operating: { roles: FUND_MANAGERS, level: 'township' },
    closed: { roles: FUND_MANAGERS, level: 'township' },
    cancelled: { roles: FUND_MANAGERS, level: 'township' },
  }

const ProjectParams = z.object({ id: Id })
const money = formatMoney

const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const funds = () => app.services.funds

  /**
   * Filing a project under an alliance touches the alliance too: the key must cover it, or the
   * implementing village must be its member today (a village files under its own alliance).
   */
  async function authorizeProjectAlliance(request: FastifyRequest, allianceId: string, implementer: string) {
    const alliance = await app.services.organization.getAllianceRef(allianceId)
    const target = { kind: 'alliance' as const, id: alliance.id, townshipCode: alliance.townshipCode }
    if (await scopeCovers(request.actor!.scope, target, app.scopeLookups)) return
    if (
      implementer.length === 12 &&
      (await app.scopeLookups.allianceIdsOfVillage(implementer)).includes(allianceId)
    ) {
      return
    }
    throw new ForbiddenError(`the key's scope does not cover alliance ${allianceId}`, { allianceId })
  }
  /** The audit target of a record of the project the guard let through. */
  const audited = (project: { ref: { countyCode: string } }, type: string) => (r: { id: string }) => ({
    type,
    id: r.id,
    countyCode: project.ref.countyCode,
  })

  app.post(
    '/v1/projects',
    {
      schema: {
        tags: ['projects'],
        operationId: 'createProject',
        summary: 'Enter a project into the library (项目库) as a candidate',
        description:
          'Refused without 绩效目标 (targets) and a 利益联结机制 (benefit mechanism). Villages, the alliance and a partner implementer must be registered.',
        body: CreateProjectInput,
        response: { 201: ProjectOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body
      const target = 'villageCode' in body.implementer ? body.implementer.villageCode : body.townshipCode
      const actor = await authorize(request, { roles: PROPOSERS, target: { kind: 'division', code: target } })
      if (body.allianceId) await authorizeProjectAlliance(request, body.allianceId, target)
      const project = await auditedWrite(
        request,
        ({ services }) => createProject(services, body, actor.keyId),
        (p) => ({ type: 'project', id: p.id, countyCode: p.townshipCode.slice(0, 6) }),
        projectToWire,
      )
      return reply.code(201).send(project)
    },
  )

  app.get(
    '/v1/projects',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listProjects',
        description:
          'Any role; projects inside the key’s scope or `within` (a village key sees the projects it implements or benefits from), by status, cursor-paginated.',
        summary: 'Projects inside a division (a village sees those it implements or benefits from)',
        querystring: PageQuery.extend({
          within: WithinQuery,
          status: z.enum(PROJECT_STATUSES).optional(),
          category: z.enum(PROJECT_CATEGORIES).optional(),
          year: z.coerce
            .number()
            .int()
            .min(2000)
            .max(2100)
            .optional()
            .meta({ description: 'year of startOn' }),
        }),
        response: { 200: pageOf(ProjectOut), ...errorResponses() },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      const page = await funds().listProjects({
        ...(within ? { within } : {}),
        ...(request.query.status ? { status: request.query.status } : {}),
        ...(request.query.category ? { category: request.query.category } : {}),
        ...(request.query.year ? { year: request.query.year } : {}),
        ...pageRequest(request.query),
      })
      return { items: page.items.map(projectToWire), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/projects/:id',
    {
      schema: {
        tags: ['projects'],
        operationId: 'getProject',
        description:
          'Any role whose key covers an implementing or benefiting village. Beneficiaries, targets and actuals, notices, shares, funding by source and the payment plan.',
        summary:
          'A project with beneficiaries, targets and actuals, notices, shares, funding and payment plan',
        params: ProjectParams,
        response: { 200: ProjectOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      return projectToWire(await funds().getProject(request.params.id, projectGuard(request).in()))
    },
  )

  app.get(
    '/v1/projects/:id/transitions',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listProjectTransitions',
        description:
          'Any role whose key covers the project’s village. Each lifecycle step with who made it and what the gate checked (notice days, matter resolution, funding).',
        summary: 'The audited lifecycle steps of a project, with what each was checked against',
        params: ProjectParams,
        response: { 200: z.object({ items: z.array(TransitionOut) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      return { items: await funds().listTransitions(request.params.id, projectGuard(request).in()) }
    },
  )

  app.post(
    '/v1/projects/:id/transitions',
    {
      schema: {
        tags: ['projects'],
        operationId: 'transitionProject',
        summary:
          'Take the next lifecycle step: submit → review → approve → start → accept → operate → close, or cancel',
        description:
          'Refused out of order. `reviewed` needs a township-level key, `approved` a county-level key. Approval waits for the approval notice ' +
          'to have run its days, and a budget at or above the major-matter amount needs `decisionRef`: a 四议两公开 matter resolved, ' +
          'disclosed to its end and without pending objections (funds.decision_required names what is missing). ' +
          '`accepted` (验收) waits for the completion notice and records the ownership shares from actual contributions.',
        params: ProjectParams,
        body: TransitionInput,
        response: { 200: ProjectOut, ...errorResponses(404, 422) },
      },
    },
    async (request) => {
      const project = projectGuard(request, STEP_LEVEL[request.body.to])
      const { keyId } = requireActor(request)
      const body = await auditedWrite(
        request,
        ({ services }) =>
          transitionProject(
            services,
            request.params.id,
            request.body,
            keyId,
            app.clock.today(),
            project.in(services),
          ),
        (p) => ({
          type: 'project',
          id: p.id,
          countyCode: project.ref.countyCode,
          before: { status: project.ref.status },
          after: { status: p.status },
        }),
        projectToWire,
      )
      return body
    },
  )

  app.post(
    '/v1/projects/:id/notices',
    {
      schema: {
        tags: ['projects'],
        operationId: 'createProjectNotice',
        description:
          'Admin, fund manager or clerk, key covering the project’s village. Posts a 公告公示 of approval or completion; it runs the configured days (default 10) before the next gate opens.',
        summary: 'Post a 公告公示 (approval or completion); it runs the configured days (default 10)',
        params: ProjectParams,
        body: CreateNoticeInput,
        response: {
          201: z.object({
            id: Id,
            stage: z.enum(['approval', 'completion']),
            from: BusinessDate,
            // Derived (from + days − 1), so it may pass the last day a client can send (2099-12-31).
            until: z.string().meta({ description: 'last day of the notice, YYYY-MM-DD' }),
            days: z.number().int(),
            channels: z.array(z.string()),
          }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request, reply) => {
      const project = projectGuard(request, { roles: PROPOSERS })
      const notice = await auditedWrite(
        request,
        ({ services }) => services.funds.addNotice(request.params.id, request.body, project.in(services)),
        audited(project, 'project_notice'),
      )
      return reply.code(201).send(notice)
    },
  )

  app.post(
    '/v1/projects/:id/results',
    {
      schema: {
        tags: ['projects'],
        operationId: 'recordProjectResult',
        description:
          'Admin, fund manager or clerk, key covering the project’s village. Records the actual value of a 绩效 indicator for a period.',
        summary: 'Record the actual value of a 绩效 indicator for a period',
        params: ProjectParams,
        body: RecordResultInput,
        response: { 201: ProjectOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const project = projectGuard(request, { roles: PROPOSERS })
      const body = await auditedWrite(
        request,
        ({ services }) => services.funds.recordResult(request.params.id, request.body, project.in(services)),
        (p) => ({ type: 'project', id: p.id, countyCode: project.ref.countyCode, after: request.body }),
        projectToWire,
      )
      return reply.code(201).send(body)
    },
  )

  app.post(
    '/v1/projects/:id/allocations',
    {
      schema: {
        tags: ['projects'],
        operationId: 'allocateFunds',
        summary: 'Allocate (安排) part of a fund source to an approved project',
        description:
          'The key must reach both the source’s holder and the project’s township. Refused for a category the source does not fund, ' +
          'beyond what the source has available (funds.insufficient_source, safe under concurrent allocations), beyond the budget, ' +
          'or when it would leave the source’s required industry share unreachable.',
        params: ProjectParams,
        body: AllocationInput,
        response: {
          201: z.object({
            id: Id,
            projectId: Id,
            fundSourceId: Id,
            amount: MoneyOut,
            sourceAvailable: MoneyOut,
            createdAt: z.string(),
          }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request, reply) => {
      const project = projectGuard(request, { roles: FUND_MANAGERS, level: 'township' })
      const { keyId } = requireActor(request)
      const body = await auditedWrite(
        request,
        ({ services }) =>
          services.funds.allocate(request.params.id, request.body, keyId, {
            ...project.in(services),
            sourceGuard: sourceGuard(request, FUND_MANAGERS, services),
          }),
        audited(project, 'allocation'),
        (allocation) => ({
          ...allocation,
          amount: money(allocation.amount),
          sourceAvailable: money(allocation.sourceAvailable),
        }),
      )
      return reply.code(201).send(body)
    },
  )

  app.post(
    '/v1/projects/:id/payment-plan',
    {
      schema: {
        tags: ['projects'],
        operationId: 'setPaymentPlan',
        summary: 'Set the payment plan (分期拨付): tranches by trigger, summing to the allocated total',
        description:
          'All tranches in percent (summing to exactly 100.00, split by largest remainder) or all in amounts. Replaced freely until the first payment.',
        params: ProjectParams,
        body: PaymentPlanInput,
        response: { 201: z.object({ tranches: z.array(TrancheOut) }), ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const project = projectGuard(request, { roles: FUND_MANAGERS, level: 'township' })
      const body = await auditedWrite(
        request,
        ({ services }) =>
          services.funds.setPaymentPlan(request.params.id, request.body, project.in(services)),
        (t) => ({
          type: 'payment_plan',
          id: request.params.id,
          countyCode: project.ref.countyCode,
          after: t,
        }),
        (tranches) => ({ tranches: tranches.map(trancheToWire) }),
      )
      return reply.code(201).send(body)
    },
  )

  app.post(
    '/v1/projects/:id/tranches/:trancheId/milestone',
    {
      schema: {
        tags: ['projects'],
        operationId: 'markMilestone',
        description:
          'Admin or fund manager, key covering the project’s township. Records that the milestone of a milestone tranche was verified, with evidence; the tranche may then be disbursed.',
        summary: 'Record that a milestone tranche’s milestone was verified, with evidence',
        params: ProjectParams.extend({ trancheId: Id }),
        body: MilestoneInput,
        response: {
          201: z.object({ trancheId: Id, metOn: BusinessDate, evidence: z.string() }),
          ...errorResponses(404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const project = projectGuard(request, { roles: FUND_MANAGERS, level: 'township' })
      const result = await auditedWrite(
        request,
        ({ services }) =>
          services.funds.markMilestone(
            request.params.id,
            request.params.trancheId,
            request.body,
            project.in(services),
          ),
        (r) => ({ type: 'tranche', id: r.trancheId, countyCode: project.ref.countyCode }),
      )
      return reply.code(201).send(result)
    },
  )

  app.post(
    '/v1/projects/:id/disbursements',
    {
      schema: {
        tags: ['projects'],
        operationId: 'disburse',
        summary:
          'Pay (拨付) a tranche from a source into the implementing village’s ledger; send an Idempotency-Key',
        description:
          'The tranche’s trigger must be met on the date, and Σ paid stays within the tranche and within what the source allocated. ' +
          'In the same transaction a draft voucher (Dr 102 银行存款 / Cr 241 专项应付款) is prepared in the village’s ledger, carrying ' +
          'the source, project and disbursement ids; the disbursement shows `booked` once the village reviewer posts it.',
        params: ProjectParams,
        body: DisbursementInput,
        response: { 201: DisbursementOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const project = projectGuard(request, { roles: FUND_MANAGERS, level: 'township' })
      const { keyId } = requireActor(request)
      const body = await auditedWrite(
        request,
        ({ services }) =>
          disburseToLedger(services, request.params.id, request.body, keyId, {
            ...project.in(services),
            sourceGuard: sourceGuard(request, FUND_MANAGERS, services),
          }),
        (d) => ({ type: 'disbursement', id: d.id, countyCode: project.ref.countyCode }),
        (paid) => ({
          id: paid.id,
          projectId: paid.projectId,
          trancheId: paid.trancheId,
          fundSourceId: paid.fundSourceId,
          amount: money(paid.amount),
          date: paid.date,
          status: 'drafted' as const,
          voucher: {
            voucherId: paid.voucher.id,
            ledgerId: paid.voucher.ledgerId,
            voucherStatus: paid.voucher.status,
            voucherLabel: paid.voucher.label,
          },
        }),
      )
      return reply.code(201).send(body)
    },
  )

  app.get(
    '/v1/projects/:id/disbursements',
    {
      schema: {
        tags: ['projects'],
        operationId: 'listDisbursements',
        description:
          'Any role whose key covers the project’s village. Each payment with the live state of its voucher in the village ledger (drafted or booked).',
        summary: 'Payments of a project with the live state of each voucher (drafted or booked)',
        params: ProjectParams,
        response: { 200: z.object({ items: z.array(DisbursementOut) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      const rows = await funds().listDisbursements(request.params.id, projectGuard(request).in())
      const refs = await voucherRefs(
        app.services,
        rows.map((d) => d.voucherId),
      )
      return {
        items: rows.map((d) => {
          const voucher = refs(d.voucherId, d.ledgerId)
          return {
            id: d.id,
            projectId: request.params.id,
            trancheId: d.trancheId,
            fundSourceId: d.fundSourceId,
            amount: money(d.amount),
            date: d.date,
            status:
              voucher.voucherStatus === 'posted'
                ? ('booked' as const)
                : voucher.voucherStatus === 'reversed'
                  ? ('reversed' as const)
                  : ('drafted' as const),
            voucher,
          }
        }),
      }
    },
  )

  app.post(
    '/v1/projects/:id/revenues',
    {
      schema: {
        tags: ['projects'],
        operationId: 'recordRevenue',
        description:
          'Admin or fund manager, key covering the project’s township. Records 收益 an accepted or operating project earned in a period; it is then distributed by shares.',
        summary: 'Record revenue (收益) an accepted or operating project earned in a period',
        params: ProjectParams,
        body: RevenueInput,
        response: {
          201: z.object({
            id: Id,
            projectId: Id,
            period: z.string(),
            amount: MoneyOut,
            receivedOn: BusinessDate,
            createdAt: z.string(),
          }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request, reply) => {
      const project = projectGuard(request, { roles: FUND_MANAGERS, level: 'township' })
      const { keyId } = requireActor(request)
      const body = await auditedWrite(
        request,
        ({ services }) =>
          services.funds.recordRevenue(request.params.id, request.body, keyId, project.in(services)),
        audited(project, 'revenue'),
        (revenue) => ({ ...revenue, amount: money(revenue.amount) }),
      )
      return reply.code(201).send(body)
    },
  )

  app.post(
    '/v1/projects/:id/distributions',
    {
      schema: {
        tags: ['projects'],
        operationId: 'distributeRevenue',
        summary: 'Distribute a revenue by the policy (固定分红 + 按股分红) into each village’s ledger',
        description:
          'In order: guaranteed amounts per village, a reserve percentage, a set-aside for monitored households, then the rest by the ' +
          'ownership shares recorded at acceptance — each stage an exact largest-remainder split in fen of what is left. The run is ' +
          'stored (inputs, quotas, outputs, tie-break trace, policy version); each receiving village gets a draft voucher ' +
          '(Dr 112 应收款 / Cr 502 投资收益) carrying the run id. One run per revenue.',
        params: ProjectParams,
        body: DistributionInput,
        response: { 201: DistributionRunOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const project = projectGuard(request, { roles: FUND_MANAGERS, level: 'township' })
      const { keyId } = requireActor(request)
      const body = await auditedWrite(
        request,
        ({ services }) =>
          distributeRevenue(services, request.params.id, request.body, keyId, project.in(services)),
        (r) => ({
          type: 'distribution_run',
          id: r.id,
          countyCode: project.ref.countyCode,
          after: { lines: r.lines },
        }),
        // The vouchers' labels are read in the write's transaction, so a replay answers the same.
        async (run, { services }) =>
          runToWire(
            run,
            await voucherRefs(
              services,
              run.lines.map((l) => l.voucherId),
            ),
          ),
      )
      return reply.code(201).send(body)
    },
  )

  app.get(
    '/v1/projects/:id/distributions/:runId',
    {
      schema: {
        tags: ['projects'],
        operationId: 'getDistributionRun',
        description:
          'Any role whose key covers the project’s village. A stored distribution run, recomputed from its inputs to show the split reproduces exactly (to the fen).',
        summary: 'A stored distribution run, re-run from its inputs to show it reproduces exactly',
        params: ProjectParams.extend({ runId: Id }),
        response: { 200: DistributionRunOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await funds().projectScope(request.params.id, projectGuard(request).in())
      const run = await funds().getRun(request.params.runId)
      if (run.projectId !== request.params.id) {
        throw new FundsError(
          'funds.run_not_found',
          `project ${request.params.id} has no run ${request.params.runId}`,
        )
      }
      const refs = await voucherRefs(
        app.services,
        run.lines.map((l) => l.voucherId),
      )
      return runToWire(run, refs)
    },
  )

  app.get(
    '/v1/projects/:id/trace',
    {
      schema: {
        tags: ['projects'],
        operationId: 'traceProject',
        description:
          'Any role whose key covers the project’s village. Where the money came from (by source), where it went (by tranche, with vouchers), and revenue and its distributions.',
        summary: 'Money in by source, out by tranche (with vouchers), revenue and distributions',
        params: ProjectParams,
        response: {
          200: z.object({
            project: z.object({ id: Id, name: z.string(), status: z.string(), budget: MoneyOut }),
            moneyIn: z.array(
              z.object({
                fundSourceId: Id,
                name: z.string(),
                kind: z.string(),
                documentNo: z.string(),
                directFund: z.boolean(),
                allocated: MoneyOut,
                disbursed: MoneyOut,
              }),
            ),
            moneyOut: z.array(
              z.object({
                trancheId: Id,
                label: z.string(),
                trigger: z.string(),
                planned: MoneyOut,
                disbursed: MoneyOut,
                disbursements: z.array(
                  z.object({
                    id: Id,
                    fundSourceId: Id,
                    amount: MoneyOut,
                    date: BusinessDate,
                    voucher: VoucherRef,
                  }),
                ),
              }),
            ),
            revenues: z.array(
              z.object({
                id: Id,
                period: z.string(),
                amount: MoneyOut,
                receivedOn: BusinessDate,
                distribution: z
                  .object({
                    runId: Id,
                    policyVersion: z.string(),
                    date: BusinessDate,
                    lines: z.array(
                      z.object({
                        recipient: z.string(),
                        villageCode: z.string().nullable(),
                        amount: MoneyOut,
                        voucher: VoucherRef,
                      }),
                    ),
                  })
                  .nullable(),
              }),
            ),
            totals: z.object({
              allocated: MoneyOut,
              disbursed: MoneyOut,
              revenue: MoneyOut,
              distributedToVillages: MoneyOut,
            }),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const trace = await funds().traceProject(request.params.id, projectGuard(request).in())
      const refs = await voucherRefs(app.services, [
        ...trace.moneyOut.flatMap((t) => t.disbursements.map((d) => d.voucherId)),
        ...trace.revenues.flatMap((r) => r.distribution?.lines.map((l) => l.voucherId) ?? []),
      ])
      return {
        project: { ...trace.project, budget: money(trace.project.budget) },
        moneyIn: trace.moneyIn.map((m) => ({
          ...m,
          allocated: money(m.allocated),
          disbursed: money(m.disbursed),
        })),
        moneyOut: trace.moneyOut.map((t) => ({
          ...t,
          planned: money(t.planned),
          disbursed: money(t.disbursed),
          disbursements: t.disbursements.map((d) => ({
            id: d.id,
            fundSourceId: d.fundSourceId,
            amount: money(d.amount),
            date: d.date,
            voucher: refs(d.voucherId, d.ledgerId),
          })),
        })),
        revenues: trace.revenues.map((r) => ({
          ...r,
          amount: money(r.amount),
          distribution: r.distribution
            ? {
                ...r.distribution,
                lines: r.distribution.lines.map((l) => ({
                  recipient: l.recipient,
                  villageCode: l.villageCode,
                  amount: money(l.amount),
                  voucher: refs(l.voucherId, l.ledgerId),
                })),
              }
            : null,
        })),
        totals: {
          allocated: money(trace.totals.allocated),
          disbursed: money(trace.totals.disbursed),
          revenue: money(trace.totals.revenue),
          distributedToVillages: money(trace.totals.distributedToVillages),
        },
      }
    },
  )

  const PublicProjectOut = z
    .object({
      id: Id,
      name: z.string(),
      category: z.enum(PROJECT_CATEGORIES),
      status: z.enum(PROJECT_STATUSES),
      townshipCode: z.string(),
      location: z.string(),
      startOn: BusinessDate,
      endOn: BusinessDate,
      budget: MoneyOut,
      implementer: z.union([z.object({ villageCode: z.string() }), z.object({ partnerId: Id })]),
      beneficiaries: z.array(z.object({ villageCode: z.string(), units: z.number().int() })),
      benefitMechanism: z.string(),
      funds: z.array(
        z.object({
          name: z.string(),
          kind: z.string(),
          level: z.string(),
          documentNo: z.string(),
          directFund: z.boolean(),
          allocated: MoneyOut,
          disbursed: MoneyOut,
        }),
      ),
      targets: ProjectOut.shape.targets,
      notices: ProjectOut.shape.notices,
    })
    .meta({ id: 'PublicProject' })

  function publicView({
    project,
    funds: sources,
  }: Awaited<ReturnType<ReturnType<typeof funds>['publicProject']>>) {
    const wire = projectToWire(project)
    return {
      id: wire.id,
      name: wire.name,
      category: wire.category,
      status: wire.status,
      townshipCode: wire.townshipCode,
      location: wire.location,
      startOn: wire.startOn,
      endOn: wire.endOn,
      budget: wire.budget,
      implementer: wire.implementer,
      beneficiaries: wire.beneficiaries,
      benefitMechanism: wire.benefitMechanism,
      funds: sources.map((s) => ({ ...s, allocated: money(s.allocated), disbursed: money(s.disbursed) })),
      targets: wire.targets,
      notices: wire.notices,
    }
  }

  app.get(
    '/v1/public/projects',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        operationId: 'listPublicProjects',
        description:
          'No key. 项目公开: projects past the library stage with their funds by source and targets; no personal data.',
        summary: '项目公开 (no key): projects past the library stage, with their funds by source and targets',
        security: [],
        querystring: PageQuery.extend({ within: WithinQuery }),
        response: { 200: pageOf(PublicProjectOut), 400: Problem },
      },
    },
    async (request) => {
      const { limit, after } = pageRequest(request.query)
      // One statement for the whole page, each project with its funds named.
      const page = await funds().publicProjects(request.query.within, limit, after)
      return { items: page.items.map(publicView), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/public/projects/:id',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        operationId: 'getPublicProject',
        description:
          'No key. 项目公开: one project — funds by source, implementer, beneficiaries, status, targets and actuals.',
        summary:
          '项目公开 (no key): one project — funds by source, implementer, beneficiaries, status, targets and actuals',
        security: [],
        params: ProjectParams,
        response: { 200: PublicProjectOut, 400: Problem, 404: Problem },
      },
    },
    async (request) => publicView(await funds().publicProject(request.params.id)),
  )
}

export default projectRoutes
