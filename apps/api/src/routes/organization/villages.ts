import { Id, VillageCode } from '@liancun/core'
import {
  AddPartyMemberInput,
  AddRepresentativeInput,
  AppointVillagePostInput,
  EndVillagePostInput,
  UpdatePartyMemberInput,
  type VillageRef,
} from '@liancun/organization'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { AsOfQuery, resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { authorize, ORGANIZATION_WRITERS, scopeGuard } from '../../plugins/auth.js'
import type { Services } from '../../services.js'
import {
  CrossVillageAppointmentsOut,
  PartyRosterOut,
  RepresentativesOut,
  VillageAllianceOut,
  VillagePostOut,
  VillagePostsOut,
} from './schemas.js'

const VillageParams = z.object({ code: VillageCode })
const AsOf = z.object({ asOf: AsOfQuery })
const village = (code: string) => ({ kind: 'division' as const, code })

/**
 * A village write is authorised by the service, inside its transaction, on the village it locks
 * (the guard's lookups run on that transaction: an alliance key needs the village's memberships).
 */
function villageWriter(request: FastifyRequest, services: Services) {
  const guard = scopeGuard(request, ORGANIZATION_WRITERS, services)
  return {
    guard: async (ref: VillageRef) => {
      await guard(village(ref.villageCode))
    },
  }
}

const villageRoutes: FastifyPluginAsyncZod = async (app) => {
  const org = () => app.services.organization

  app.post(
    '/v1/villages/:code/posts',
    {
      schema: {
        tags: ['villages'],
        operationId: 'appointVillagePost',
        summary: 'Appoint a person to a post of a village body (支部委员会 / 村委会 / 村务监督委员会)',
        description:
          'Titles: party_branch secretary|deputy_secretary|committee_member; village_committee chair|vice_chair|member; ' +
          'supervision_committee chair|member. The holder may come from another village (跨村任职).',
        params: VillageParams,
        body: AppointVillagePostInput,
        response: { 201: VillagePostOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const post = await auditedWrite(
        request,
        ({ services }) =>
          services.organization.appointVillagePost(
            request.params.code,
            request.body,
            villageWriter(request, services),
          ),
        (p) => ({ type: 'village_post', id: p.id, countyCode: request.params.code.slice(0, 6) }),
      )
      return reply.code(201).send(post)
    },
  )

  app.post(
    '/v1/villages/:code/posts/:postId/end',
    {
      schema: {
        tags: ['villages'],
        operationId: 'endVillagePost',
        description:
          'Admin or organizer, key covering the village. Ends a post on `to` (inclusive); the post stays on record with its dates. A post of another village is 404.',
        summary: 'End a village post on a date (the record stays, dated)',
        params: VillageParams.extend({ postId: Id }),
        body: EndVillagePostInput,
        response: { 200: VillagePostOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const result = await auditedWrite(
        request,
        ({ services }) =>
          services.organization.endVillagePost(
            request.params.code,
            request.params.postId,
            request.body,
            villageWriter(request, services),
          ),
        (p) => ({ type: 'village_post', id: p.id, countyCode: request.params.code.slice(0, 6) }),
      )
      return result
    },
  )

  app.get(
    '/v1/villages/:code/posts',
    {
      schema: {
        tags: ['villages'],
        operationId: 'listVillagePosts',
        description:
          'Any role whose key covers the village. The posts of the 支部委员会, 村委会 and 村务监督委员会 valid on `asOf`, with the 一肩挑 flag when one person is both secretary and chair.',
        summary:
          'Posts of the village bodies valid on a day, and whether the secretary is also the chair (一肩挑)',
        params: VillageParams,
        querystring: AsOf,
        response: { 200: VillagePostsOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorize(request, { target: village(request.params.code) })
      return org().listVillagePosts(request.params.code, request.query.asOf ?? app.clock.today())
    },
  )

  app.post(
    '/v1/villages/:code/party-members',
    {
      schema: {
        tags: ['villages'],
        operationId: 'addPartyMember',
        description:
          'Admin or organizer, key covering the village. Adds a person of the village to the branch roster as 正式 (full) or 预备 (probationary) from a date; the roster drives quorums of 党员大会.',
        summary: 'Add a Party member (正式 full / 预备 probationary) to the village branch roster',
        params: VillageParams,
        body: AddPartyMemberInput,
        response: { 201: PartyRosterOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const roster = await auditedWrite(
        request,
        async ({ services }) => {
          await services.organization.addPartyMember(
            request.params.code,
            request.body,
            villageWriter(request, services),
          )
          return services.organization.listPartyMembers(request.params.code, request.body.from)
        },
        () => ({
          type: 'party_member',
          id: `${request.params.code}/${request.body.personId}`,
          countyCode: request.params.code.slice(0, 6),
        }),
      )
      return reply.code(201).send(roster)
    },
  )

  app.patch(
    '/v1/villages/:code/party-members/:personId',
    {
      schema: {
        tags: ['villages'],
        operationId: 'updatePartyMember',
        summary:
          'Change a Party member: 转正 (status full from a date), end membership, or excuse from attendance',
        description:
          'Exactly one of: `{ status: "full", from }`, `{ to, reason? }`, `{ excusal: { reason, from, to? } }`. ' +
          'Excusal reasons: long_illness, abroad_over_six_months, detained, other. History is kept.',
        params: VillageParams.extend({ personId: Id }),
        body: UpdatePartyMemberInput,
        response: { 200: PartyRosterOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const result = await auditedWrite(
        request,
        async ({ services }) => {
          await services.organization.updatePartyMember(
            request.params.code,
            request.params.personId,
            request.body,
            villageWriter(request, services),
          )
          return services.organization.listPartyMembers(request.params.code, app.clock.today())
        },
        () => ({
          type: 'party_member',
          id: `${request.params.code}/${request.params.personId}`,
          countyCode: request.params.code.slice(0, 6),
        }),
      )
      return result
    },
  )

  app.get(
    '/v1/villages/:code/party-members',
    {
      schema: {
        tags: ['villages'],
        operationId: 'listPartyMembers',
        description:
          'Any role whose key covers the village. The roster on `asOf`: status, excusals, and who counts for attendance and votes.',
        summary: 'The branch roster on a day, with who should attend and who may vote',
        params: VillageParams,
        querystring: AsOf,
        response: { 200: PartyRosterOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorize(request, { target: village(request.params.code) })
      return org().listPartyMembers(request.params.code, request.query.asOf ?? app.clock.today())
    },
  )

  app.post(
    '/v1/villages/:code/representatives',
    {
      schema: {
        tags: ['villages'],
        operationId: 'addRepresentative',
        description:
          'Admin or organizer, key covering the village. A 村民代表 serves a term from `from`; representatives vote in 村民代表会议 (四议两公开 step 4).',
        summary: 'Add a 村民代表 for a term',
        params: VillageParams,
        body: AddRepresentativeInput,
        response: { 201: RepresentativesOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const list = await auditedWrite(
        request,
        async ({ services }) => {
          await services.organization.addRepresentative(
            request.params.code,
            request.body,
            villageWriter(request, services),
          )
          return services.organization.listRepresentatives(request.params.code, request.body.from)
        },
        () => ({
          type: 'representative',
          id: `${request.params.code}/${request.body.personId}`,
          countyCode: request.params.code.slice(0, 6),
        }),
      )
      return reply.code(201).send(list)
    },
  )

  app.get(
    '/v1/villages/:code/representatives',
    {
      schema: {
        tags: ['villages'],
        operationId: 'listRepresentatives',
        description: 'Any role whose key covers the village. The representatives serving on `asOf`.',
        summary: 'The 村民代表 serving on a day',
        params: VillageParams,
        querystring: AsOf,
        response: { 200: RepresentativesOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorize(request, { target: village(request.params.code) })
      return org().listRepresentatives(request.params.code, request.query.asOf ?? app.clock.today())
    },
  )

  app.get(
    '/v1/villages/:code/alliance',
    {
      schema: {
        tags: ['villages', 'alliances'],
        operationId: 'getVillageAlliance',
        description:
          'Any role whose key covers the village. The alliance the village is a member of on `asOf`, or null.',
        summary: 'The alliance a village belongs to on a day (null when none)',
        params: VillageParams,
        querystring: AsOf,
        response: { 200: VillageAllianceOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorize(request, { target: village(request.params.code) })
      return org().villageAlliance(request.params.code, request.query.asOf ?? app.clock.today())
    },
  )

  app.get(
    '/v1/cross-village-appointments',
    {
      schema: {
        tags: ['villages', 'alliances'],
        operationId: 'listCrossVillageAppointments',
        description:
          'Any role; inside the key’s scope or `within`. Village posts held by people of another village, and alliance posts held by member-village secretaries, on `asOf`.',
        summary:
          '跨村任职 on a day: village posts held by people of other villages, alliance posts held by member-village secretaries',
        querystring: z.object({ within: WithinQuery, asOf: AsOfQuery }),
        response: { 200: CrossVillageAppointmentsOut, ...errorResponses() },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      return org().listCrossVillageAppointments({
        ...(within ? { within } : {}),
        asOf: request.query.asOf ?? app.clock.today(),
      })
    },
  )
}

export default villageRoutes
