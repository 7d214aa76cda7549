import { OrganizationError } from '../errors.js'

/**
 * Alliances nest in two tiers (seed 004, 恩阳: 镇域片区联合党委 above 村级片区联合党组织): a
 * village-area alliance may sit under a township-area alliance of its own township. Two tiers and
 * no deeper, so a cycle cannot form: the top tier has no parent (the input schema refuses one).
 */
export interface NestingFacts {
  tier: string
  countyCode: string
  townshipCode: string
  establishedOn: string
}

/** The child (being created) may sit under `parent`: a township-area alliance of its township. */
export function checkParentAlliance(child: NestingFacts, parent: NestingFacts & { id: string }): void {
  const refuse = (why: string, context: Record<string, unknown>) => {
    throw new OrganizationError('organization.parent_alliance_invalid', why, {
      field: 'parentAllianceId',
      context: { parentAllianceId: parent.id, ...context },
    })
  }
  if (child.tier !== 'village_area' || parent.tier !== 'township_area') {
    refuse('only a village-area alliance sits under a township-area alliance', {
      tier: child.tier,
      parentTier: parent.tier,
    })
  }
  if (parent.countyCode !== child.countyCode || parent.townshipCode !== child.townshipCode) {
    refuse(`the township-area alliance is of township ${parent.townshipCode}, not ${child.townshipCode}`, {
      townshipCode: child.townshipCode,
      parentTownshipCode: parent.townshipCode,
    })
  }
  if (parent.establishedOn > child.establishedOn) {
    refuse(
      `the township-area alliance was established on ${parent.establishedOn}, after ${child.establishedOn}`,
      {
        establishedOn: child.establishedOn,
        parentEstablishedOn: parent.establishedOn,
      },
    )
  }
}

/** Memberships that clash with a join are those in alliances of the joining alliance's tier. */
export function sameTier<T extends { allianceTier: string }>(memberships: readonly T[], tier: string): T[] {
  return memberships.filter((m) => m.allianceTier === tier)
}
