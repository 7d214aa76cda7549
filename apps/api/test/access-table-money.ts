import { type Access, ADMIN_ONLY, type Case, type Req, type Role } from './access-table.js'
import { CODES, type World } from './access-world.js'
import { projectBody, sourceBody } from './funds-fixtures.js'
import { collectiveUscc, voucher } from './ledger-helpers.js'

/** The ledger and funds operations of the authorization matrix (see access-table.ts). */
const BOOKKEEPER: readonly Role[] = ['bookkeeper']
const REVIEWER: readonly Role[] = ['reviewer']
const FUND_MANAGER: readonly Role[] = ['fund_manager']
/** 村申报: who enters a project and speaks for the implementing village. */
const PROPOSERS: readonly Role[] = ['fund_manager', 'clerk']

const { village, township } = CODES
const ledger =
  (extra: Req & { path?: Record<string, string> } = {}) =>
  (w: World): Req => {
    const { path, ...rest } = extra
    return { params: { id: w.ledgerId, ...path }, ...rest }
  }
type VoucherField = 'draftVoucherId' | 'spareDraftId' | 'linkVoucherId'
const voucherOf = (field: VoucherField) => (w: World) => ledger({ path: { voucherId: w[field] } })(w)
/** The peer village's draft, addressed through the home ledger: not found there. */
const foreignVoucher = (role: Role): Case => ({
  name: 'a voucher of another ledger, addressed through the home ledger',
  role,
  scope: 'village',
  request: (w) => ledger({ path: { voucherId: w.foreign.draftVoucherId } })(w),
  expect: 404,
})
const year = { from: '2024-01', to: '2024-12' }
const project =
  (extra: Req & { path?: Record<string, string> } = {}) =>
  (w: World): Req => {
    const { path, ...rest } = extra
    return { params: { id: w.projectId, ...path }, ...rest }
  }
const projectWith = (body: (w: World) => unknown) => (w: World) => ({
  params: { id: w.projectId },
  body: body(w),
})

