import { fixedClock, newId } from '@liancun/core'
import { createTestDatabase, expectDomainError, type TestDatabase } from '@liancun/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type CollectiveService,
  CreateAssetFromEntryInput,
  createCollectiveService,
  migrateCollective,
} from '../src/index.js'

const TODAY = '2024-12-31T04:00:00Z'
const ACTOR = 'key-clerk'

let database: TestDatabase
let service: CollectiveService
let collectiveId: string
let ledgerId: string

beforeEach(async () => {
  database = await createTestDatabase('collective', migrateCollective)
  service = createCollectiveService({ db: database.db, clock: fixedClock(TODAY) })
  ledgerId = newId('370323')
  collectiveId = (
    await service.openRegisters(
      {
        id: ledgerId,
        villageCode: '370323107201',
        name: '朱家户村股份经济合作社',
        uscc: 'N2370323MF0000000X',
      },
      ACTOR,
    )
  ).id
})
afterEach(() => database.close())

const voucherId = newId('370323')
/** A posted voucher as the app reads it from the ledger: 借 15101 冷库, 借 141 入股, 贷 102. */
const entry = (over: { status?: 'draft' | 'posted'; ledgerId?: string } = {}) => ({
  voucherId,
  ledgerId: over.ledgerId ?? ledgerId,
  status: over.status ?? ('posted' as const),
  reversedById: null,
  date: '2024-06-15',
  lines: [
    { lineNo: 1, account: '15101', debit: 60_000_000n, credit: null },
    { lineNo: 2, account: '141', debit: 5_000_000n, credit: null },
    { lineNo: 3, account: '102', debit: null, credit: 65_000_000n },
  ],
})
const input = (lineNo: number) =>
  CreateAssetFromEntryInput.parse({
    voucherId,
    lineNo,
    name: '瓦泉村冷库',
    assetClass: 'operating',
    depreciation: { usefulLifeMonths: 240 },
  })

describe('asset cards from ledger entries', () => {
  it('takes category, cost and day from the line and records the entry, once', async () => {
    const card = await service.createAssetFromEntry(collectiveId, input(1), entry(), ACTOR)
    expect(card).toMatchObject({
      category: 'fixed',
      cost: 60_000_000n,
      acquiredOn: '2024-06-15',
      source: { voucherId, lineNo: 1 },
    })
    const investment = await service.createAssetFromEntry(collectiveId, input(2), entry(), ACTOR)
    expect(investment).toMatchObject({ category: 'investment', cost: 5_000_000n })
    expect((await service.getAsset(collectiveId, card.id)).source).toEqual({ voucherId, lineNo: 1 })
    await expectDomainError(
      service.createAssetFromEntry(collectiveId, input(1), entry(), ACTOR),
      'collective.entry_has_card',
    )
    expect((await service.listAssets(collectiveId, { limit: 10, after: null })).items).toHaveLength(2)
  })

  it('refuses a credit line, a draft, a missing line and another ledger’s voucher', async () => {
    await expectDomainError(
      service.createAssetFromEntry(collectiveId, input(3), entry(), ACTOR),
      'collective.entry_not_asset',
    )
    await expectDomainError(
      service.createAssetFromEntry(collectiveId, input(1), entry({ status: 'draft' }), ACTOR),
      'collective.entry_not_posted',
    )
    await expectDomainError(
      service.createAssetFromEntry(collectiveId, input(4), entry(), ACTOR),
      'collective.entry_line_not_found',
    )
    await expectDomainError(
      service.createAssetFromEntry(collectiveId, input(1), entry({ ledgerId: newId('370323') }), ACTOR),
      'collective.entry_line_not_found',
    )
    expect((await service.listAssets(collectiveId, { limit: 10, after: null })).items).toHaveLength(0)
  })
})
