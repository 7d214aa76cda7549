import { Id, PageQuery, pageRequest, VillageCode } from '@liancun/core'
import { CreatePersonInput } from '@liancun/organization'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../../audit.js'
import { errorResponses } from '../../http/problem.js'
import { authorize, ORGANIZATION_WRITERS } from '../../plugins/auth.js'
import { PersonOut, pageOf } from './schemas.js'

const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/people',
    {
      schema: {
        tags: ['people'],
        operationId: 'createPerson',
        summary: 'Register a person of a village',
        description:
          'ID numbers are stored only as a keyed hash plus the last four characters; phone and ID number are masked ' +
          'in every response. The same ID number twice in a county is a conflict. The birth date is the one the ID ' +
          'number carries (a different stated date is 400 organization.birth_date_mismatch): the villagers’ meeting ' +
          'roster (18+) follows from it.',
        body: CreatePersonInput,
        response: { 201: PersonOut, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      await authorize(request, {
        roles: ORGANIZATION_WRITERS,
        target: { kind: 'division', code: request.body.villageCode },
      })
      const person = await auditedWrite(
        request,
        ({ services }) => services.organization.createPerson(request.body),
        (p) => ({ type: 'person', id: p.id, countyCode: p.villageCode.slice(0, 6) }),
      )
      return reply.code(201).send(person)
    },
  )

  app.get(
    '/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        operationId: 'getPerson',
        description: 'Any role whose key covers the person’s village. ID number and phone are masked.',
        summary: 'Read a person (masked)',
        params: z.object({ id: Id }),
        response: { 200: PersonOut, ...errorResponses(404) },
      },
    },
    async (request) => {
      const person = await app.services.organization.getPerson(request.params.id)
      await authorize(request, { target: { kind: 'division', code: person.villageCode } })
      return person
    },
  )

  app.get(
    '/v1/people',
    {
      schema: {
        tags: ['people'],
        operationId: 'listPeople',
        description:
          'Any role whose key covers the village. ID numbers and phones are always masked; cursor-paginated.',
        summary: 'List the people of a village (masked)',
        querystring: PageQuery.extend({ villageCode: VillageCode }),
        response: { 200: pageOf(PersonOut), ...errorResponses() },
      },
    },
    async (request) => {
      await authorize(request, { target: { kind: 'division', code: request.query.villageCode } })
      return app.services.organization.listPeople({
        villageCode: request.query.villageCode,
        ...pageRequest(request.query),
      })
    },
  )
}

export default peopleRoutes
