import { type Fen, formatMoney } from '@liancun/core'
import { FundsError } from '../errors.js'
import type { TitledAsset } from '../inputs.js'

/** 资产确权 basis (funds-and-platforms.md §1.5). */
export const ASSET_TITLE_BASIS = {
  law: '国务院办公厅转发国家乡村振兴局等部门《关于加强扶贫项目资产后续管理的指导意见》',
  version: '国办函〔2021〕51号',
  article: '二（资产确权：经营性、公益性、到户类；明确产权主体）',
} as const

/** One owner's part of one asset, as stored: `village:<code>` or `household:<village>:<ref>`. */
export interface TitleLine {
  position: number
  owner: string
  villageCode: string
  household: string | null
  value: Fen
}

export interface TitleFacts {
  /** The project's villages (implementer and beneficiaries): the collectives that may own its assets. */
  villages: readonly string[]
  /** Σ disbursed into ledgers for the project, in fen. */
  disbursed: Fen
  /** Σ of its payment plan's tranches (what will have been paid), or null when no plan is set. */
  planned: Fen | null
}

/**
 * What the assets must be valued at: the money the project spent — its payment plan's total where
 * one is set (先建后补 pays after acceptance), else what was disbursed.
 */
export const costBasis = (facts: TitleFacts): Fen => facts.planned ?? facts.disbursed

/**
 * 资产确权 at acceptance, checked: each asset's owners fit its class (到户类 to households, 公益性
 * to village collectives, 经营性 to either), each owner is a village of the project or one of its
 * households, listed once, the owners' values sum to the asset's cost, and the costs sum to the
 * money the project spent (`costBasis`). Pure; returns the lines to store.
 */
export function checkAssetTitle(assets: readonly TitledAsset[], facts: TitleFacts): TitleLine[] {
  const lines: TitleLine[] = []
  let total = 0n
  for (const [i, asset] of assets.entries()) {
    const seen = new Set<string>()
    let sum = 0n
    for (const [j, owner] of asset.owners.entries()) {
      const field = `acceptance.assets.${i}.owners.${j}`
      const isHousehold = 'household' in owner
      const villageCode = isHousehold ? owner.household.villageCode : owner.villageCode
      if (asset.assetClass === 'household' && !isHousehold) {
        throw ownerClass(field, asset, '到户类 assets belong to households')
      }
      if (asset.assetClass === 'public_welfare' && isHousehold) {
        throw ownerClass(field, asset, '公益性 assets are held by the village collective')
      }
      if (!facts.villages.includes(villageCode)) {
        throw new FundsError(
          'funds.asset_owner_unknown',
          `${villageCode} is not a village of the project (${facts.villages.join(', ')}): it cannot own its assets`,
          {
            field: isHousehold ? `${field}.household.villageCode` : `${field}.villageCode`,
            context: { villageCode, projectVillages: facts.villages, basis: ASSET_TITLE_BASIS },
          },
        )
      }
      const key = isHousehold ? `household:${villageCode}:${owner.household.ref}` : `village:${villageCode}`
      if (seen.has(key)) {
        throw new FundsError('funds.duplicate_asset_owner', `${key} is listed twice for ${asset.name}`, {
          field,
        })
      }
      seen.add(key)
      sum += owner.value
      lines.push({
        position: i + 1,
        owner: key,
        villageCode,
        household: isHousehold ? owner.household.ref : null,
        value: owner.value,
      })
    }
    if (sum !== asset.cost) {
      throw new FundsError(
        'funds.asset_value_mismatch',
        `the owners of ${asset.name} hold ${formatMoney(sum)}, not its cost ${formatMoney(asset.cost)}`,
        {
          field: `acceptance.assets.${i}.owners`,
          context: { cost: formatMoney(asset.cost), owners: formatMoney(sum), basis: ASSET_TITLE_BASIS },
        },
      )
    }
    total += asset.cost
  }
  const basis = costBasis(facts)
  if (total !== basis) {
    throw new FundsError(
      'funds.asset_cost_mismatch',
      `the assets are valued at ${formatMoney(total)}, but the project ${facts.planned === null ? 'disbursed' : 'paid and planned'} ${formatMoney(basis)}`,
      {
        field: 'acceptance.assets',
        context: {
          assets: formatMoney(total),
          disbursed: formatMoney(facts.disbursed),
          planned: facts.planned === null ? null : formatMoney(facts.planned),
          basis: ASSET_TITLE_BASIS,
        },
      },
    )
  }
  return lines
}

function ownerClass(field: string, asset: TitledAsset, why: string) {
  return new FundsError('funds.asset_owner_class', `${asset.name}: ${why}`, {
    field,
    context: { assetClass: asset.assetClass, basis: ASSET_TITLE_BASIS },
  })
}

/** Whether 确权 must be recorded: the project paid, or plans to pay, money that formed assets. */
export function checkTitleRequired(assets: readonly TitledAsset[] | undefined, facts: TitleFacts): void {
  if (assets === undefined && costBasis(facts) > 0n) {
    throw new FundsError(
      'funds.asset_title_required',
      `the project spent ${formatMoney(costBasis(facts))}: acceptance names the assets formed, their class and owners (资产确权)`,
      {
        field: 'acceptance.assets',
        context: {
          disbursed: formatMoney(facts.disbursed),
          planned: facts.planned === null ? null : formatMoney(facts.planned),
          basis: ASSET_TITLE_BASIS,
        },
      },
    )
  }
}

/**
 * The 确权 entries of one ledger (2023 制度; inferred, see README): the asset it owns onto its books
 * against 公积公益金 (assets formed with superior special funds), and the special money it received
 * out of 241 专项应付款 against the works (153 在建工程) it paid for. Lines with nothing are left out.
 */
export function titleEntries(owned: Fen, received: Fen): { code: string; debit?: Fen; credit?: Fen }[] {
  const lines: { code: string; debit?: Fen; credit?: Fen }[] = []
  if (owned > 0n) lines.push({ code: '151', debit: owned })
  if (received > 0n) lines.push({ code: '241', debit: received })
  if (received > 0n) lines.push({ code: '153', credit: received })
  if (owned > 0n) lines.push({ code: '311', credit: owned })
  return lines
}

/**
 * 先建后补 money received after 确权 (inferred, see README): moved out of 241 against the works it
 * pays for, Dr 241 / Cr 153 — what `titleEntries` books for money received before. The asset
 * went onto 151 against 311 公积公益金 in full at 确权, so 311 is not credited again.
 */
export const afterTitleEntries = (received: Fen) => titleEntries(0n, received)
