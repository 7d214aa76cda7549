import type { Database } from '@liancun/core'
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import { GovernanceError } from './matters.js'
import { type DecisionPart, type DecisionStanding, decisionGaps } from './rules/decision-standing.js'
import { allianceMatters, matterDisclosures, matterMeetings, matters, objections } from './schema.js'

type MatterRow = typeof matters.$inferSelect

/** Whether a 四议两公开 decision authorises spending: the question the funds workflow asks. */
export function standingMethods(db: Database) {
  /** Latest resolution disclosure (of the latest resolution) and pending objections of each matter. */
  async function partsOf(rows: MatterRow[]): Promise<DecisionPart[]> {
    if (rows.length === 0) return []
    const counties = [...new Set(rows.map((r) => r.countyCode))]
    const ids = rows.map((r) => r.id)
    // A resolution disclosure counts only for the resolution it follows: after an upheld
    // objection the matter is decided again, and the earlier disclosure no longer covers it.
    const resolutions = await db
      .selectDistinctOn([matterMeetings.matterId], {
        matterId: matterMeetings.matterId,
        heldOn: matterMeetings.heldOn,
      })
      .from(matterMeetings)
      .where(
        and(
          inArray(matterMeetings.countyCode, counties),
          inArray(matterMeetings.matterId, ids),
          eq(matterMeetings.stage, 'resolution'),
          eq(matterMeetings.outcome, 'passed'),
        ),
      )
      .orderBy(matterMeetings.matterId, desc(matterMeetings.heldOn), desc(matterMeetings.createdAt))
    const resolvedOn = new Map(resolutions.map((r) => [r.matterId, r.heldOn]))
    const allDisclosures = await db
      .select({
        matterId: matterDisclosures.matterId,
        from: matterDisclosures.from,
        until: matterDisclosures.until,
      })
      .from(matterDisclosures)
      .where(
        and(
          inArray(matterDisclosures.countyCode, counties),
          inArray(matterDisclosures.matterId, ids),
          eq(matterDisclosures.kind, 'resolution'),
        ),
      )
      .orderBy(desc(matterDisclosures.createdAt), desc(matterDisclosures.id))
    const disclosures = ids.flatMap((id) => {
      const latest = allDisclosures.find((d) => d.matterId === id && d.from >= (resolvedOn.get(id) ?? ''))
      return latest ? [latest] : []
    })
    const pending = await db
      .select({ matterId: objections.matterId, n: count() })
      .from(objections)
      .where(
        and(
          inArray(objections.countyCode, counties),
          inArray(objections.matterId, ids),
          isNull(objections.outcome),
        ),
      )
      .groupBy(objections.matterId)
    const untilOf = new Map(disclosures.map((d) => [d.matterId, d.until]))
    const pendingOf = new Map(pending.map((p) => [p.matterId, Number(p.n)]))
    return rows.map((row) => ({
      matterId: row.id,
      villageCode: row.villageCode,
      state: row.state,
      resolutionDisclosureUntil: untilOf.get(row.id) ?? null,
      pendingObjections: pendingOf.get(row.id) ?? 0,
    }))
  }

  return {
    /**
     * Whether a village matter, or every village matter of an alliance matter, is resolved with
     * its resolution disclosure ended (`asOf` after `until`) and no objection pending; `missing`
     * says what is not, naming each matter and village.
     */
    async decisionStanding(
      ref: { matterId: string } | { allianceMatterId: string },
      asOf: string,
    ): Promise<DecisionStanding> {
      let head: Pick<DecisionStanding, 'kind' | 'id' | 'title' | 'category'>
      let rows: MatterRow[]
      if ('matterId' in ref) {
        const [row] = await db.select().from(matters).where(eq(matters.id, ref.matterId))
        if (!row)
          throw new GovernanceError('governance.matter_not_found', `no matter ${ref.matterId}`, {
            kind: 'not_found',
          })
        head = { kind: 'matter', id: row.id, title: row.title, category: row.category }
        rows = [row]
      } else {
        const [row] = await db
          .select()
          .from(allianceMatters)
          .where(eq(allianceMatters.id, ref.allianceMatterId))
        if (!row)
          throw new GovernanceError(
            'governance.alliance_matter_not_found',
            `no alliance matter ${ref.allianceMatterId}`,
            { kind: 'not_found' },
          )
        head = { kind: 'alliance_matter', id: row.id, title: row.title, category: row.category }
        rows = await db
          .select()
          .from(matters)
          .where(eq(matters.allianceMatterId, row.id))
          .orderBy(asc(matters.villageCode))
      }
      const parts = await partsOf(rows)
      const missing = parts.flatMap((part) => decisionGaps(part, asOf))
      if (parts.length === 0) missing.push(`alliance matter ${head.id} has no village matters`)
      return {
        ...head,
        villageCodes: parts.map((p) => p.villageCode),
        satisfied: missing.length === 0,
        missing,
        parts,
      }
    },
  }
}
