import { type Clock, type Database, type Fen, newId, type Page, toPage } from '@liancun/core'
import type { CollectiveContext, CollectiveRef, GuardOptions } from '../context.js'
import { CollectiveError, notAfterToday, notFound } from '../errors.js'
import type { CreateAssetFromEntryInput, CreateAssetInput, DisposeAssetInput } from '../inputs.js'
import {
  bookValueOn,
  checkTerms,
  DEPRECIATION_BASIS,
  type DepreciationMethod,
  type DepreciationTerms,
  monthIndex,
} from '../rules/depreciation.js'
import { cardOfEntry, type LedgerEntry, lineOf } from '../rules/entry-card.js'
import { requireMatter } from '../rules/matters.js'
import { reconcile } from '../rules/reconciliation.js'
import { type AssetRecord, type AssetRow, assetsOf, insertAsset, insertDisposal } from '../store/assets.js'
import type { CollectiveRow } from '../store/registers.js'
import { loadCollective, uniquely } from './load.js'

/** The national default of the major-matter amount (5万元), where the app passes none. */
export const DEFAULT_MAJOR_MATTER_FEN = 5_000_000n

/** What a decision gate needs: the amount in force for the village on a day, and the matter check. */
export interface MatterGate {
  majorMatterAmount?: (ref: CollectiveRef, on: string) => Promise<Fen>
  /** Throws unless the matter is resolved for this village on the day (the app asks governance). */
  checkMatter?: (matterId: string, ref: CollectiveRef, on: string) => Promise<void>
}

export const termsOf = (row: AssetRow): DepreciationTerms => ({
  cost: row.cost,
  acquiredOn: row.acquiredOn,
  method: row.depreciationMethod as DepreciationMethod,
  usefulLifeMonths: row.usefulLifeMonths,
  residualValue: row.residualValue,
  disposedOn: row.disposedOn,
})

export function toAsset({ row, owners, disposal }: AssetRecord, asOf: string) {
  return {
    id: row.id,
    collectiveId: row.collectiveId,
    name: row.name,
    category: row.category as 'fixed' | 'investment',
    assetClass: row.assetClass,
    acquiredOn: row.acquiredOn,
    location: row.location,
    manager: row.manager,
    managerPersonId: row.managerPersonId,
    fundSourceIds: JSON.parse(row.fundSourceIds) as string[],
    projectIds: JSON.parse(row.projectIds) as string[],
    owners: owners.map((o) => ({
      holderKind: o.holderKind,
      holderId: o.holderId,
      holderName: o.holderName,
      units: o.units,
    })),
    depreciation: {
      method: row.depreciationMethod,
      usefulLifeMonths: row.usefulLifeMonths,
      residualValue: row.residualValue,
      basis: DEPRECIATION_BASIS,
    },
    asOf,
    ...bookValueOn(termsOf(row), asOf),
    disposal: disposal && {
      id: disposal.id,
      disposedOn: disposal.disposedOn,
      kind: disposal.kind,
      proceeds: disposal.proceeds,
      bookValue: disposal.bookValue,
      matterId: disposal.matterId,
      majorMatterAmount: disposal.majorMatterAmount,
      note: disposal.note,
    },
    /** The ledger entry the card was made from (voucher, line); null for other cards. */
    source:
      row.sourceVoucherId === null || row.sourceLineNo === null
        ? null
        : { voucherId: row.sourceVoucherId, lineNo: row.sourceLineNo },
  }
}
export type Asset = ReturnType<typeof toAsset>