const LEDGER: Record<string, Access> = {
  createLedger: {
    roles: BOOKKEEPER,
    target: 'village',
    request: () => ({
      body: {
        villageCode: village,
        collective: { name: '李孟德村土地股份合作社', uscc: collectiveUscc('MA3C4D7G') },
        firstPeriod: '2024-01',
        chart: 'rcea-2023',
      },
    }),
  },
  listLedgers: { roles: 'any', target: 'township', request: () => ({ query: { within: township } }) },
  getLedger: { roles: 'any', target: 'village', request: ledger() },
  listAccounts: { roles: 'any', target: 'village', request: ledger() },
  addAccount: {
    roles: BOOKKEEPER,
    target: 'village',
    request: ledger({ body: { parentCode: '101', code: '10101', name: '村委会备用金' } }),
  },
  disableAccount: { roles: BOOKKEEPER, target: 'village', request: ledger({ path: { code: '10101' } }) },
  setOpeningBalances: {
    roles: BOOKKEEPER,
    target: 'village',
    request: ledger({
      body: {
        lines: [
          { account: '102', debit: '1.00' },
          { account: '301', credit: '1.00' },
        ],
      },
    }),
  },
  createVoucher: {
    roles: BOOKKEEPER,
    target: 'village',
    request: ledger({ body: voucher('2024-06-20', '102', '501', '5.00') }),
  },
  listVouchers: { roles: 'any', target: 'village', request: ledger({ query: { status: 'draft' } }) },
  getVoucher: {
    roles: 'any',
    target: 'village',
    request: voucherOf('draftVoucherId'),
    cases: [foreignVoucher('auditor')],
  },
  deleteVoucher: {
    roles: BOOKKEEPER,
    target: 'village',
    request: voucherOf('spareDraftId'),
    cases: [foreignVoucher('bookkeeper')],
  },
  postVoucher: {
    roles: REVIEWER,
    target: 'village',
    request: voucherOf('draftVoucherId'),
    cases: [
      foreignVoucher('reviewer'),
      {
        name: 'posting one side of a link posts the other: a reviewer of one village only may not',
        role: 'reviewer',
        scope: 'village',
        request: voucherOf('linkVoucherId'),
        expect: 403,
      },
      {
        name: 'a reviewer whose scope covers both villages posts the link',
        role: 'reviewer',
        scope: 'township',
        request: voucherOf('linkVoucherId'),
        expect: 'allowed',
      },
    ],
  },
  reverseVoucher: {
    roles: BOOKKEEPER,
    target: 'village',
    request: (w) => ledger({ path: { voucherId: w.postedVoucherId }, body: { date: '2024-12-31' } })(w),
  },
  getTrialBalance: { roles: 'any', target: 'village', request: ledger({ query: year }) },
  closePeriod: { roles: REVIEWER, target: 'village', request: ledger({ path: { period: '2024-02' } }) },
  // 反结账 is admin only.
  reopenPeriod: {
    roles: ADMIN_ONLY,
    target: 'village',
    request: ledger({ path: { period: '2024-02' }, body: { reason: '审计调整：补记利息收入' } }),
  },
  listAccountEntries: {
    roles: 'any',
    target: 'village',
    request: ledger({ path: { code: '102' }, query: year }),
  },
  getCashJournal: { roles: 'any', target: 'village', request: ledger({ query: year }) },
  getBankJournal: { roles: 'any', target: 'village', request: ledger({ query: year }) },
  verifyLedgerIntegrity: { roles: 'any', target: 'village', request: ledger() },
  // 村账乡代管: every role that takes a step reaches the route; which step is the ledger's rule (422).
  recordVoucherApproval: {
    roles: ['clerk', 'bookkeeper', 'reviewer', 'organizer', 'auditor'],
    target: 'village',
    request: (w) => ledger({ path: { voucherId: w.spareDraftId }, body: { step: 'prepared' } })(w),
    cases: [
      {
        ...foreignVoucher('clerk'),
        request: (w) =>
          ledger({ path: { voucherId: w.foreign.draftVoucherId }, body: { step: 'prepared' } })(w),
      },
    ],
  },
  listVoucherApprovals: {
    roles: 'any',
    target: 'village',
    request: voucherOf('draftVoucherId'),
    cases: [foreignVoucher('auditor')],
  },
  createVoucherBatch: {
    roles: BOOKKEEPER,
    target: 'village',
    request: ledger({ body: { vouchers: [voucher('2024-06-21', '102', '501', '6.00')] } }),
  },
  postVoucherBatch: {
    roles: REVIEWER,
    target: 'village',
    request: (w) => ledger({ body: { voucherIds: [w.draftVoucherId] } })(w),
  },
  // 历史凭证导入 posts what it writes, so it is a reviewer's (provisional: the lead decides roles).
  importVouchers: {
    roles: REVIEWER,
    target: 'village',
    request: ledger({
      body: {
        vouchers: [
          {
            ...voucher('2024-06-22', '102', '503', '7.00'),
            source: { ref: '旧账-2024-06-1', preparer: '王会计', reviewer: '李站长' },
          },
        ],
      },
    }),
  },
  createBalanceAssertion: {
    roles: [...BOOKKEEPER, ...REVIEWER],
    target: 'village',
    request: ledger({ body: { account: '102', date: '2024-06-30', balance: '1000.00', source: '对账单' } }),
  },
  listBalanceAssertions: { roles: 'any', target: 'village', request: ledger() },
  getBalanceSheet: { roles: 'any', target: 'village', request: ledger({ query: { period: '2024-06' } }) },
  getIncomeStatement: { roles: 'any', target: 'village', request: ledger({ query: { year: '2024' } }) },
  closeYear: { roles: REVIEWER, target: 'village', request: ledger({ path: { year: '2024' } }) },
  // Two villages' books (李孟德村 → 仇家村, both of the township and of the alliance): the key must
  // reach both ledgers, so a key of either village alone is out.
  createLedgerLink: {
    roles: BOOKKEEPER,
    target: 'township',
    request: (w) => ({
      body: {
        date: '2024-06-20',
        summary: '投资飞地抱团项目',
        amount: '100.00',
        purpose: 'investment',
        from: { ledgerId: w.ledgerId, debit: '141', credit: '102' },
        to: { ledgerId: w.peerLedgerId, debit: '102', credit: '301' },
      },
    }),
    inScope: ['county', 'alliance', 'all'],
    outOfScope: ['village', 'otherTownship', 'otherCounty', 'otherAlliance'],
  },
  listLedgerLinks: { roles: 'any', target: 'township', request: () => ({ query: { within: township } }) },
  // County books: any role reads, within its scope.
  getDivisionTrialBalance: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: township, from: '2024-01', to: '2024-12' } }),
  },
  getDivisionBalanceSheet: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: township, period: '2024-12', eliminateLinks: 'true' } }),
  },
  getDivisionIncomeStatement: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: township, year: '2024' } }),
  },
  listMissingFinancialDisclosures: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: township, period: '2024-Q1' } }),
  },
  // Exports (…/export): authorised exactly as the JSON report each one mirrors.
  exportTrialBalance: { roles: 'any', target: 'village', request: ledger({ query: year }) },
  exportAccountEntries: {
    roles: 'any',
    target: 'village',
    request: ledger({ path: { code: '102' }, query: { ...year, format: 'csv' } }),
  },
  exportCashJournal: { roles: 'any', target: 'village', request: ledger({ query: year }) },
  exportBankJournal: {
    roles: 'any',
    target: 'village',
    request: ledger({ query: { ...year, format: 'csv' } }),
  },
  exportBalanceSheet: { roles: 'any', target: 'village', request: ledger({ query: { period: '2024-06' } }) },
  exportIncomeStatement: {
    roles: 'any',
    target: 'village',
    request: ledger({ query: { year: '2024', format: 'csv' } }),
  },
  exportDivisionTrialBalance: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: township, from: '2024-01', to: '2024-12', format: 'csv' } }),
  },
  exportDivisionBalanceSheet: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: township, period: '2024-12', eliminateLinks: 'true' } }),
  },
  exportDivisionIncomeStatement: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: township, year: '2024' } }),
  },
  createFinancialDisclosure: {
    roles: REVIEWER,
    target: 'village',
    request: ledger({ body: { period: '2024-01' } }),
  },
  listPublicFinancialDisclosures: { roles: 'public', request: () => ({ params: { code: village } }) },
  getPublicFinancialDisclosure: {
    roles: 'public',
    request: (w) => ({ params: { code: village, disclosureId: w.disclosureId } }),
  },
}

