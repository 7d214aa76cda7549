import { formatMoney, Id } from '@liancun/core'
import {
  AddCouncilMemberInput,
  type CouncilRef,
  CreateCouncilInput,
  CreateTopicInput,
  quorumNotMet,
  ReviewTopicInput,
  ScheduleSessionInput,
  SessionMinutesInput,
} from '@liancun/governance'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../audit.js'
import type { Role } from '../auth/scope.js'
import { errorResponses } from '../http/problem.js'
import { authorize } from '../plugins/auth.js'
import { villageGuard } from './village-guard.js'

/** 乡村夜话 records are kept by the village clerk (村务记录). */
const CLERKS: readonly Role[] = ['clerk']
const IdParams = z.object({ id: Id })
const Record = z.record(z.string(), z.unknown())

const ResolutionOut = z.object({
  id: Id,
  topicId: Id,
  sessionId: Id,
  text: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  overdue: z.boolean(),
  closure: Record.nullable().meta({
    description: 'reason, evidence, day; not_actionable also the explanation and the council’s vote (judged)',
  }),
  amount: z.string().nullable().meta({ description: 'the spending the resolution implies (元)' }),
  matterId: Id.nullable().meta({
    description: 'the 四议两公开 matter a resolution on a major matter opened',
  }),
})

const PointsScheduleOut = z.object({
  version: z.string(),
  topicSubmitted: z.number().int(),
  topicAccepted: z.number().int(),
  resolutionFromOwnTopic: z.number().int(),
  attended: z.number().int(),
  absent: z.number().int(),
})

/** A resolution on the wire: money as a decimal string. */
const resolutionWire = <T extends { amount: bigint | null }>(r: T) => ({
  ...r,
  amount: r.amount === null ? null : formatMoney(r.amount),
})