/** 资产: asset cards with funding lineage, owners, depreciation, disposal and 账实 reconciliation. */
export function assetPart({ db, clock }: CollectiveContext) {
  return {
    async createAsset(
      collectiveId: string,
      input: CreateAssetInput,
      createdBy: string,
      options?: GuardOptions,
    ): Promise<Asset> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        return writeAsset(tx, c, input, createdBy, null, clock)
      })
    },

    /**
     * 资产卡片 from a ledger entry: the app reads the voucher from the ledger the registers are
     * bound to (`entry`); the card takes its category (151 fixed, 141 investment), cost (the
     * debit) and acquisition day (the voucher date) from the line, and records the voucher and
     * line. One entry makes one card (`collective.entry_has_card`).
     */
    async createAssetFromEntry(
      collectiveId: string,
      input: CreateAssetFromEntryInput,
      entry: Omit<LedgerEntry, 'line'> & { ledgerId: string; lines: readonly LedgerEntry['line'][] },
      createdBy: string,
      options?: GuardOptions,
    ): Promise<Asset> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        // The app reads the voucher in the registers' own ledger; anything else names no entry here.
        if (entry.ledgerId !== c.ledgerId || entry.voucherId !== input.voucherId) {
          throw new CollectiveError(
            'collective.entry_line_not_found',
            `voucher ${input.voucherId} is not an entry of ledger ${c.ledgerId}`,
            { field: 'voucherId', context: { voucherId: input.voucherId, lineNo: input.lineNo } },
          )
        }
        const line = lineOf(entry.voucherId, entry.lines, input.lineNo)
        const card = cardOfEntry({ ...entry, line })
        const { voucherId, lineNo, ...rest } = input
        return uniquely(
          () =>
            writeAsset(
              tx,
              c,
              { ...rest, ...card, fundSourceIds: [], projectIds: [] },
              createdBy,
              { voucherId, lineNo },
              clock,
            ),
          'assets_source_entry_unique',
          'collective.entry_has_card',
          `line ${lineNo} of voucher ${voucherId} already has its asset card`,
          'lineNo',
        )
      })
    },

    /** A card with its figures at the end of `asOf` (default today). */
    async getAsset(
      collectiveId: string,
      assetId: string,
      asOf?: string,
      options?: GuardOptions,
    ): Promise<Asset> {
      const c = await loadCollective(db, collectiveId, options)
      const [record] = await assetsOf(db, c, { ids: [assetId] })
      if (!record) throw notFound('asset', assetId)
      return toAsset(record, asOf ?? clock.today())
    },

    async listAssets(
      collectiveId: string,
      query: { asOf?: string; limit: number; after: string | null },
      options?: GuardOptions,
    ): Promise<Page<Asset>> {
      const c = await loadCollective(db, collectiveId, options)
      const records = await assetsOf(db, c, { limit: query.limit, after: query.after })
      const asOf = query.asOf ?? clock.today()
      return toPage(
        records.map((r) => toAsset(r, asOf)),
        query.limit,
        (a) => a.id,
      )
    },

    /**
     * 资产处置: one per card. The amount at stake is the greater of the net book value on the day
     * and the proceeds; at or above the major-matter amount the disposal names its matter, and
     * `gate.checkMatter` (the app, through governance) confirms it is resolved.
     */
    async disposeAsset(
      collectiveId: string,
      assetId: string,
      input: DisposeAssetInput,
      createdBy: string,
      options: GuardOptions & MatterGate = {},
    ): Promise<Asset> {
      return db.transaction(async (tx) => {
        const c = await loadCollective(tx, collectiveId, options)
        const [record] = await assetsOf(tx, c, { ids: [assetId], lock: true })
        if (!record) throw notFound('asset', assetId)
        if (record.disposal) {
          throw new CollectiveError(
            'collective.asset_disposed',
            `asset ${assetId} was disposed of on ${record.disposal.disposedOn}`,
            {
              context: { disposedOn: record.disposal.disposedOn },
            },
          )
        }
        notAfterToday(input.disposedOn, clock.today(), 'disposedOn')
        if (input.disposedOn < record.row.acquiredOn) {
          throw new CollectiveError(
            'collective.disposal_before_acquisition',
            `asset acquired on ${record.row.acquiredOn} cannot be disposed of on ${input.disposedOn}`,
            { field: 'disposedOn', context: { acquiredOn: record.row.acquiredOn } },
          )
        }
        // Depreciated through the month of disposal (当月减少当月照提).
        const terms = { ...termsOf(record.row), disposedOn: input.disposedOn }
        const { netBookValue } = bookValueOn(terms, lastDayOfMonth(input.disposedOn))
        const ref = { countyCode: c.countyCode, id: c.id, villageCode: c.villageCode, ledgerId: c.ledgerId }
        const majorMatterAmount =
          (await options.majorMatterAmount?.(ref, input.disposedOn)) ?? DEFAULT_MAJOR_MATTER_FEN
        // biome-ignore lint/complexity/useMathMinMax: fen are bigints, which Math.max does not take
        const atStake = netBookValue > input.proceeds ? netBookValue : input.proceeds
        const matterId = input.matterId ?? null
        requireMatter({ amount: atStake, majorMatterAmount, matterId, what: 'a disposal' })
        if (matterId !== null && atStake >= majorMatterAmount) {
          await options.checkMatter?.(matterId, ref, input.disposedOn)
        }
        const disposal = await insertDisposal(tx, c, {
          countyCode: c.countyCode,
          id: newId(c.countyCode),
          assetId,
          disposedOn: input.disposedOn,
          kind: input.kind,
          proceeds: input.proceeds,
          bookValue: netBookValue,
          matterId,
          majorMatterAmount,
          note: input.note,
          createdBy,
          createdAt: clock.now(),
        })
        return toAsset(
          { ...record, row: { ...record.row, disposedOn: input.disposedOn }, disposal },
          clock.today(),
        )
      })
    },

    /**
     * 账实相符: the register's totals at the end of `period` against the ledger's closing
     * balances of 151 / 152 / 141 (the app reads them from the ledger), differences listed.
     */
    async reconcileAssets(
      collectiveId: string,
      period: string,
      balances: Readonly<Record<string, Fen>>,
      options?: GuardOptions,
    ) {
      const c = await loadCollective(db, collectiveId, options)
      const end = lastDayOfMonth(`${period}-01`)
      const cards = (await assetsOf(db, c))
        .filter((r) => r.row.acquiredOn <= end)
        .map((r) => {
          const disposed = r.row.disposedOn !== null && monthIndex(r.row.disposedOn) <= monthIndex(period)
          return {
            id: r.row.id,
            name: r.row.name,
            category: r.row.category as 'fixed' | 'investment',
            cost: r.row.cost,
            accumulatedDepreciation: bookValueOn(termsOf(r.row), end).accumulatedDepreciation,
            disposed,
          }
        })
      return { collectiveId: c.id, ledgerId: c.ledgerId, period, ...reconcile(cards, balances) }
    },
  }
}

