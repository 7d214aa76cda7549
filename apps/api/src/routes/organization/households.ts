import { Id, VillageCode } from '@liancun/core'
import {
  AddHouseholdMemberInput,
  CreateHouseholdInput,
  EndHouseholdMemberInput,
  type VillageRef,
} from '@liancun/organization'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { AsOfQuery } from '../../http/scope-query.js'
import { authorize, ORGANIZATION_WRITERS, scopeGuard } from '../../plugins/auth.js'
import type { Services } from '../../services.js'
import { representativesMeeting } from '../../workflows/representatives-meeting.js'

const VillageParams = z.object({ code: VillageCode })
const HouseholdParams = z.object({ id: Id })
const AsOf = z.object({ asOf: AsOfQuery })
const date = z.string().meta({ example: '2024-06-30' })

const HouseholdOut = z
  .object({
    id: Id,
    villageCode: z.string(),
    number: z.string().nullable().meta({ description: '户号' }),
    headPersonId: Id.meta({ description: '户主' }),
    from: date,
    to: date.nullable(),
    members: z.array(Id).meta({ description: 'members on the day read (person ids)' }),
  })
  .meta({ id: 'Household' })

const JudgementOut = z.object({
  rule: z.record(z.string(), z.unknown()),
  base: z.number().int(),
  required: z.number().int(),
  count: z.number().int(),
  met: z.boolean(),
})

/** Household writes are authorised on the household's village, inside the service's transaction. */
function villageWriter(request: FastifyRequest, services: Services) {
  const guard = scopeGuard(request, ORGANIZATION_WRITERS, services)
  return {
    guard: async (ref: VillageRef) => {
      await guard({ kind: 'division', code: ref.villageCode })
    },
  }
}

