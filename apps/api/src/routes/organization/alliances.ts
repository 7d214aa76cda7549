import { formatMoney, Id, MoneyOut, PageQuery, pageRequest } from '@liancun/core'
import { Period } from '@liancun/ledger'
import {
  AddAllianceMemberInput,
  type AllianceRef,
  AppointAlliancePostInput,
  CreateAllianceInput,
  LeaveAllianceMemberInput,
} from '@liancun/organization'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import type { Target } from '../../auth/scope.js'
import { hotResponse } from '../../http/hot-response.js'
import { errorResponses } from '../../http/problem.js'
import { AsOfQuery, resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { authorize, ORGANIZATION_WRITERS, requireActor, scopeGuard } from '../../plugins/auth.js'
import { allianceFinancials } from '../../workflows/alliance-financials.js'
import {
  AllianceMemberOut,
  AllianceOut,
  AlliancePostOut,
  AllianceStatsOut,
  AllianceSummaryOut,
  pageOf,
} from './schemas.js'

const AllianceParams = z.object({ id: Id })

/** The alliance a service loaded, as a scope target. */
const allianceTarget = (ref: AllianceRef): Target => ({
  kind: 'alliance',
  id: ref.id,
  townshipCode: ref.townshipCode,
})

const allianceRoutes: FastifyPluginAsyncZod = async (app) => {
  const org = () => app.services.organization

  app.post(
    '/v1/alliances',
    {
      schema: {
        tags: ['alliances'],
        operationId: 'createAlliance',
        summary: 'Establish an alliance (联村党组织) led by a township',
        description:
          'Modes: strong_leads_weak (强村带动, form 1+1 or 1+N), mutual_aid (村村互助), village_enterprise (村企联建), ' +
          'urban_rural (城乡融合). Levels: party_committee (联村党委), general_branch (联村党总支), branch (联合党支部), league (党建联盟).',
        body: CreateAllianceInput,
        response: { 201: AllianceOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      await authorize(request, {
        roles: ORGANIZATION_WRITERS,
        target: { kind: 'division', code: request.body.townshipCode },
      })
      const alliance = await auditedWrite(
        request,
        async ({ services }) => {
          const created = await services.organization.createAlliance(request.body)
          return services.organization.getAlliance(created.id, request.body.establishedOn)
        },
        (a) => ({ type: 'alliance', id: a.id, countyCode: a.countyCode }),
      )
      return reply.code(201).send(alliance)
    },
  )

  app.get(
    '/v1/alliances/:id',
    {
      schema: {
        tags: ['alliances'],
        operationId: 'getAlliance',
        description:
          'Any role whose key covers the alliance (its township, county, or the alliance itself). Members and posts valid on `asOf`.',
        summary: 'An alliance with the members and posts valid on a day',
        params: AllianceParams,
        querystring: z.object({ asOf: AsOfQuery }),
        response: { 200: hotResponse(AllianceOut), ...errorResponses(404) },
      },
    },
    async (request) => {
      // The service authorises the alliance it reads (one statement, then the scope check).
      const guard = scopeGuard(request)
      return org().getAlliance(request.params.id, request.query.asOf ?? app.clock.today(), {
        guard: async (ref) => {
          await guard(allianceTarget(ref))
        },
      })
    },
  )

  app.get(
    '/v1/alliances',
    {
      schema: {
        tags: ['alliances'],
        operationId: 'listAlliances',
        description:
          'Any role. Alliances whose township lies inside `within` (default: the key’s scope), optionally by mode, as they stand on `asOf`; an alliance key lists its own alliance. On the demo, `within=370322` lists the 高青县 alliances.',
        summary: 'List alliances inside a division, by mode, on a day',
        querystring: PageQuery.extend({
          within: WithinQuery,
          mode: AllianceSummaryOut.shape.mode.optional(),
          asOf: AsOfQuery,
        }),
        response: { 200: hotResponse(pageOf(AllianceSummaryOut)), ...errorResponses() },
      },
    },
    async (request) => {
      const actor = requireActor(request)
      const asOf = request.query.asOf ?? app.clock.today()
      if (actor.scope.kind === 'alliance') {
        // An alliance-scoped key sees exactly its own alliance.
        const own = await org().getAlliance(actor.scope.id, asOf)
        const matches = !request.query.mode || own.mode === request.query.mode
        return { items: matches ? [own] : [], nextCursor: null }
      }
      const within = resolveWithin(request, request.query.within)
      return org().listAlliances({
        ...(within ? { within } : {}),
        ...(request.query.mode ? { mode: request.query.mode } : {}),
        asOf,
        ...pageRequest(request.query),
      })
    },
  )

  app.post(
    '/v1/alliances/:id/members',
    {
      schema: {
        tags: ['alliances'],
        operationId: 'addAllianceMember',
        summary: 'A village or partner joins the alliance from a date',
        description:
          'A village is in at most one alliance on any date (organization.village_in_other_alliance); members are ' +
          'villages of the alliance’s county; a 1+1 alliance has exactly two villages. Joining never changes the ' +
          'village’s division, bodies or ledgers (三不变). The key’s scope must cover both the alliance and the joining ' +
          'village.',
        params: AllianceParams,
        body: AddAllianceMemberInput,
        response: { 201: AllianceMemberOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      let countyCode = ''
      const member = await auditedWrite(
        request,
        ({ services }) => {
          const guard = scopeGuard(request, ORGANIZATION_WRITERS, services)
          return services.organization.addAllianceMember(request.params.id, request.body, {
            guard: async (ref) => {
              await guard(allianceTarget(ref))
              // The write touches the joining village too: a key may only bring in villages of its
              // own scope (a township organiser cannot pull another township's village, and with it
              // that village's rosters and books, into its alliance).
              if (request.body.villageCode) await guard({ kind: 'division', code: request.body.villageCode })
              countyCode = ref.countyCode
            },
          })
        },
        (m) => ({ type: 'alliance_member', id: m.id, countyCode }),
      )
      return reply.code(201).send(member)
    },
  )

  app.post(
    '/v1/alliances/:id/members/:memberId/leave',
    {
      schema: {
        tags: ['alliances'],
        operationId: 'leaveAlliance',
        description:
          'Admin or organizer, key covering the alliance. Ends a membership on `to` (inclusive) with a reason; the membership stays on record. A member of another alliance is 404.',
        summary: 'A member leaves the alliance after a date (inclusive)',
        params: AllianceParams.extend({ memberId: Id }),
        body: LeaveAllianceMemberInput,
        response: { 200: AllianceMemberOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      let countyCode = ''
      const result = await auditedWrite(
        request,
        ({ services }) => {
          const guard = scopeGuard(request, ORGANIZATION_WRITERS, services)
          return services.organization.leaveAllianceMember(
            request.params.id,
            request.params.memberId,
            request.body,
            {
              guard: async (ref) => {
                await guard(allianceTarget(ref))
                countyCode = ref.countyCode
              },
            },
          )
        },
        (m) => ({ type: 'alliance_member', id: m.id, countyCode }),
      )
      return result
    },
  )

  app.post(
    '/v1/alliances/:id/posts',
    {
      schema: {
        tags: ['alliances'],
        operationId: 'appointAlliancePost',
        description:
          'Admin or organizer, key covering the alliance. Appoints a person as secretary, deputy secretary or committee member from a date, with where the person comes from (township cadre, member-village secretary, partner leader).',
        summary: 'Appoint a secretary, deputy secretary or committee member of the alliance',
        params: AllianceParams,
        body: AppointAlliancePostInput,
        response: { 201: AlliancePostOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      let countyCode = ''
      const post = await auditedWrite(
        request,
        ({ services }) => {
          const guard = scopeGuard(request, ORGANIZATION_WRITERS, services)
          return services.organization.appointAlliancePost(request.params.id, request.body, {
            guard: async (ref) => {
              await guard(allianceTarget(ref))
              countyCode = ref.countyCode
            },
          })
        },
        (p) => ({ type: 'alliance_post', id: p.id, countyCode }),
      )
      return reply.code(201).send(post)
    },
  )

  app.get(
    '/v1/stats/alliances',
    {
      schema: {
        tags: ['alliances'],
        operationId: 'getAllianceStats',
        description:
          'Any role; inside the key’s scope or `within`. Alliances by mode and level, villages covered, and coverage of small villages (< 500 people), on `asOf`.',
        summary:
          'Coverage: alliances by mode and level, villages covered, small villages (< 500 people) covered',
        querystring: z.object({ within: WithinQuery, asOf: AsOfQuery }),
        response: { 200: AllianceStatsOut, ...errorResponses() },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      return org().allianceStats({
        ...(within ? { within } : {}),
        asOf: request.query.asOf ?? app.clock.today(),
      })
    },
  )

  const Sided = z.object({ side: z.enum(['debit', 'credit']), amount: MoneyOut })
  app.get(
    '/v1/alliances/:id/financials',
    {
      schema: {
        tags: ['alliances', 'ledgers'],
        operationId: 'getAllianceFinancials',
        summary:
          'One column per member village’s ledger and a total (汇总), by account; optionally without inter-member links',
        description:
          'Members are those of the alliance at the end of the month. Each ledger stays its own column (三独立); ' +
          'eliminateLinks=true removes posted 飞地抱团 legs between two member ledgers from the total only.',
        params: AllianceParams,
        querystring: z.object({
          period: Period,
          eliminateLinks: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
        }),
        response: {
          200: z.object({
            allianceId: Id,
            allianceName: z.string(),
            period: z.string(),
            eliminateLinks: z.boolean(),
            columns: z.array(
              z.object({
                ledgerId: Id,
                villageCode: z.string(),
                villageName: z.string(),
                collective: z.string(),
              }),
            ),
            rows: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                values: z.array(Sided),
                eliminated: Sided,
                total: Sided,
              }),
            ),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      // The workflow reads the alliance again inside its transaction; this read only authorises.
      const guard = scopeGuard(request)
      await org().getAllianceRef(request.params.id, {
        guard: async (ref) => {
          await guard(allianceTarget(ref))
        },
      })
      const view = await app.inTransaction(({ services }) =>
        allianceFinancials(services, request.params.id, request.query.period, request.query.eliminateLinks),
      )
      const sided = (v: { side: 'debit' | 'credit'; amount: bigint }) => ({
        side: v.side,
        amount: formatMoney(v.amount),
      })
      return {
        ...view,
        rows: view.rows.map((row) => ({
          ...row,
          values: row.values.map(sided),
          eliminated: sided(row.eliminated),
          total: sided(row.total),
        })),
      }
    },
  )
}

export default allianceRoutes
