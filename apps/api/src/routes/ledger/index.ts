import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import bookRoutes from './books.js'
import importRoutes from './imports.js'
import ledgerRoutes from './ledgers.js'
import linkRoutes from './links.js'
import periodRoutes from './periods.js'
import reportRoutes from './reports.js'
import voucherApprovalRoutes from './voucher-approvals.js'
import voucherRoutes from './vouchers.js'

/**
 * The ledger domain's routes. Each route parses, calls the ledger service with a guard (see
 * access.ts) that authorises the ledger the service loads, and maps the result; it never reads
 * the ledger itself.
 */
const ledgerDomainRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(ledgerRoutes)
  await app.register(voucherRoutes)
  await app.register(importRoutes)
  await app.register(periodRoutes)
  await app.register(reportRoutes)
  await app.register(linkRoutes)
  await app.register(bookRoutes)
  await app.register(voucherApprovalRoutes)
}

export default ledgerDomainRoutes
