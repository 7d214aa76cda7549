import { acrossCounties, selectRows } from '@liancun/core'
import { and, eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { NATIONAL_COUNTY, settings } from '../schema.js'
import { loadDemoCollective } from './collective.js'
import { demoDataset } from './dataset.js'
import { loadDemoFunds } from './funds.js'
import { loadDemoCouncil, loadDemoGovernance } from './governance.js'
import { loadDemoLedgers } from './ledgers.js'

const MARKER = 'demo_dataset_loaded'

/**
 * Loads the 淄博 demo dataset through the domain services (so every rule applies to it), once
 * per database: a persistent PGlite directory keeps it across restarts.
 */
export async function loadDemoDataset(app: FastifyInstance): Promise<void> {
  const marker = and(eq(settings.countyCode, NATIONAL_COUNTY), eq(settings.name, MARKER))
  const [loaded] = await app.db.select().from(settings).where(marker)
  if (loaded) return
  // A database someone already uses (divisions of their own, no demo marker) is left alone.
  const used = await acrossCounties(app.db, 'ops.whole-database', (db) =>
    selectRows(db, sql`select 1 from organization.divisions limit 1`),
  )
  if (used.length > 0) {
    app.log.warn('demo dataset not loaded: the database already holds divisions of its own')
    return
  }

  const data = demoDataset
  await app.inTransaction(async ({ tx, services }) => {
    const org = services.organization
    const order = { county: 0, township: 1, village: 2, community: 2 } as const
    const divisions = [...data.divisions].sort((a, b) => order[a.kind] - order[b.kind])
    for (const { code, ...division } of divisions) await org.upsertDivision(code, division)

    const partnerIds = new Map<string, string>()
    for (const { key, ...partner } of data.partners)
      partnerIds.set(key, (await org.createPartner(partner)).id)

    const personIds = new Map<string, string>()
    for (const { key, ...person } of data.people) personIds.set(key, (await org.createPerson(person)).id)
    const personId = (key: string) => {
      const id = personIds.get(key)
      if (!id) throw new Error(`demo dataset: unknown person ${key}`)
      return id
    }

    for (const { villageCode, personKey, ...post } of data.villagePosts) {
      await org.appointVillagePost(villageCode, { ...post, personId: personId(personKey) })
    }

    for (const { key: _key, members, posts, note: _note, ...alliance } of data.alliances) {
      const created = await org.createAlliance(alliance)
      for (const { partnerKey, ...member } of members) {
        const partnerId = partnerKey ? partnerIds.get(partnerKey) : undefined
        await org.addAllianceMember(created.id, { ...member, ...(partnerId ? { partnerId } : {}) })
      }
      for (const { personKey, ...post } of posts) {
        await org.appointAlliancePost(created.id, { ...post, personId: personId(personKey) })
      }
    }
    await loadDemoLedgers(services)
    await loadDemoGovernance(services)
    await loadDemoCouncil(services)
    await loadDemoFunds(services)
    await loadDemoCollective(services)
    await tx
      .insert(settings)
      .values({ countyCode: NATIONAL_COUNTY, name: MARKER, value: new Date().toISOString() })
  })
  app.log.info(
    { divisions: data.divisions.length, alliances: data.alliances.length, partners: data.partners.length },
    'demo dataset loaded (淄博, seed 001)',
  )
}
