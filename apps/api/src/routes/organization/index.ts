import type { FastifyPluginAsync } from 'fastify'
import allianceRoutes from './alliances.js'
import divisionRoutes from './divisions.js'
import householdRoutes from './households.js'
import partnerRoutes from './partners.js'
import peopleRoutes from './people.js'
import villageRoutes from './villages.js'

/** The organisation domain's `/v1` routes. */
const organizationRoutes: FastifyPluginAsync = async (app) => {
  await app.register(divisionRoutes)
  await app.register(peopleRoutes)
  await app.register(villageRoutes)
  await app.register(householdRoutes)
  await app.register(partnerRoutes)
  await app.register(allianceRoutes)
}

export default organizationRoutes
