import { countyOf, groupByCounty, newId } from '@liancun/core'
import { type AllianceMatterRef, type GovernanceContext, type GuardOptions, runGuard } from '../context.js'
import { notFound } from '../errors.js'
import type { CreateAllianceMatterInput } from '../inputs.js'
import {
  type AllianceMatterRow,
  allianceMatterWithParts,
  insertAllianceMatter,
  insertMatters,
} from '../store/matters.js'

/** Resolved only when every village's matter is resolved (or closed); a rejection shows. */
function allianceMatterOut(
  row: AllianceMatterRow,
  parts: readonly { id: string; villageCode: string; state: string }[],
) {
  const done = (state: string) => state === 'resolved' || state === 'closed'
  const state: 'in_progress' | 'resolved' | 'rejected_by_a_village' = parts.some(
    (p) => p.state === 'rejected',
  )
    ? 'rejected_by_a_village'
    : parts.every((p) => done(p.state))
      ? 'resolved'
      : 'in_progress'
  return {
    id: row.id,
    allianceId: row.allianceId,
    title: row.title,
    category: row.category,
    amount: row.amount,
    object: row.subjectObject,
    projects: row.subjectProjects === null ? null : (JSON.parse(row.subjectProjects) as string[]),
    state,
    villages: parts.map((p) => ({ villageCode: p.villageCode, matterId: p.id, state: p.state })),
    createdAt: row.createdAt.toISOString(),
  }
}

type AllianceMatterParts = Awaited<ReturnType<typeof insertMatters>>

/** Village codes grouped by county, in the order the counties first appear. */
const byCounty = (villageCodes: readonly string[]) => groupByCounty(villageCodes, countyOf)

/** 三集中 with 三不变: an alliance raises a matter, each listed village decides it for itself. */
export function allianceMatterPart({ db, clock }: GovernanceContext) {
  return {
    /** Fans out one village matter per listed village; the app has checked they are members. */
    async createAllianceMatter(input: CreateAllianceMatterInput, countyCode: string) {
      return db.transaction(async (tx) => {
        const createdAt = clock.now()
        const row = await insertAllianceMatter(tx, {
          countyCode,
          id: newId(countyCode),
          allianceId: input.allianceId,
          title: input.title,
          category: input.category,
          amount: input.amount ?? null,
          subjectObject: input.object ?? null,
          subjectProjects: input.projects ? JSON.stringify(input.projects) : null,
          createdAt,
        })
        // One insert per county (a statement stays on one shard): the villages of an alliance
        // are of its county, so this is one statement.
        const parts: AllianceMatterParts = []
        for (const [county, villageCodes] of byCounty(input.villageCodes)) {
          const rows = await insertMatters(
            tx,
            villageCodes.map((villageCode) => ({
              countyCode: county,
              id: newId(county),
              villageCode,
              title: input.title,
              category: input.category,
              // Each village decides the same subject (三不变): its own matter carries it too.
              amount: input.amount ?? null,
              subjectObject: input.object ?? null,
              subjectProjects: input.projects ? JSON.stringify(input.projects) : null,
              description: input.description ?? input.title,
              state: 'proposal',
              allianceMatterId: row.id,
              createdAt,
            })),
          )
          parts.push(...rows)
        }
        return allianceMatterOut(
          row,
          [...parts].sort((a, b) => (a.villageCode < b.villageCode ? -1 : 1)),
        )
      })
    },

    /** An alliance matter with its village matters, in one statement; `guard` sees its alliance. */
    async getAllianceMatter(id: string, options?: GuardOptions<AllianceMatterRef>) {
      const found = await allianceMatterWithParts(db, id)
      if (!found) throw notFound('alliance_matter', id)
      await runGuard(options, {
        countyCode: found.row.countyCode,
        id: found.row.id,
        allianceId: found.row.allianceId,
      })
      return allianceMatterOut(found.row, found.parts)
    },
  }
}
