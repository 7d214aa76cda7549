import type { Access, Req, Role } from './access-table.js'
import { CODES, type World } from './access-world.js'

/** The 三资 register operations of the authorization matrix (see access-table.ts). */
const REGISTRARS: readonly Role[] = ['bookkeeper', 'clerk']
const BOOKKEEPER: readonly Role[] = ['bookkeeper']

const registers =
  (extra: Req & { path?: Record<string, string> } = {}) =>
  (w: World): Req => {
    const { path, ...rest } = extra
    return { params: { id: w.collective.registersId, ...path }, ...rest }
  }
/** A request on a record of the registers, its path built from the world. */
const on =
  (build: (c: World['collective']) => Req & { path?: Record<string, string> }) =>
  (w: World): Req =>
    registers(build(w.collective))(w)

export const COLLECTIVE_ACCESS: Record<string, Access> = {
  openCollectiveRegisters: {
    roles: BOOKKEEPER,
    target: 'village',
    // The home ledger has its registers already: admitted callers get 409, never 403.
    request: (w) => ({ body: { ledgerId: w.ledgerId } }),
  },
  listCollectiveRegisters: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: CODES.township } }),
  },
  getCollectiveRegisters: { roles: 'any', target: 'village', request: registers() },
  addCollectiveHousehold: {
    roles: REGISTRARS,
    target: 'village',
    request: registers({ body: { number: '099', headName: '矩阵户' } }),
  },
  listCollectiveHouseholds: { roles: 'any', target: 'village', request: registers() },
  addCollectiveMember: {
    roles: REGISTRARS,
    target: 'village',
    request: on((c) => ({
      body: { householdId: c.householdId, name: '矩阵成员', joinedOn: '2024-01-01', joinReason: 'birth' },
    })),
  },
  listCollectiveMembers: {
    roles: 'any',
    target: 'village',
    request: registers({ query: { asOf: '2024-06-30' } }),
  },
  endCollectiveMembership: {
    roles: REGISTRARS,
    target: 'village',
    request: on((c) => ({
      path: { memberId: c.memberId },
      body: { leftOn: '2024-12-01', reason: 'hukou_move' },
    })),
  },
  addShareKind: {
    roles: REGISTRARS,
    target: 'village',
    request: registers({ body: { name: '劳龄股', holder: 'member' } }),
  },
  listShareKinds: { roles: 'any', target: 'village', request: registers() },
  addHolding: {
    roles: REGISTRARS,
    target: 'village',
    request: on((c) => ({
      body: {
        kindId: c.kindId,
        holderKind: 'household',
        holderId: c.householdId,
        units: '1',
        validFrom: '2024-01-01',
      },
    })),
  },
  listHoldingHistory: {
    roles: 'any',
    target: 'village',
    request: on((c) => ({ query: { holderId: c.memberId } })),
  },
  transferHolding: {
    roles: REGISTRARS,
    target: 'village',
    request: on((c) => ({
      path: { holdingId: c.holdingId },
      body: {
        to: { holderKind: 'member', holderId: c.heirId },
        units: '1',
        on: '2024-06-01',
        reason: 'transfer',
      },
    })),
  },
  getShareRegister: {
    roles: 'any',
    target: 'village',
    request: registers({ query: { asOf: '2024-12-20' } }),
  },
  createPayout: {
    roles: BOOKKEEPER,
    target: 'village',
    request: registers({
      body: { amount: '1.00', recordDate: '2024-12-20', payDate: '2024-12-31', summary: '矩阵分红' },
    }),
  },
  listPayouts: { roles: 'any', target: 'village', request: registers() },
  getPayout: { roles: 'any', target: 'village', request: on((c) => ({ path: { payoutId: c.payoutId } })) },
  createAssetCard: {
    roles: REGISTRARS,
    target: 'village',
    request: registers({
      body: {
        name: '矩阵资产',
        category: 'investment',
        assetClass: 'operating',
        cost: '1.00',
        acquiredOn: '2024-01-01',
        depreciation: { method: 'none' },
      },
    }),
  },
  createAssetCardFromEntry: {
    roles: REGISTRARS,
    target: 'village',
    // The full world's posted voucher debits 102 (admitted: 422 not an asset entry); the small
    // world of collective.security.test.ts has none (admitted: 404). Never 403 for those let in.
    request: (w) =>
      registers({
        body: {
          voucherId: w.postedVoucherId ?? '019a4c1e-7b2a-8c3d-8e4f-0123456789ab',
          lineNo: 1,
          name: '矩阵资产',
          assetClass: 'operating',
        },
      })(w),
  },
  listAssetCards: { roles: 'any', target: 'village', request: registers({ query: { asOf: '2024-12-31' } }) },
  getAssetCard: { roles: 'any', target: 'village', request: on((c) => ({ path: { assetId: c.assetId } })) },
  disposeAsset: {
    roles: BOOKKEEPER,
    target: 'village',
    request: on((c) => ({
      path: { assetId: c.spareAssetId },
      body: { disposedOn: '2024-12-30', kind: 'scrap' },
    })),
  },
  reconcileAssetCards: {
    roles: 'any',
    target: 'village',
    request: registers({ query: { period: '2024-12' } }),
  },
  createResource: {
    roles: REGISTRARS,
    target: 'village',
    request: registers({ body: { name: '矩阵林地', kind: 'forest', areaMu: '1.5' } }),
  },
  listResources: { roles: 'any', target: 'village', request: registers({ query: { status: 'idle' } }) },
  setResourceStatus: {
    roles: REGISTRARS,
    target: 'village',
    request: on((c) => ({ path: { resourceId: c.resourceId }, body: { status: 'contracted' } })),
  },
  createContract: {
    roles: REGISTRARS,
    target: 'village',
    request: on((c) => ({
      body: {
        number: 'LMD-MATRIX',
        kind: 'lease',
        party: { kind: 'enterprise', name: '矩阵企业' },
        signedOn: '2024-02-01',
        startsOn: '2025-01-01',
        endsOn: '2025-12-31',
        amount: '1.00',
        items: [{ kind: 'resource', id: c.resourceId, areaMu: '0.1' }],
        schedule: [{ dueOn: '2025-01-10', amount: '1.00', coversFrom: '2025-01-01', coversTo: '2025-12-31' }],
      },
    })),
  },
  listContracts: { roles: 'any', target: 'village', request: registers({ query: { expiringWithin: '90' } }) },
  getContract: {
    roles: 'any',
    target: 'village',
    request: on((c) => ({ path: { contractId: c.contractId } })),
  },
  listOverdueInstalments: { roles: 'any', target: 'village', request: registers() },
  // Register exports (三资 台账 as xlsx/CSV): authorised as their JSON lists.
  exportCollectiveMembers: {
    roles: 'any',
    target: 'village',
    request: registers({ query: { asOf: '2024-06-30', format: 'csv' } }),
  },
  exportShareRegister: {
    roles: 'any',
    target: 'village',
    request: registers({ query: { asOf: '2024-12-20', format: 'csv' } }),
  },
  exportAssetCards: { roles: 'any', target: 'village', request: registers({ query: { format: 'csv' } }) },
  exportResources: { roles: 'any', target: 'village', request: registers({ query: { format: 'csv' } }) },
  exportContracts: { roles: 'any', target: 'village', request: registers({ query: { format: 'csv' } }) },
  draftInstalmentDue: {
    roles: BOOKKEEPER,
    target: 'village',
    request: on((c) => ({ path: { contractId: c.contractId, seq: '1' }, body: {} })),
  },
  draftInstalmentSettlement: {
    roles: BOOKKEEPER,
    target: 'village',
    request: on((c) => ({ path: { contractId: c.contractId, seq: '1' }, body: {} })),
  },
  // The registers' bookings (routes/collective/bookings.ts): the bookkeeper drafts, anyone reads.
  bookContractDeferrals: {
    roles: BOOKKEEPER,
    target: 'village',
    request: registers({ body: { year: 2024 } }),
  },
  bookDepreciation: {
    roles: BOOKKEEPER,
    target: 'village',
    request: registers({ body: { period: '2024-12' } }),
  },
  // No run of this id: admitted callers get 404 after the guard, never 403.
  payMonitoredHouseholds: {
    roles: BOOKKEEPER,
    target: 'village',
    request: registers({
      body: { distributionRunId: '01935c1e-0000-7000-8000-000000000000', payDate: '2024-12-31' },
    }),
  },
  listCollectiveBookings: { roles: 'any', target: 'village', request: registers() },
  getCollectiveBooking: {
    roles: 'any',
    target: 'village',
    request: registers({ path: { bookingId: '01935c1e-0000-7000-8000-000000000000' } }),
  },
}
