import { type Database, formatMoney } from '@liancun/core'
import { type FundsContext, type GuardOptions, type ProjectRef, runGuard } from '../context.js'
import { FundsError, notFound } from '../errors.js'
import type { TransitionInput } from '../inputs.js'
import { checkAssetTitle, checkTitleRequired, titleEntries } from '../rules/asset-title.js'
import { projects } from '../schema.js'
import { attachTitleVouchers, insertTitles, titleContext, titlesOf } from '../store/asset-titles.js'
import { findProject } from '../store/projects.js'
import { keyOf } from '../store/sql.js'
import { projectRef } from './projects.js'

/**
 * 资产确权 at acceptance: checks the assets against the money spent and the project's villages,
 * stores them with their owners, and the entries each ledger will receive (owned, received).
 */
export async function recordTitles(
  tx: Database,
  row: { countyCode: string; id: string },
  ref: ProjectRef,
  acceptance: NonNullable<TransitionInput['acceptance']>,
  on: string,
  ownerLedgers: Record<string, string>,
) {
  const context = await titleContext(tx, row)
  const villages = [
    ...new Set([
      ...(ref.implementerVillageCode ? [ref.implementerVillageCode] : []),
      ...ref.beneficiaryVillageCodes,
    ]),
  ]
  const facts = {
    villages,
    disbursed: context.byLedger.reduce((sum, l) => sum + l.amount, 0n),
    planned: context.planned,
  }
  checkTitleRequired(acceptance.assets, facts)
  if (!acceptance.assets) return
  const lines = checkAssetTitle(acceptance.assets, facts)
  const entries = new Map<string, { owned: bigint; received: bigint }>()
  const entry = (ledgerId: string) => {
    const found = entries.get(ledgerId) ?? { owned: 0n, received: 0n }
    entries.set(ledgerId, found)
    return found
  }
  const owners = lines.map((line) => {
    const ledgerId = line.household === null ? (ownerLedgers[line.villageCode] ?? null) : null
    if (line.household === null && ledgerId === null) {
      throw new FundsError(
        'funds.asset_owner_unknown',
        `village ${line.villageCode} has no ledger to book its asset in`,
        {
          field: 'acceptance.assets',
          context: { villageCode: line.villageCode },
        },
      )
    }
    if (ledgerId !== null) entry(ledgerId).owned += line.value
    return { countyCode: row.countyCode, projectId: row.id, ...line, ledgerId }
  })
  for (const paid of context.byLedger) entry(paid.ledgerId).received += paid.amount
  await insertTitles(
    tx,
    acceptance.assets.map((asset, i) => ({
      countyCode: row.countyCode,
      projectId: row.id,
      position: i + 1,
      name: asset.name,
      assetClass: asset.assetClass,
      cost: asset.cost,
      titledOn: on,
    })),
    owners,
    [...entries].map(([ledgerId, e]) => ({ countyCode: row.countyCode, projectId: row.id, ledgerId, ...e })),
  )
}

/** 资产确权 as recorded: for the asset register, and the ledgers' entries the app drafts. */
export function assetTitlePart({ db }: FundsContext) {
  return {
    /**
     * A project's 确权 assets with their owners and shares (value of cost, and the ledger of a
     * village owner), and the entries each ledger receives (lines by account code, voucher id).
     */
    async assetTitles(projectId: string, options?: GuardOptions<ProjectRef>) {
      const key = await keyOf(db, projects, projectId)
      const found = await findProject(db, key)
      if (!found) throw notFound('project', projectId)
      await runGuard(options?.guard, projectRef(found.row, found.beneficiaryVillageCodes))
      const { assets, owners, entries } = await titlesOf(db, found.row)
      return {
        projectId: found.row.id,
        assets: assets.map((a) => ({
          position: a.position,
          name: a.name,
          assetClass: a.assetClass as 'operating' | 'public_welfare' | 'household',
          cost: a.cost,
          titledOn: a.titledOn,
          owners: owners
            .filter((o) => o.position === a.position)
            .map((o) => ({
              owner: o.owner,
              villageCode: o.villageCode,
              household: o.household,
              value: o.value,
              /** The owner's share of the asset as value / cost, e.g. "75.00" (%), rounded down. */
              sharePercent: formatMoney((o.value * 10000n) / a.cost),
              ledgerId: o.ledgerId,
            })),
        })),
        entries: entries.map((e) => ({
          ledgerId: e.ledgerId,
          owned: e.owned,
          received: e.received,
          lines: titleEntries(e.owned, e.received),
          voucherId: e.voucherId,
        })),
      }
    },

    /** Links each ledger's 确权 draft voucher to its entry row, in one statement. */
    async attachTitleVouchers(projectId: string, vouchers: { ledgerId: string; voucherId: string }[]) {
      const found = await findProject(db, await keyOf(db, projects, projectId))
      if (!found) throw notFound('project', projectId)
      await attachTitleVouchers(db, found.row, vouchers)
    },
  }
}
