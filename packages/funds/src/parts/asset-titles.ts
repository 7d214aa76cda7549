import { countyOfId, type Database, type Fen, formatMoney } from '@liancun/core'
import { type FundsContext, type GuardOptions, type ProjectRef, runGuard } from '../context.js'
import { FundsError, notFound } from '../errors.js'
import type { TransitionInput } from '../inputs.js'
import { afterTitleEntries, checkAssetTitle, checkTitleRequired, titleEntries } from '../rules/asset-title.js'
import { projects } from '../schema.js'
import {
  addReceivedAfterTitle,
  attachTitleVouchers,
  insertTitles,
  projectsTitledTo,
  titleContext,
  titlesOf,
} from '../store/asset-titles.js'
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

    /**
     * 先建后补 money paid into `ledgerId` after 确权 (issue 12 item 8): counted in that ledger's
     * `received` and answered with the entries that move it out of 241 专项应付款 as the 确权
     * entries do for money received before — Dr 241 / Cr 153 在建工程 (the asset is already on the
     * books against 公积公益金, so 311 is not credited twice; inferred, see README). Null when the
     * project has no 确权 (the money stays in 241 until acceptance). Call it inside the
     * disbursement's transaction, after the payment locked the project.
     */
    async receiveAfterTitle(projectId: string, ledgerId: string, amount: Fen) {
      const key = await keyOf(db, projects, projectId)
      if (key.countyCode === null) {
        const found = await findProject(db, key)
        if (!found) throw notFound('project', projectId)
        key.countyCode = found.row.countyCode
      }
      const received = await addReceivedAfterTitle(
        db,
        { countyCode: key.countyCode, id: projectId },
        ledgerId,
        amount,
      )
      if (received === null) return null
      return { ledgerId, amount, received, lines: afterTitleEntries(amount) }
    },

    /**
     * The projects whose 确权 put an asset on a ledger's books (for its asset register, when
     * it is opened after the acceptance). The ledger's county is the one its id carries.
     */
    async projectsTitledTo(ledgerId: string): Promise<string[]> {
      const countyCode = countyOfId(ledgerId)
      return countyCode === null ? [] : projectsTitledTo(db, countyCode, ledgerId)
    },

    /** Links each ledger's 确权 draft voucher to its entry row, in one statement. */
    async attachTitleVouchers(projectId: string, vouchers: { ledgerId: string; voucherId: string }[]) {
      const found = await findProject(db, await keyOf(db, projects, projectId))
      if (!found) throw notFound('project', projectId)
      await attachTitleVouchers(db, found.row, vouchers)
    },
  }
}