/**
 * Writes one card (checks its terms and owners first); `source` is the ledger entry it was made
 * from, if any. Shared by the plain card and the card from an entry, so both check the same.
 */
async function writeAsset(
  tx: Database,
  c: CollectiveRow,
  input: CreateAssetInput,
  createdBy: string,
  source: { voucherId: string; lineNo: number } | null,
  clock: Clock,
): Promise<Asset> {
  notAfterToday(input.acquiredOn, clock.today(), 'acquiredOn')
  const d = input.depreciation
  checkTerms({
    cost: input.cost,
    method: d.method,
    usefulLifeMonths: d.usefulLifeMonths,
    residualValue: d.residualValue,
  })
  const seen = new Set<string>()
  input.owners.forEach((o, i) => {
    const key = `${o.holderKind}:${o.holderId}`
    if (seen.has(key)) {
      throw new CollectiveError('collective.duplicate_owner', `${key} is listed twice`, {
        field: `owners.${i}.holderId`,
      })
    }
    seen.add(key)
  })
  const id = newId(c.countyCode)
  // No owners named: the collective owns the whole asset (确权 to the collective).
  const owners = input.owners.length
    ? input.owners
    : [{ holderKind: 'collective' as const, holderId: c.id, holderName: c.name, units: 1n }]
  const record = await insertAsset(
    tx,
    {
      countyCode: c.countyCode,
      id,
      collectiveId: c.id,
      name: input.name,
      category: input.category,
      assetClass: input.assetClass,
      cost: input.cost,
      acquiredOn: input.acquiredOn,
      location: input.location,
      manager: input.manager,
      managerPersonId: input.managerPersonId ?? null,
      fundSourceIds: JSON.stringify(input.fundSourceIds),
      projectIds: JSON.stringify(input.projectIds),
      depreciationMethod: d.method,
      usefulLifeMonths: d.usefulLifeMonths,
      residualValue: d.residualValue,
      sourceVoucherId: source?.voucherId ?? null,
      sourceLineNo: source?.lineNo ?? null,
      createdBy,
      createdAt: clock.now(),
    },
    owners.map((o) => ({ countyCode: c.countyCode, assetId: id, ...o })),
  )
  return toAsset(record, clock.today())
}

/** The last day of the month of `date`. */
export function lastDayOfMonth(date: string): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0))
  return d.toISOString().slice(0, 10)
}
