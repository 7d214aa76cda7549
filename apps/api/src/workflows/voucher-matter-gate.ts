import type { Fen } from '@liancun/core'
import { effectiveRules } from '@liancun/governance'
import type { MatterStanding, VoucherMatterGate } from '@liancun/ledger'
import type { Services } from '../services.js'
import { matterOrAllianceStanding } from './matter-standing.js'

/**
 * The ledger's 四议两公开 port (issue 12 item 6): the major-matter amount is the governance rule
 * in force for the ledger's village on the voucher date; a named matter — a village matter or an
 * alliance matter — is looked up with its standing (resolved, resolution disclosed, no objection
 * pending) and the amount its subject decided. The ledger decides with its own rules.
 *
 * One gate per services set, so per request: a village's rule overrides are read once and every
 * voucher date of a batch is answered from them; a voucher that moves no cash, long-lived asset
 * or borrowing never asks (see the ledger's draftMatter).
 *
 * `approvalChainCounties` (LIANCUN_APPROVAL_CHAIN_COUNTIES: county codes, or `*`) makes posting
 * wait for the complete 村账乡代管 chain; empty by default, so posting behaves as before.
 */
export function voucherMatterGate(
  services: Services,
  options: { approvalChainCounties?: readonly string[] | undefined } = {},
): VoucherMatterGate {
  const overrides = new Map<string, ReturnType<typeof readOverrides>>()
  const readOverrides = async (villageCode: string) =>
    // Every override of the village and its parents, whatever the day: then any date is pure.
    (await services.governance.getRules(villageCode, '9999-12-31')).overrides
  const chain = options.approvalChainCounties ?? []
  return {
    async majorMatterAmount(ref, on): Promise<Fen> {
      let read = overrides.get(ref.villageCode)
      if (!read) {
        read = readOverrides(ref.villageCode)
        overrides.set(ref.villageCode, read)
      }
      return effectiveRules(ref.villageCode, on, await read).majorMatterFen
    },
    async matterStanding(matterId, on): Promise<MatterStanding | null> {
      const standing = await matterOrAllianceStanding(services, matterId, on)
      return (
        standing && {
          kind: standing.kind,
          id: standing.id,
          villageCodes: standing.villageCodes,
          missing: standing.missing,
          amount: standing.subject.amount,
        }
      )
    },
    approvalChainRequired: (ref) => chain.includes('*') || chain.includes(ref.countyCode),
  }
}
