import { CreateHouseholdInput, CreateMemberInput, EndMembershipInput } from '@liancun/collective'
import { DomainError, Id, PageQuery, pageRequest } from '@liancun/core'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { AsOfQuery, resolveWithin, WithinQuery } from '../../http/scope-query.js'
import { BOOKKEEPERS, requireActor } from '../../plugins/auth.js'
import { openCollectiveRegisters } from '../../workflows/open-collective-registers.js'
import { ledgerAccess } from '../ledger/access.js'
import { pageOf } from '../organization/schemas.js'
import { CollectiveParams, collectiveAccess, REGISTRARS } from './access.js'
import { CollectiveOut, HouseholdOut, MemberOut } from './schemas.js'

const tags = ['collective']

/** The registers of a collective, its households and members (成员). */
const registerRoutes: FastifyPluginAsyncZod = async (app) => {
  const registers = () => app.services.collective

  app.post(
    '/v1/collectives',
    {
      schema: {
        tags,
        operationId: 'openCollectiveRegisters',
        summary:
          'Open the 三资 registers (members, shares, assets, resources, contracts) of a ledger’s collective',
        description:
          'Admin or bookkeeper, key covering the ledger’s village. One set of registers per ledger (账套); the village, name and USCC are the ledger’s.',
        body: z
          .strictObject({ ledgerId: Id })
          .meta({ example: { ledgerId: '0190a5f0-0000-8000-8000-000000000001' } }),
        response: { 201: CollectiveOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = ledgerAccess(request, BOOKKEEPERS)
      const opened = await auditedWrite(
        request,
        ({ services }) =>
          openCollectiveRegisters(
            services,
            request.body.ledgerId,
            requireActor(request).keyId,
            access.options(services),
          ),
        (c) => ({ type: 'collective', id: c.id, countyCode: c.villageCode.slice(0, 6) }),
      )
      return reply.code(201).send(opened)
    },
  )

  app.get(
    '/v1/collectives',
    {
      schema: {
        tags,
        operationId: 'listCollectiveRegisters',
        summary: 'List the 三资 registers of the collectives inside a division (one county)',
        description:
          'Any role; registers of the villages inside `within` (default the key’s scope), cursor-paginated.',
        querystring: PageQuery.extend({ within: WithinQuery }),
        response: { 200: pageOf(CollectiveOut), ...errorResponses() },
      },
    },
    async (request) => {
      const within = resolveWithin(request, request.query.within)
      // Registers are listed inside one county (one shard): a key above a county names one.
      if (within === undefined || within.length < 6) {
        throw new DomainError(
          'core.invalid_division_code',
          'within names a county, township or village: registers are listed inside one county',
          { kind: 'invalid', field: 'querystring.within' },
        )
      }
      return registers().listCollectives({ within, ...pageRequest(request.query) })
    },
  )

  app.get(
    '/v1/collectives/:id',
    {
      schema: {
        tags,
        operationId: 'getCollectiveRegisters',
        summary: 'Read a collective’s registers: its village, name, USCC and ledger',
        description: 'Any role whose key covers the collective’s village.',
        params: CollectiveParams,
        response: { 200: CollectiveOut, ...errorResponses(404) },
      },
    },
    async (request) => registers().getCollective(request.params.id, collectiveAccess(request).options()),
  )

  app.post(
    '/v1/collectives/:id/households',
    {
      schema: {
        tags,
        operationId: 'addCollectiveHousehold',
        summary: 'Add a household (户) to the member register',
        description: 'Admin, bookkeeper or clerk of the village. 户号 is unique in the register.',
        params: CollectiveParams,
        body: CreateHouseholdInput,
        response: { 201: HouseholdOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, REGISTRARS)
      const household = await auditedWrite(
        request,
        ({ services }) =>
          services.collective.addHousehold(
            request.params.id,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        (h) => access.audit('household', h.id),
      )
      return reply.code(201).send(household)
    },
  )

  app.get(
    '/v1/collectives/:id/households',
    {
      schema: {
        tags,
        operationId: 'listCollectiveHouseholds',
        summary: 'Households (户) of the member register',
        description: 'Any role whose key covers the collective’s village; cursor-paginated.',
        params: CollectiveParams,
        querystring: PageQuery,
        response: { 200: pageOf(HouseholdOut), ...errorResponses(404) },
      },
    },
    async (request) =>
      registers().listHouseholds(
        request.params.id,
        pageRequest(request.query),
        collectiveAccess(request).options(),
      ),
  )

  app.post(
    '/v1/collectives/:id/members',
    {
      schema: {
        tags,
        operationId: 'addCollectiveMember',
        summary: 'Record that a person acquires membership (取得成员身份) in a household of the register',
        description:
          'Admin, bookkeeper or clerk of the village. The reason (初始确认, 出生, 婚入, 户口迁入 …) is recorded.',
        params: CollectiveParams,
        body: CreateMemberInput,
        response: { 201: MemberOut, ...errorResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const access = collectiveAccess(request, REGISTRARS)
      const member = await auditedWrite(
        request,
        ({ services }) =>
          services.collective.addMember(
            request.params.id,
            request.body,
            requireActor(request).keyId,
            access.options(services),
          ),
        (m) => access.audit('collective_member', m.id),
      )
      return reply.code(201).send(member)
    },
  )

  app.get(
    '/v1/collectives/:id/members',
    {
      schema: {
        tags,
        operationId: 'listCollectiveMembers',
        summary: 'Members of the register, all or those who were members on a day',
        description: 'Any role whose key covers the collective’s village; cursor-paginated.',
        params: CollectiveParams,
        querystring: PageQuery.extend({ householdId: Id.optional(), asOf: AsOfQuery }),
        response: { 200: pageOf(MemberOut), ...errorResponses(404) },
      },
    },
    async (request) =>
      registers().listMembers(
        request.params.id,
        {
          ...(request.query.householdId ? { householdId: request.query.householdId } : {}),
          ...(request.query.asOf ? { asOf: request.query.asOf } : {}),
          ...pageRequest(request.query),
        },
        collectiveAccess(request).options(),
      ),
  )

  app.post(
    '/v1/collectives/:id/members/:memberId/end',
    {
      schema: {
        tags,
        operationId: 'endCollectiveMembership',
        summary: 'Record the loss of membership (丧失成员身份) with its reason; the member stays on record',
        description:
          'Admin, bookkeeper or clerk of the village. Once per member (409 `collective.member_left`).',
        params: CollectiveParams.extend({ memberId: Id }),
        body: EndMembershipInput,
        response: { 200: MemberOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const access = collectiveAccess(request, REGISTRARS)
      return auditedWrite(
        request,
        ({ services }) =>
          services.collective.endMembership(
            request.params.id,
            request.params.memberId,
            request.body,
            access.options(services),
          ),
        (m) => access.audit('collective_member', m.id),
      )
    },
  )
}

export default registerRoutes
