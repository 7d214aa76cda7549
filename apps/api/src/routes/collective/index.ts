import type { FastifyPluginAsync } from 'fastify'
import assetRoutes from './assets.js'
import contractRoutes from './contracts.js'
import registerRoutes from './registers.js'
import shareRoutes from './shares.js'

/** The 三资 registers (@liancun/collective): members and shares, payouts, assets, resources, contracts. */
const collectiveRoutes: FastifyPluginAsync = async (app) => {
  await app.register(registerRoutes)
  await app.register(shareRoutes)
  await app.register(assetRoutes)
  await app.register(contractRoutes)
}

export default collectiveRoutes
