import { formatMoney, Id, PageQuery, pageRequest, VillageCode } from '@liancun/core'
import {
  CreateAllianceMatterInput,
  CreateMatterDisclosureInput,
  CreateMatterInput,
  CreateObjectionInput,
  ImplementationInput,
  MATTER_CATEGORIES,
  MatterMeetingInput,
  type MatterRef,
  quorumNotMet,
  RespondObjectionInput,
  STAGES,
  type Stage,
} from '@liancun/governance'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../audit.js'
import type { Role } from '../auth/scope.js'
import { errorResponses, Problem } from '../http/problem.js'
import { resolveWithin, WithinQuery } from '../http/scope-query.js'
import { authorize, scopeGuard } from '../plugins/auth.js'
import { createAllianceMatter } from '../workflows/create-alliance-matter.js'
import { recordMatterStage } from '../workflows/record-matter-stage.js'
import { villageGuard } from './village-guard.js'

/** A matter's state: the next stage, or how it ended (see MatterOut.state). */
const MATTER_STATES = [...STAGES, 'resolved', 'rejected', 'closed'] as const

/** Who records governance meetings (村务记录). */
const CLERKS: readonly Role[] = ['clerk']

const MatterOut = z
  .object({
    id: Id,
    villageCode: z.string(),
    title: z.string(),
    category: z.enum(MATTER_CATEGORIES),
    amount: z.string().nullable().meta({ description: 'the subject’s amount or cap (元)' }),
    object: z.string().nullable().meta({ description: 'the subject: the object decided' }),
    projects: z
      .array(Id)
      .nullable()
      .meta({ description: 'the subject: project ids it authorises; null → one project at most' }),
    description: z.string(),
    state: z.string().meta({
      description:
        'next stage (proposal, consultation, party_review, resolution), or resolved / rejected / closed',
    }),
    implementation: z.enum(['none', 'started', 'completed']).meta({ description: '实施' }),
    createdAt: z.string(),
    meetings: z
      .array(
        z.object({
          id: Id,
          stage: z.string(),
          heldOn: z.string(),
          outcome: z.enum(['passed', 'rejected', 'quorum_not_met']),
          record: z.record(z.string(), z.unknown()),
          judgement: z
            .record(z.string(), z.unknown())
            .meta({ description: 'rule applied with its legal basis, base, required, count' }),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Matter' })

const toWire = <T extends { amount: bigint | null }>(m: T) => ({
  ...m,
  amount: m.amount === null ? null : formatMoney(m.amount),
})

const STAGE_PATHS: [string, Stage, string][] = [
  ['proposal', 'proposal', '党组织提议: the branch committee, more than half of its members present'],
  [
    'consultation',
    'consultation',
    '两委会商议: branch committee and village committee together, each person once',
  ],
  ['party-review', 'party_review', '党员大会审议: passes on more than half of the members who should attend'],
  ['resolution', 'resolution', '村民会议 / 村民代表会议决议'],
]

const matterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/matters',
    {
      schema: {
        tags: ['governance'],
        operationId: 'createMatter',
        description:
          'Admin or clerk, key covering the village. Opens a 村级重大事项 that must pass 党支部提议, 两委商议, 党员大会审议, 村民代表会议决议, then 决议公开 and 实施结果公开.',
        summary: 'Raise a major village matter under 四议两公开',
        body: CreateMatterInput,
        response: { 201: MatterOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      await authorize(request, {
        roles: CLERKS,
        target: { kind: 'division', code: request.body.villageCode },
      })
      const matter = await auditedWrite(
        request,
        async ({ services }) => {
          await services.organization.getDivision(request.body.villageCode)
          return services.governance.createMatter(request.body)
        },
        (m) => ({ type: 'matter', id: m.id, countyCode: m.villageCode.slice(0, 6) }),
        toWire,
      )
      return reply.code(201).send(matter)
    },
  )

  app.get(
    '/v1/matters',
    {
      schema: {
        tags: ['governance'],
        operationId: 'listMatters',
        description:
          'Any role; matters of the villages inside the key’s scope or `within`, by state and category, cursor-paginated.',
        summary: 'List matters inside a division by state and category',
        querystring: PageQuery.extend({
          within: WithinQuery,
          state: z.enum(MATTER_STATES).optional(),
          category: z.enum(MATTER_CATEGORIES).optional(),
        }),
        response: {
          200: z.object({ items: z.array(MatterOut), nextCursor: z.string().nullable() }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      const page = await app.services.governance.listMatters({
        ...(within ? { within } : {}),
        ...(request.query.state ? { state: request.query.state } : {}),
        ...(request.query.category ? { category: request.query.category } : {}),
        ...pageRequest(request.query),
      })
      return { items: page.items.map(toWire), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/matters/:id',
    {
      schema: {
        tags: ['governance'],
        operationId: 'getMatter',
        description:
          'Any role whose key covers the matter’s village. The matter with every recorded step (proposal, consultation, review, resolution with its quorum), disclosures and objections.',
        summary: 'A matter with its whole timeline of meetings and judgements',
        params: z.object({ id: Id }),
        response: { 200: MatterOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      return toWire(
        await app.services.governance.getMatter(request.params.id, villageGuard<MatterRef>(request).in()),
      )
    },
  )

  for (const [path, stage, summary] of STAGE_PATHS) {
    app.post(
      `/v1/matters/:id/${path}`,
      {
        schema: {
          tags: ['governance'],
          operationId: `recordMatter${path.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`,
          summary: `${summary}; attendance is checked against the roster of the day`,
          description:
            'Stages run strictly in order. A failed quorum records the meeting and answers 422 governance.quorum_not_met ' +
            'with the numbers; a failed vote ends the matter as rejected.',
          params: z.object({ id: Id }),
          body: MatterMeetingInput,
          response: { 201: MatterOut, ...errorResponses(404, 422) },
        },
      },
      async (request, reply) => {
        const result = await auditedWrite(
          request,
          ({ services }) =>
            recordMatterStage(
              services,
              request.params.id,
              stage,
              request.body,
              villageGuard<MatterRef>(request, CLERKS).in(services),
            ),
          (r) => ({
            type: 'matter',
            id: r.matter.id,
            countyCode: r.matter.villageCode.slice(0, 6),
            after: { stage, outcome: r.outcome, state: r.matter.state },
          }),
        )
        // The meeting is on record; the caller learns why nothing was decided.
        if (result.outcome === 'quorum_not_met') throw quorumNotMet(result.quorum, 'meeting')
        return reply.code(201).send(toWire(result.matter))
      },
    )
  }

  const MatterParams = z.object({ id: Id })
  const ObjectionOut = z.object({
    id: Id,
    matterId: Id,
    submittedOn: z.string(),
    content: z.string(),
    dueOn: z.string(),
    outcome: z.enum(['upheld', 'dismissed', 'escalated']).nullable(),
    respondedOn: z.string().nullable(),
    response: z.string().nullable(),
    overdue: z.boolean().meta({ description: 'unanswered past its due day, or answered late' }),
  })

  app.post(
    '/v1/matters/:id/disclosures',
    {
      schema: {
        tags: ['governance'],
        operationId: 'discloseMatter',
        description:
          'Admin or clerk, key covering the matter’s village. 两公开: discloses the resolution for at least the configured days (or, after implementation, the result); objections may be raised while it runs.',
        summary:
          '两公开: disclose the resolution (at least the configured days) or, once implemented, the result',
        params: MatterParams,
        body: CreateMatterDisclosureInput,
        response: {
          201: z.object({
            id: Id,
            matterId: Id,
            kind: z.enum(['resolution', 'result']),
            channels: z.array(z.string()),
            from: z.string(),
            until: z.string(),
          }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request, reply) => {
      const matter = villageGuard<MatterRef>(request, CLERKS)
      const disclosure = await auditedWrite(
        request,
        ({ services }) =>
          services.governance.discloseMatter(request.params.id, request.body, matter.in(services)),
        (d) => ({ type: 'matter_disclosure', id: d.id, countyCode: matter.ref.countyCode }),
      )
      return reply.code(201).send(disclosure)
    },
  )

  app.post(
    '/v1/matters/:id/objections',
    {
      schema: {
        tags: ['governance'],
        operationId: 'objectToMatter',
        description:
          'Admin or clerk, key covering the matter’s village. Records a villager’s 异议 to a disclosed resolution; it must be answered within the configured days.',
        summary:
          '异议: record an objection to a disclosed resolution; it is due an answer within the configured days',
        params: MatterParams,
        body: CreateObjectionInput,
        response: { 201: ObjectionOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const matter = villageGuard<MatterRef>(request, CLERKS)
      const objection = await auditedWrite(
        request,
        ({ services }) => services.governance.objectTo(request.params.id, request.body, matter.in(services)),
        (o) => ({ type: 'objection', id: o.id, countyCode: matter.ref.countyCode }),
      )
      return reply.code(201).send(objection)
    },
  )

  app.get(
    '/v1/matters/:id/objections',
    {
      schema: {
        tags: ['governance'],
        operationId: 'listMatterObjections',
        description:
          'Any role whose key covers the matter’s village. Objections with their answers, and which answers are overdue.',
        summary: 'Objections to a matter, with overdue answers visible',
        params: MatterParams,
        response: { 200: z.object({ items: z.array(ObjectionOut) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      return {
        items: await app.services.governance.listObjections(
          request.params.id,
          villageGuard<MatterRef>(request).in(),
        ),
      }
    },
  )

  app.post(
    '/v1/objections/:id/response',
    {
      schema: {
        tags: ['governance'],
        operationId: 'respondToObjection',
        description:
          'Admin or clerk, key covering the matter’s village. Answers an objection: upheld (the matter goes back to 两委商议), dismissed with reasons, or escalated.',
        summary: 'Answer an objection: upheld (back to 两委商议), dismissed, or escalated',
        params: z.object({ id: Id }),
        body: RespondObjectionInput,
        response: { 200: ObjectionOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const matter = villageGuard<MatterRef>(request, CLERKS)
      const answered = await auditedWrite(
        request,
        ({ services }) =>
          services.governance.respondToObjection(request.params.id, request.body, matter.in(services)),
        (o) => ({ type: 'objection', id: o.id, countyCode: matter.ref.countyCode }),
      )
      return answered
    },
  )

  app.post(
    '/v1/matters/:id/implementation',
    {
      schema: {
        tags: ['governance'],
        operationId: 'recordMatterImplementation',
        description:
          'Admin or clerk, key covering the matter’s village. Starts 实施 once the resolution disclosure has ended with no objection pending, then records completion.',
        summary: '实施: start after the resolution disclosure ended with no objection pending; then complete',
        params: MatterParams,
        body: ImplementationInput,
        response: {
          200: z.object({ matterId: Id, implementation: z.enum(['started', 'completed']), on: z.string() }),
          ...errorResponses(404, 409, 422),
        },
      },
    },
    async (request) => {
      const matter = villageGuard<MatterRef>(request, CLERKS)
      const result = await auditedWrite(
        request,
        ({ services }) =>
          services.governance.recordImplementation(request.params.id, request.body, matter.in(services)),
        (r) => ({ type: 'matter', id: r.matterId, countyCode: matter.ref.countyCode }),
      )
      return result
    },
  )

  app.get(
    '/v1/public/villages/:code/disclosures',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        operationId: 'listPublicVillageDisclosures',
        description:
          'No key. 晒村务: a village’s matter disclosures and the state of their objections; names, ID numbers and phones are never shown.',
        summary:
          '晒村务 (no key): a village’s matter disclosures and the state of objections, without personal data',
        security: [],
        params: z.object({ code: VillageCode }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: Id,
                matterId: Id,
                title: z.string(),
                category: z.string(),
                state: z.string(),
                kind: z.string(),
                channels: z.array(z.string()),
                from: z.string(),
                until: z.string(),
                objections: z.array(
                  z.object({
                    submittedOn: z.string(),
                    outcome: z.string().nullable(),
                    respondedOn: z.string().nullable(),
                  }),
                ),
              }),
            ),
            councilResolutions: z.array(
              z.object({
                council: z.string(),
                text: z.string(),
                owner: z.string().meta({ description: 'by post (e.g. 村委会主任), never by name' }),
                dueOn: z.string(),
                status: z.enum(['open', 'closed']),
                overdue: z.boolean(),
              }),
            ),
          }),
          400: Problem,
        },
      },
    },
    async (request) => ({
      items: await app.services.governance.publicDisclosures(request.params.code),
      councilResolutions: await app.services.governance.publicResolutions(request.params.code),
    }),
  )

  const AllianceMatterOut = z
    .object({
      id: Id,
      allianceId: Id,
      title: z.string(),
      category: z.string(),
      amount: z.string().nullable().meta({ description: 'the subject’s amount or cap (元)' }),
      object: z.string().nullable(),
      projects: z.array(Id).nullable(),
      state: z.enum(['in_progress', 'resolved', 'rejected_by_a_village']),
      villages: z.array(z.object({ villageCode: z.string(), matterId: Id, state: z.string() })),
      createdAt: z.string(),
    })
    .meta({ id: 'AllianceMatter' })

  app.post(
    '/v1/alliance-matters',
    {
      schema: {
        tags: ['governance'],
        operationId: 'createAllianceMatter',
        description:
          'Admin or clerk, key covering the alliance. An alliance-wide matter opens one village matter per listed member village; each village decides through its own 四议两公开.',
        summary:
          'Raise an alliance matter: one village matter per listed member village, each decided by its village',
        body: CreateAllianceMatterInput,
        response: { 201: AllianceMatterOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const ref = await app.services.organization.getAllianceRef(request.body.allianceId)
      await authorize(request, {
        roles: CLERKS,
        target: { kind: 'alliance', id: ref.id, townshipCode: ref.townshipCode },
      })
      const created = await auditedWrite(
        request,
        ({ services }) => createAllianceMatter(services, request.body, app.clock.today()),
        (m) => ({ type: 'alliance_matter', id: m.id, countyCode: ref.countyCode }),
        toWire,
      )
      return reply.code(201).send(created)
    },
  )

  app.get(
    '/v1/alliance-matters/:id',
    {
      schema: {
        tags: ['governance'],
        operationId: 'getAllianceMatter',
        description:
          'Any role whose key covers the alliance. The alliance matter with the state of each village matter; resolved only when every village has resolved.',
        summary:
          'An alliance matter: resolved only when every village has resolved; a village rejection shows',
        params: z.object({ id: Id }),
        response: { 200: AllianceMatterOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      const check = scopeGuard(request)
      const found = await app.services.governance.getAllianceMatter(request.params.id, {
        // The alliance's township is the organisation domain's to tell.
        guard: async ({ allianceId }) => {
          const ref = await app.services.organization.getAllianceRef(allianceId)
          await check({ kind: 'alliance', id: ref.id, townshipCode: ref.townshipCode })
        },
      })
      return toWire(found)
    },
  )
}

export default matterRoutes
