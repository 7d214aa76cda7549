/**
 * The 三资 records the authorization matrix addresses (access-table-collective.ts): registers on
 * the home village's ledger with a household, a member, a holding, a payout, two asset cards,
 * a resource and a contract with one instalment. Built through the API as the bootstrap admin.
 */
export interface CollectiveWorld {
  registersId: string
  householdId: string
  memberId: string
  /** A second member of the household: the receiver of a transfer. */
  heirId: string
  kindId: string
  holdingId: string
  payoutId: string
  assetId: string
  /** A small card that disposeAsset may dispose of (below the major-matter amount). */
  spareAssetId: string
  resourceId: string
  contractId: string
}

export async function buildCollectiveWorld(
  post: (url: string, body?: unknown) => Promise<{ id: string } & Record<string, unknown>>,
  ledgerId: string,
): Promise<CollectiveWorld> {
  const registersId = (await post('/v1/collectives', { ledgerId })).id
  const base = `/v1/collectives/${registersId}`
  const householdId = (await post(`${base}/households`, { number: '001', headName: '李明' })).id
  const memberId = (
    await post(`${base}/members`, {
      householdId,
      name: '李明',
      joinedOn: '2020-06-30',
      joinReason: 'founding',
    })
  ).id
  const heirId = (
    await post(`${base}/members`, {
      householdId,
      name: '李小明',
      joinedOn: '2020-06-30',
      joinReason: 'founding',
    })
  ).id
  const kindId = (await post(`${base}/share-kinds`, { name: '人口股', holder: 'member' })).id
  const holdingId = (
    await post(`${base}/holdings`, {
      kindId,
      holderKind: 'member',
      holderId: memberId,
      units: '10',
      validFrom: '2020-06-30',
    })
  ).id
  const payoutId = (
    await post(`${base}/payouts`, {
      amount: '10.00',
      recordDate: '2024-12-20',
      payDate: '2024-12-31',
      summary: '分红',
    })
  ).id
  const card = (name: string, cost: string) =>
    post(`${base}/assets`, {
      name,
      category: 'fixed',
      assetClass: 'operating',
      cost,
      acquiredOn: '2023-06-15',
      depreciation: { usefulLifeMonths: 120 },
    })
  const assetId = (await card('冷库', '120000.00')).id
  const spareAssetId = (await card('旧农机', '3000.00')).id
  const resourceId = (await post(`${base}/resources`, { name: '村北地', kind: 'farmland', areaMu: '80' })).id
  const contractId = (
    await post(`${base}/contracts`, {
      number: 'LMD-2024-001',
      kind: 'contracting',
      party: { kind: 'household', id: householdId, name: '李明' },
      signedOn: '2024-01-05',
      startsOn: '2024-01-01',
      endsOn: '2024-12-31',
      amount: '800.00',
      items: [{ kind: 'resource', id: resourceId, areaMu: '2' }],
      schedule: [{ dueOn: '2024-01-10', amount: '800.00', coversFrom: '2024-01-01', coversTo: '2024-12-31' }],
    })
  ).id
  return {
    registersId,
    householdId,
    memberId,
    heirId,
    kindId,
    holdingId,
    payoutId,
    assetId,
    spareAssetId,
    resourceId,
    contractId,
  }
}