/** 户 (households), the villagers' roster and the 村民代表会议 of a day: what meetings are judged against. */
const householdRoutes: FastifyPluginAsyncZod = async (app) => {
  const org = () => app.services.organization

  app.post(
    '/v1/villages/:code/households',
    {
      schema: {
        tags: ['villages'],
        operationId: 'createHousehold',
        summary: 'Record a household (户) with its head (户主) and members',
        description:
          'Admin or organizer, key covering the village. Members are people registered in the village, one household each at a time; ' +
          'the villagers’ meeting’s household quorum (组织法 Art. 22) is counted from these records.',
        params: VillageParams,
        body: CreateHouseholdInput,
        response: { 201: HouseholdOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const household = await auditedWrite(
        request,
        ({ services }) =>
          services.organization.createHousehold(
            request.params.code,
            request.body,
            villageWriter(request, services),
          ),
        (h) => ({ type: 'household', id: h.id, countyCode: request.params.code.slice(0, 6) }),
      )
      return reply.code(201).send(household)
    },
  )

  app.get(
    '/v1/villages/:code/households',
    {
      schema: {
        tags: ['villages'],
        operationId: 'listHouseholds',
        description:
          'Any role whose key covers the village. The households on `asOf`, each with its members that day.',
        summary: 'The households (户) of a village on a day',
        params: VillageParams,
        querystring: AsOf,
        response: { 200: z.object({ items: z.array(HouseholdOut) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      await authorize(request, { target: { kind: 'division', code: request.params.code } })
      return {
        items: await org().listHouseholds(request.params.code, request.query.asOf ?? app.clock.today()),
      }
    },
  )

  app.post(
    '/v1/households/:id/members',
    {
      schema: {
        tags: ['villages'],
        operationId: 'addHouseholdMember',
        description:
          'Admin or organizer, key covering the household’s village. A person of the village joins the household from `from`.',
        summary: 'A person joins a household from a day',
        params: HouseholdParams,
        body: AddHouseholdMemberInput,
        response: {
          201: z.object({ householdId: Id, personId: Id, from: date }),
          ...errorResponses(404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      let county = ''
      const out = await auditedWrite(
        request,
        async ({ services }) => {
          await services.organization.addHouseholdMember(request.params.id, request.body, {
            guard: async (ref) => {
              county = ref.countyCode
              await villageWriter(request, services).guard(ref)
            },
          })
          return { householdId: request.params.id, personId: request.body.personId, from: request.body.from }
        },
        (m) => ({ type: 'household_member', id: `${m.householdId}/${m.personId}`, countyCode: county }),
      )
      return reply.code(201).send(out)
    },
  )

  app.post(
    '/v1/households/:id/members/:personId/end',
    {
      schema: {
        tags: ['villages'],
        operationId: 'endHouseholdMember',
        description:
          'Admin or organizer, key covering the household’s village. The person leaves the household after `to` (inclusive); the history is kept.',
        summary: 'A person leaves a household on a day',
        params: z.object({ id: Id, personId: Id }),
        body: EndHouseholdMemberInput,
        response: { 200: z.object({ householdId: Id, personId: Id, to: date }), ...errorResponses(404, 422) },
      },
    },
    async (request) => {
      let county = ''
      return auditedWrite(
        request,
        async ({ services }) => {
          await services.organization.endHouseholdMember(
            request.params.id,
            request.params.personId,
            request.body,
            {
              guard: async (ref) => {
                county = ref.countyCode
                await villageWriter(request, services).guard(ref)
              },
            },
          )
          return { householdId: request.params.id, personId: request.params.personId, to: request.body.to }
        },
        (m) => ({ type: 'household_member', id: `${m.householdId}/${m.personId}`, countyCode: county }),
      )
    },
  )

  app.get(
    '/v1/villages/:code/villagers-roster',
    {
      schema: {
        tags: ['villages'],
        operationId: 'getVillagersRoster',
        description:
          'Any role whose key covers the village. The 村民会议 of `asOf` (组织法 Art. 21): people of the village aged 18+ from their birth dates ' +
          '(minors never; people without a recorded birth date listed apart), and the households with the adults who may represent each.',
        summary: 'The villagers’ meeting roster of a day: villagers aged 18+ and the households',
        params: VillageParams,
        querystring: AsOf,
        response: {
          200: z.object({
            villageCode: z.string(),
            asOf: date,
            adults: z.array(Id),
            unknownAge: z.array(Id),
            minors: z.number().int(),
            households: z.array(
              z.object({
                id: Id,
                number: z.string().nullable(),
                headPersonId: Id,
                members: z.array(Id),
                adults: z.array(Id),
              }),
            ),
            counts: z.object({
              people: z.number().int(),
              adults: z.number().int(),
              minors: z.number().int(),
              unknownAge: z.number().int(),
              households: z.number().int(),
            }),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      await authorize(request, { target: { kind: 'division', code: request.params.code } })
      return org().villagersRoster(request.params.code, request.query.asOf ?? app.clock.today())
    },
  )

  app.get(
    '/v1/villages/:code/representatives-meeting',
    {
      schema: {
        tags: ['villages'],
        operationId: 'getRepresentativesMeeting',
        description:
          'Any role whose key covers the village. The 村民代表会议 of `asOf` (组织法 Art. 25): the 村委会 members and the 村民代表, a person in both once, ' +
          'with its make-up checked — representatives at least 4/5 of its members, women representatives at least 1/3 — reported as warnings, not refused.',
        summary: 'The 村民代表会议 of a day and its make-up (4/5 representatives, 1/3 women)',
        params: VillageParams,
        querystring: AsOf,
        response: {
          200: z.object({
            villageCode: z.string(),
            asOf: date,
            members: z.array(
              z.object({
                personId: Id,
                name: z.string(),
                gender: z.string().nullable(),
                representative: z.boolean().meta({ description: 'a 村民代表 (else a 村委会 member only)' }),
              }),
            ),
            composition: z.object({
              representatives: JudgementOut,
              womenRepresentatives: JudgementOut,
              unknownGender: z.number().int(),
              warnings: z.array(z.string()),
            }),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      await authorize(request, { target: { kind: 'division', code: request.params.code } })
      const out = await representativesMeeting(
        app.services,
        request.params.code,
        request.query.asOf ?? app.clock.today(),
      )
      return {
        ...out,
        composition: {
          ...out.composition,
          representatives: {
            ...out.composition.representatives,
            rule: { ...out.composition.representatives.rule },
          },
          womenRepresentatives: {
            ...out.composition.womenRepresentatives,
            rule: { ...out.composition.womenRepresentatives.rule },
          },
        },
      }
    },
  )
}

export default householdRoutes
