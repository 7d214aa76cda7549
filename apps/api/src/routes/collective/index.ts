import type { FastifyPluginAsync } from 'fastify'
import assetRoutes from './assets.js'
import bookingRoutes from './bookings.js'
import contractRoutes from './contracts.js'
import exportRoutes from './exports.js'
import registerRoutes from './registers.js'
import shareRoutes from './shares.js'

/** The 三资 registers (@liancun/collective): members and shares, payouts, assets, resources, contracts. */
const collectiveRoutes: FastifyPluginAsync = async (app) => {
  await app.register(registerRoutes)
  await app.register(shareRoutes)
  await app.register(assetRoutes)
  await app.register(contractRoutes)
  await app.register(bookingRoutes)
  await app.register(exportRoutes)
}

export default collectiveRoutes