const disbursement = (w: World, fundSourceId = w.sourceId) => ({
  trancheId: w.trancheId,
  fundSourceId,
  amount: '1.00',
  ledgerId: w.ledgerId,
  date: '2024-12-01',
})

/**
 * Projects: 村申报 at the implementing village (fund managers and clerks), 乡审核 and the money at
 * the township (fund managers), 县审定 at the county. Reads reach the implementing and beneficiary
 * villages.
 */
const FUNDS: Record<string, Access> = {
  createFundSource: { roles: FUND_MANAGER, target: 'township', request: () => ({ body: sourceBody() }) },
  listFundSources: {
    roles: 'any',
    target: 'township',
    request: () => ({ query: { within: township } }),
    // An alliance key reads the sources its alliance holds, whatever it asks for.
    inScope: ['county', 'all', 'alliance', 'otherAlliance'],
    outOfScope: ['village', 'otherTownship', 'otherCounty'],
  },
  getFundSource: { roles: 'any', target: 'township', request: (w) => ({ params: { id: w.sourceId } }) },
  traceFundSource: { roles: 'any', target: 'township', request: (w) => ({ params: { id: w.sourceId } }) },
  putFundRules: {
    roles: ADMIN_ONLY,
    target: 'township',
    request: () => ({
      params: { divisionCode: township },
      body: { effectiveFrom: '2025-01-01', noticeDays: 12 },
    }),
  },
  getFundRules: { roles: 'any', target: 'village', request: () => ({ params: { divisionCode: village } }) },
  fundStats: { roles: 'any', target: 'township', request: () => ({ query: { within: township } }) },
  createProject: {
    roles: PROPOSERS,
    target: 'village',
    request: () => ({ body: projectBody({ name: '矩阵测试项目' }) }),
    cases: [
      {
        name: 'a village key may not file its project under another township’s alliance',
        role: 'fund_manager',
        scope: 'village',
        request: (w) => ({ body: projectBody({ name: '挂靠项目', allianceId: w.otherAlliance }) }),
        expect: 403,
      },
    ],
  },
  listProjects: { roles: 'any', target: 'township', request: () => ({ query: { within: township } }) },
  getProject: { roles: 'any', target: 'village', request: project() },
  listProjectTransitions: { roles: 'any', target: 'village', request: project() },
  // The role and level depend on the step; `reviewed` is a township step (out of order here: 422).
  transitionProject: {
    roles: FUND_MANAGER,
    target: 'township',
    request: project({ body: { to: 'reviewed', note: '镇审核' } }),
    cases: [
      {
        name: 'a village clerk takes the 村申报 step',
        role: 'clerk',
        scope: 'village',
        request: project({ body: { to: 'submitted', note: '村两委申报' } }),
        expect: 'allowed',
      },
      {
        name: 'a township fund manager may not take the county’s 县审定 step',
        role: 'fund_manager',
        scope: 'township',
        request: project({ body: { to: 'approved', note: '县审定' } }),
        expect: 403,
      },
      {
        name: 'a county fund manager takes the 县审定 step',
        role: 'fund_manager',
        scope: 'county',
        request: project({ body: { to: 'approved', note: '县审定' } }),
        expect: 'allowed',
      },
    ],
  },
  createProjectNotice: {
    roles: PROPOSERS,
    target: 'village',
    request: project({ body: { stage: 'completion', from: '2024-12-01', channels: ['村务公开栏'] } }),
  },
  recordProjectResult: {
    roles: PROPOSERS,
    target: 'village',
    request: project({ body: { indicator: '新建牛舍', period: '2024', actual: '2' } }),
  },
  allocateFunds: {
    roles: FUND_MANAGER,
    target: 'township',
    request: projectWith((w) => ({ fundSourceId: w.sourceId, amount: '1.00' })),
    cases: [
      {
        name: 'the key must reach the source as well as the project',
        role: 'fund_manager',
        scope: 'township',
        request: projectWith((w) => ({ fundSourceId: w.otherSourceId, amount: '1.00' })),
        expect: 403,
      },
    ],
  },
  setPaymentPlan: {
    roles: FUND_MANAGER,
    target: 'township',
    request: project({ body: { tranches: [{ label: '一次拨付', trigger: 'start', percent: '100.00' }] } }),
  },
  markMilestone: {
    roles: FUND_MANAGER,
    target: 'township',
    request: (w) =>
      project({ path: { trancheId: w.trancheId }, body: { metOn: '2024-07-15', evidence: '核验' } })(w),
    cases: [
      {
        name: 'a tranche of another project, addressed through the home project',
        role: 'fund_manager',
        scope: 'township',
        request: (w) =>
          project({
            path: { trancheId: w.foreign.trancheId },
            body: { metOn: '2024-07-15', evidence: '核验' },
          })(w),
        expect: 404,
      },
    ],
  },
  disburse: {
    roles: FUND_MANAGER,
    target: 'township',
    request: projectWith((w) => disbursement(w)),
    cases: [
      {
        name: 'the key must reach the source as well as the project',
        role: 'fund_manager',
        scope: 'township',
        request: projectWith((w) => disbursement(w, w.otherSourceId)),
        expect: 403,
      },
    ],
  },
  listDisbursements: { roles: 'any', target: 'village', request: project() },
  recordRevenue: {
    roles: FUND_MANAGER,
    target: 'township',
    request: project({ body: { period: '2024-Q4', amount: '1.00', receivedOn: '2024-12-20' } }),
  },
  distributeRevenue: {
    roles: FUND_MANAGER,
    target: 'township',
    request: projectWith((w) => ({
      revenueId: w.revenueId,
      policy: { version: '2024-2', shortfall: 'pro_rata' },
    })),
  },
  getDistributionRun: {
    roles: 'any',
    target: 'village',
    request: (w) => project({ path: { runId: w.runId } })(w),
  },
  traceProject: { roles: 'any', target: 'village', request: project() },
  listPublicProjects: { roles: 'public', request: () => ({ query: { within: township } }) },
  getPublicProject: { roles: 'public', request: project() },
}

export const MONEY_ACCESS: Record<string, Access> = { ...LEDGER, ...FUNDS }
