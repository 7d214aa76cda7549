import { countyOf, type Fen, newId, type Page, toPage } from '@liancun/core'
import { type FundsContext, type GuardOptions, runGuard, type SourceRef } from '../context.js'
import { notFound } from '../errors.js'
import type { CreateFundSourceInput, ProjectCategory } from '../inputs.js'
import { checkSource } from '../rules/sources.js'
import { fundSources } from '../schema.js'
import { insertSource, listSources, type SourceRow, sourceWithTotals } from '../store/sources.js'
import { keyOf } from '../store/sql.js'

export function toSource(row: SourceRow, totals: { allocated: Fen; disbursed: Fen }) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    level: row.level,
    documentNo: row.documentNo,
    fiscalYear: row.fiscalYear,
    amount: row.amount,
    receivedOn: row.receivedOn,
    holder:
      row.holderKind === 'alliance'
        ? { kind: 'alliance' as const, id: row.holderId }
        : { kind: row.holderKind as 'county' | 'township', code: row.holderId },
    divisionCode: row.divisionCode,
    allowedCategories: JSON.parse(row.allowedCategories) as ProjectCategory[],
    excludedUses: JSON.parse(row.excludedUses) as string[],
    minIndustryShareBp: row.minIndustryShareBp === null ? null : BigInt(row.minIndustryShareBp),
    directFund: row.directFund,
    allocated: totals.allocated,
    disbursed: totals.disbursed,
    available: row.amount - totals.allocated,
    createdAt: row.createdAt.toISOString(),
  }
}
export type FundSource = ReturnType<typeof toSource>

/** Who holds a source and where it sits: what a guard authorises on. */
export function sourceRef(
  row: Pick<SourceRow, 'countyCode' | 'id' | 'holderKind' | 'holderId' | 'divisionCode'>,
): SourceRef {
  return {
    countyCode: row.countyCode,
    id: row.id,
    holder:
      row.holderKind === 'alliance'
        ? { kind: 'alliance', id: row.holderId }
        : { kind: row.holderKind as 'county' | 'township', code: row.holderId },
    divisionCode: row.divisionCode,
  }
}

/** 资金来源: superior funds held by a county, township or alliance. */
export function sourcePart({ db, clock }: FundsContext) {
  return {
    /** Records a source. `divisionCode` is where the holder sits (the app resolves an alliance's township). */
    async createFundSource(
      input: CreateFundSourceInput,
      divisionCode: string,
      createdBy: string,
    ): Promise<FundSource> {
      checkSource(input, divisionCode)
      const countyCode = countyOf(divisionCode)
      const row = await insertSource(db, {
        countyCode,
        id: newId(countyCode),
        name: input.name,
        kind: input.kind,
        level: input.level,
        documentNo: input.documentNo,
        fiscalYear: input.fiscalYear,
        amount: input.amount,
        receivedOn: input.receivedOn,
        holderKind: input.holder.kind,
        holderId: input.holder.kind === 'alliance' ? input.holder.id : input.holder.code,
        divisionCode,
        allowedCategories: JSON.stringify(input.allowedCategories),
        excludedUses: JSON.stringify(input.excludedUses),
        minIndustryShareBp: input.minIndustryShare === undefined ? null : Number(input.minIndustryShare),
        directFund: input.directFund,
        createdBy,
        createdAt: clock.now(),
      })
      return toSource(row, { allocated: 0n, disbursed: 0n })
    },

    /** A source with its totals, in one statement; `guard` sees who holds it. */
    async getFundSource(id: string, options?: GuardOptions<SourceRef>): Promise<FundSource> {
      const found = await sourceWithTotals(db, await keyOf(db, fundSources, id))
      if (!found) throw notFound('source', id)
      await runGuard(options?.guard, sourceRef(found.row))
      return toSource(found.row, found)
    },

    /** A page of sources with their totals, in one statement. */
    async listFundSources(query: {
      within?: string
      holderIds?: string[]
      year?: number
      limit: number
      after: string | null
    }): Promise<Page<FundSource>> {
      const rows = await listSources(db, query)
      return toPage(
        rows.map((r) => toSource(r.row, r)),
        query.limit,
        (s) => s.id,
      )
    },
  }
}
