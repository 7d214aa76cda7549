import type { Database } from '@liancun/core'
import { and, eq, or, type SQL } from 'drizzle-orm'
import { allianceMembers, alliances, divisions, partners } from '../schema.js'
import { activeOn, countyOfCode } from './sql.js'

export type MemberRow = typeof allianceMembers.$inferSelect

/**
 * What a join is decided on, in one statement: every membership of the alliance, and (for a
 * joining village) every membership of that village in any alliance, each with its alliance's
 * name. Read after the alliance and village rows are locked, so a concurrent join is seen.
 */
export async function membershipsForJoin(
  q: Database,
  countyCode: string,
  allianceId: string,
  villageCode?: string,
): Promise<{ member: MemberRow; allianceName: string; allianceTier: string }[]> {
  return q
    .select({ member: allianceMembers, allianceName: alliances.name, allianceTier: alliances.tier })
    .from(allianceMembers)
    .innerJoin(
      alliances,
      and(eq(alliances.countyCode, allianceMembers.countyCode), eq(alliances.id, allianceMembers.allianceId)),
    )
    .where(
      and(
        eq(allianceMembers.countyCode, countyCode),
        or(
          eq(allianceMembers.allianceId, allianceId),
          villageCode === undefined ? undefined : eq(allianceMembers.villageCode, villageCode),
        ),
      ),
    )
}

export async function insertMember(
  q: Database,
  values: typeof allianceMembers.$inferInsert,
): Promise<MemberRow> {
  const [row] = await q.insert(allianceMembers).values(values).returning()
  return row!
}

const memberKey = (countyCode: string, allianceId: string, id: string) =>
  and(
    eq(allianceMembers.countyCode, countyCode),
    eq(allianceMembers.id, id),
    eq(allianceMembers.allianceId, allianceId),
  ) as SQL

/** A member of the alliance, named from its division or partner row. */
export async function findNamedMember(
  q: Database,
  countyCode: string,
  allianceId: string,
  id: string,
): Promise<{ member: MemberRow; name: string | null } | undefined> {
  const [row] = await q
    .select({ member: allianceMembers, villageName: divisions.name, partnerName: partners.name })
    .from(allianceMembers)
    .leftJoin(
      divisions,
      and(
        eq(divisions.countyCode, allianceMembers.countyCode),
        eq(divisions.code, allianceMembers.villageCode),
      ),
    )
    .leftJoin(
      partners,
      and(eq(partners.countyCode, allianceMembers.countyCode), eq(partners.id, allianceMembers.partnerId)),
    )
    .where(memberKey(countyCode, allianceId, id))
  return row && { member: row.member, name: row.villageName ?? row.partnerName }
}

export async function endMember(
  q: Database,
  row: Pick<MemberRow, 'countyCode' | 'allianceId' | 'id'>,
  to: string,
  reason: string,
): Promise<void> {
  await q
    .update(allianceMembers)
    .set({ to, leaveReason: reason })
    .where(memberKey(row.countyCode, row.allianceId, row.id))
}

/** Is the village a member of the alliance on `day`? (Whether an alliance post is 跨村任职.) */
export async function isMemberVillageOn(
  q: Database,
  countyCode: string,
  allianceId: string,
  villageCode: string,
  day: string,
): Promise<boolean> {
  const rows = await q
    .select({ id: allianceMembers.id })
    .from(allianceMembers)
    .where(
      and(
        eq(allianceMembers.countyCode, countyCode),
        eq(allianceMembers.allianceId, allianceId),
        eq(allianceMembers.villageCode, villageCode),
        activeOn(allianceMembers, day),
      ),
    )
    .limit(1)
  return rows.length > 0
}

/** Alliance ids of a village on `asOf`: one statement on the village's tenant. */
export async function allianceIdsOfVillage(
  q: Database,
  villageCode: string,
  asOf: string,
): Promise<string[]> {
  const rows = await q
    .select({ id: allianceMembers.allianceId })
    .from(allianceMembers)
    .where(
      and(
        eq(allianceMembers.countyCode, countyOfCode(villageCode)),
        eq(allianceMembers.villageCode, villageCode),
        activeOn(allianceMembers, asOf),
      ),
    )
  return rows.map((row) => row.id)
}
