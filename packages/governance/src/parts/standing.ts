import type { GovernanceContext } from '../context.js'
import { notFound } from '../errors.js'
import { type DecisionPart, type DecisionStanding, decisionGaps } from '../rules/decision-standing.js'
import type { MatterSubject } from '../rules/matter-subject.js'
import { allianceMatterWithParts, matterStanding, type StandingRow } from '../store/matters.js'

const toPart = (row: StandingRow): DecisionPart => ({
  matterId: row.id,
  villageCode: row.villageCode,
  state: row.state,
  resolutionDisclosureUntil: row.resolutionDisclosureUntil,
  pendingObjections: row.pendingObjections,
})

const subjectOf = (
  category: string,
  amount: bigint | string | null,
  object: string | null,
  projects: string | null,
): MatterSubject => ({
  category,
  // A bigint column read raw (by an older id's fallback query) comes back as a string.
  amount: amount === null ? null : BigInt(amount),
  object,
  projects: projects === null ? null : (JSON.parse(projects) as string[]),
})

/** Whether a 四议两公开 decision authorises spending: the question the funds workflow asks. */
export function standingPart({ db }: GovernanceContext) {
  return {
    /**
     * Whether a village matter, or every village matter of an alliance matter, is resolved with
     * its resolution disclosure ended (`asOf` after `until`) and no objection pending; `missing`
     * says what is not, naming each matter and village. One statement either way.
     */
    async decisionStanding(
      ref: { matterId: string } | { allianceMatterId: string },
      asOf: string,
    ): Promise<DecisionStanding> {
      let head: Pick<DecisionStanding, 'kind' | 'id' | 'title' | 'category' | 'subject'>
      let parts: DecisionPart[]
      if ('matterId' in ref) {
        const row = await matterStanding(db, ref.matterId)
        if (!row) throw notFound('matter', ref.matterId)
        head = {
          kind: 'matter',
          id: row.id,
          title: row.title,
          category: row.category,
          subject: subjectOf(row.category, row.amount, row.subjectObject, row.subjectProjects),
        }
        parts = [toPart(row)]
      } else {
        const found = await allianceMatterWithParts(db, ref.allianceMatterId, { standing: true })
        if (!found) throw notFound('alliance_matter', ref.allianceMatterId)
        head = {
          kind: 'alliance_matter',
          id: found.row.id,
          title: found.row.title,
          category: found.row.category,
          subject: subjectOf(
            found.row.category,
            found.row.amount,
            found.row.subjectObject,
            found.row.subjectProjects,
          ),
        }
        parts = found.parts.map(toPart)
      }
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