const councilRoutes: FastifyPluginAsyncZod = async (app) => {
  const gov = () => app.services.governance

  /** The council the service loads is authorised there (see villageGuard). */
  const councilGuard = (request: Parameters<typeof villageGuard>[0], roles?: readonly Role[]) =>
    villageGuard<CouncilRef>(request, roles)
  const target = (type: string, id: string, village: string) => ({
    type,
    id,
    countyCode: village.slice(0, 6),
  })

  app.post(
    '/v1/councils',
    {
      schema: {
        tags: ['governance'],
        operationId: 'createCouncil',
        description:
          'Admin or clerk, key covering the village. Establishes the village’s 群众议事会 (乡村夜话); members are added with addCouncilMember.',
        summary: '乡村夜话: establish a village deliberation council (群众议事会)',
        body: CreateCouncilInput,
        response: {
          201: z.object({ id: Id, villageCode: z.string(), name: z.string(), establishedOn: z.string() }),
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      await authorize(request, {
        roles: CLERKS,
        target: { kind: 'division', code: request.body.villageCode },
      })
      const body = await auditedWrite(
        request,
        async ({ services }) => {
          await services.organization.getDivision(request.body.villageCode)
          return services.governance.createCouncil(request.body)
        },
        (c) => target('council', c.id, c.villageCode),
        (council) => ({
          id: council.id,
          villageCode: council.villageCode,
          name: council.name,
          establishedOn: council.establishedOn,
        }),
      )
      return reply.code(201).send(body)
    },
  )

  app.post(
    '/v1/councils/:id/members',
    {
      schema: {
        tags: ['governance'],
        operationId: 'addCouncilMember',
        description:
          'Admin or clerk, key covering the council’s village. Adds a member by category and post; a council has one chair (理事长) at a time.',
        summary: 'Add a council member by category and post; one chair at a time',
        params: IdParams,
        body: AddCouncilMemberInput,
        response: {
          201: z.object({ id: Id, personId: Id, post: z.string(), category: z.string() }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request, reply) => {
      const council = councilGuard(request, CLERKS)
      const body = await auditedWrite(
        request,
        ({ services }) => {
          const { guard } = council.in(services)
          return services.governance.addCouncilMember(request.params.id, request.body, {
            guard: async (ref) => {
              await guard(ref)
              // A member comes from the council's own county, as every roster does.
              await services.organization.getPerson(request.body.personId, ref.countyCode)
            },
          })
        },
        (m) => target('council_member', m.id, council.ref.villageCode),
        (member) => ({
          id: member.id,
          personId: member.personId,
          post: member.post,
          category: member.category,
        }),
      )
      return reply.code(201).send(body)
    },
  )

  const TopicOut = z.object({
    id: Id,
    councilId: Id,
    title: z.string(),
    status: z.string(),
    review: Record.nullable(),
  })

  app.post(
    '/v1/councils/:id/topics',
    {
      schema: {
        tags: ['governance'],
        operationId: 'proposeTopic',
        description:
          'Admin or clerk, key covering the council’s village. Records a topic a member proposes; it waits for 议前审查 before it can be scheduled.',
        summary: 'A member proposes a topic (议题); it waits for pre-review',
        params: IdParams,
        body: CreateTopicInput,
        response: { 201: TopicOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const council = councilGuard(request, CLERKS)
      const topic = await auditedWrite(
        request,
        ({ services }) =>
          services.governance.proposeTopic(request.params.id, request.body, council.in(services)),
        (t) => target('topic', t.id, council.ref.villageCode),
      )
      return reply.code(201).send(topic)
    },
  )

  app.post(
    '/v1/topics/:id/review',
    {
      schema: {
        tags: ['governance'],
        operationId: 'reviewTopic',
        description:
          'Admin or clerk, key covering the council’s village. 议前审查 by the village Party organisation: accept, or reject with a reason.',
        summary: '议前审查 by the village Party organisation; a rejection needs its reason',
        params: IdParams,
        body: ReviewTopicInput,
        response: { 200: TopicOut, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const council = councilGuard(request, CLERKS)
      const reviewed = await auditedWrite(
        request,
        ({ services }) =>
          services.governance.reviewTopic(request.params.id, request.body, {
            ...council.in(services),
            // The key that recorded the review is kept with it, beside the reviewer named in the body.
            recordedBy: request.actor?.keyId,
          }),
        (t) => target('topic', t.id, council.ref.villageCode),
      )
      return reviewed
    },
  )

  app.post(
    '/v1/councils/:id/sessions',
    {
      schema: {
        tags: ['governance'],
        operationId: 'scheduleSession',
        description:
          'Admin or clerk, key covering the council’s village. Schedules a 夜话 session with accepted topics only, its notice given inside the configured window.',
        summary: 'Schedule a 夜话 session: accepted topics only, notice inside the configured window',
        params: IdParams,
        body: ScheduleSessionInput,
        response: {
          201: z.object({
            id: Id,
            councilId: Id,
            scheduledOn: z.string(),
            status: z.string(),
            topicIds: z.array(Id),
          }),
          ...errorResponses(404, 422),
        },
      },
    },
    async (request, reply) => {
      const council = councilGuard(request, CLERKS)
      const session = await auditedWrite(
        request,
        ({ services }) =>
          services.governance.scheduleSession(request.params.id, request.body, council.in(services)),
        (s) => target('council_session', s.id, council.ref.villageCode),
      )
      return reply.code(201).send(session)
    },
  )

  app.post(
    '/v1/sessions/:id/minutes',
    {
      schema: {
        tags: ['governance'],
        operationId: 'recordSessionMinutes',
        summary:
          'Minutes: quorum of the members that day, progress on every open resolution, votes, 逐一销号',
        description:
          'Below the quorum the session is recorded as failed and the answer is 422 governance.quorum_not_met with the numbers.',
        params: IdParams,
        body: SessionMinutesInput,
        response: {
          201: z.object({
            sessionId: Id,
            status: z.enum(['held', 'failed']),
            quorum: Record,
            resolutions: z.array(ResolutionOut),
          }),
          ...errorResponses(404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const council = councilGuard(request, CLERKS)
      const result = await auditedWrite(
        request,
        ({ services }) =>
          services.governance.recordMinutes(request.params.id, request.body, council.in(services)),
        (r) => ({
          ...target('council_session', r.sessionId, council.ref.villageCode),
          after: { status: r.status },
        }),
      )
      // The failed session is on record; the caller learns why nothing was decided.
      if (result.status === 'failed') throw quorumNotMet(result.quorum, 'session')
      return reply.code(201).send({
        ...result,
        quorum: result.quorum as unknown as Record<string, unknown>,
        resolutions: result.resolutions.map(resolutionWire),
      })
    },
  )

  app.get(
    '/v1/councils/:id/resolutions',
    {
      schema: {
        tags: ['governance'],
        operationId: 'listCouncilResolutions',
        description:
          'Any role whose key covers the council’s village. Resolutions (决议) of the council, filterable by open, closed or overdue (逐一销号).',
        summary: 'Resolutions of a council: open, closed, or overdue',
        params: IdParams,
        querystring: z.object({ status: z.enum(['open', 'closed', 'overdue']).optional() }),
        response: { 200: z.object({ items: z.array(ResolutionOut) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      return {
        items: (
          await gov().listResolutions(request.params.id, request.query.status, councilGuard(request).in())
        ).map(resolutionWire),
      }
    },
  )

  app.get(
    '/v1/councils/:id/points',
    {
      schema: {
        tags: ['governance'],
        operationId: 'getCouncilPoints',
        description:
          'Any role whose key covers the council’s village. 积分 for a year, derived from recorded events under a versioned schedule; points are never entered by hand.',
        summary:
          '积分 for a year, derived from recorded events under a versioned schedule (never entered by hand)',
        params: IdParams,
        querystring: z.object({ year: z.string().regex(/^[0-9]{4}$/, 'must be a year written YYYY') }),
        response: {
          200: z.object({
            councilId: Id,
            year: z.string(),
            schedule: PointsScheduleOut.meta({ description: 'the schedule in force at the end of the year' }),
            schedules: z
              .array(PointsScheduleOut)
              .meta({ description: 'every schedule version the year’s events were counted under' }),
            members: z.array(
              z.object({
                personId: Id,
                points: z.number().int(),
                events: z.record(z.string(), z.number().int()),
              }),
            ),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      return gov().councilPoints(request.params.id, request.query.year, councilGuard(request).in())
    },
  )
}

export default councilRoutes
