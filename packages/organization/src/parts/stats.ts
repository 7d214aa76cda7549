import type { OrganizationContext } from '../context.js'
import type { AllianceStats, CrossVillageAppointment } from '../outputs.js'
import { secretaryPostsOn } from '../store/alliance-posts.js'
import { allianceCountsByModeAndLevel, villageCoverage } from '../store/stats.js'
import { crossVillagePostsOn } from '../store/village-posts.js'

/** Views across many villages and alliances: coverage statistics and 跨村任职. */
export function statsPart(ctx: OrganizationContext) {
  const { db } = ctx
  return {
    /**
     * 跨村任职 on a day: village posts held by a person of another village, and alliance posts
     * filled by a member village's secretary.
     */
    async listCrossVillageAppointments(query: {
      within?: string
      asOf: string
    }): Promise<{ asOf: string; items: CrossVillageAppointment[] }> {
      const villageSide = await crossVillagePostsOn(db, query.within, query.asOf)
      const allianceSide = await secretaryPostsOn(db, query.within, query.asOf)
      const items: CrossVillageAppointment[] = [
        ...villageSide.map(({ post, person }) => ({
          kind: 'village_post' as const,
          villageCode: post.villageCode,
          allianceId: null,
          body: post.body,
          title: post.title,
          personId: person.id,
          personName: person.name,
          personVillageCode: person.villageCode,
          from: post.from,
          to: post.to,
        })),
        ...allianceSide.map(({ post, person }) => ({
          kind: 'alliance_post' as const,
          villageCode: null,
          allianceId: post.allianceId,
          body: 'alliance',
          title: post.title,
          personId: person.id,
          personName: person.name,
          personVillageCode: person.villageCode,
          from: post.from,
          to: post.to,
        })),
      ]
      return { asOf: query.asOf, items }
    },

    /**
     * Coverage on `asOf` inside a division prefix: alliances by mode and level; villages (kinds
     * village and community) in total, covered by an alliance, and those under 500 people.
     */
    async allianceStats(query: { within?: string; asOf: string }): Promise<AllianceStats> {
      const rows = await allianceCountsByModeAndLevel(db, query.within, query.asOf)
      const byMode: Record<string, number> = {}
      const byLevel: Record<string, number> = {}
      let total = 0
      for (const row of rows) {
        const n = Number(row.n)
        byMode[row.mode] = (byMode[row.mode] ?? 0) + n
        byLevel[row.level] = (byLevel[row.level] ?? 0) + n
        total += n
      }
      const villages = await villageCoverage(db, query.within, query.asOf)
      return {
        within: query.within ?? null,
        asOf: query.asOf,
        alliances: { total, byMode, byLevel },
        villages: {
          total: villages.total,
          covered: villages.covered,
          under500: { total: villages.small, covered: villages.smallCovered },
        },
      }
    },
  }
}
