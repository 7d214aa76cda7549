import type { Fen } from '@liancun/core'

/**
 * The two annual statements in the 制度's formats (《农村集体经济组织会计制度》财会〔2023〕14号,
 * 附录 会计报表格式): 资产负债表 and 收益及收益分配表, each line with its 行次. The line table is data,
 * in this one place: which accounts feed a line, and which lines a subtotal adds. The grouping
 * follows reference/accounting.md (addendum, after 农市(经)年综7表 and the 2004 report) mapped onto
 * the 2023 chart; the 2023 appendix's own 行次 numbering was not available to check [U], so the
 * rows are numbered in the form's order — a county that prints another numbering changes only
 * the `row` values below.
 */

/** How an account feeds a line: its net (debit − credit), or only the debit / credit details of 113. */
export interface LineSource {
  code: string
  /** `debit-details`: the sum of the leaves with a debit net; `credit-details`: of those with a credit net. */
  part?: 'debit-details' | 'credit-details'
}

export interface FormLine {
  row: number
  key: string
  label: string
  /** `item` from accounts; `subtotal` / `total` from other lines (`sum`, each with its sign). */
  kind: 'item' | 'subtotal' | 'total'
  sources?: readonly LineSource[]
  sum?: readonly { key: string; sign: 1 | -1 }[]
}

const item = (row: number, key: string, label: string, ...sources: (string | LineSource)[]): FormLine => ({
  row,
  key,
  label,
  kind: 'item',
  sources: sources.map((s) => (typeof s === 'string' ? { code: s } : s)),
})
const add = (
  row: number,
  key: string,
  label: string,
  kind: 'subtotal' | 'total',
  ...keys: string[]
): FormLine => ({
  row,
  key,
  label,
  kind,
  sum: keys.map((k) => (k.startsWith('-') ? { key: k.slice(1), sign: -1 } : { key: k, sign: 1 })),
})

/**
 * 资产负债表, assets side. Amounts are shown on the line's natural side: assets as debit nets, the
 * contra accounts' 减: lines (133, 152, 162) as the positive amount deducted.
 */
export const BALANCE_SHEET_ASSETS: readonly FormLine[] = [
  item(1, 'cash', '货币资金', '101', '102'),
  item(2, 'shortInvestments', '短期投资', '111'),
  item(3, 'receivables', '应收款项', '112', { code: '113', part: 'debit-details' }),
  item(4, 'inventories', '存货', '121', '401'),
  item(5, 'consumableBio', '消耗性生物资产', '131'),
  add(
    6,
    'currentAssets',
    '流动资产合计',
    'subtotal',
    'cash',
    'shortInvestments',
    'receivables',
    'inventories',
    'consumableBio',
  ),
  item(7, 'longInvestments', '长期投资', '141'),
  item(8, 'productiveBioCost', '生产性生物资产原值', '132'),
  item(9, 'productiveBioDepreciation', '减：生产性生物资产累计折旧', '133'),
  add(
    10,
    'productiveBioNet',
    '生产性生物资产净值',
    'subtotal',
    'productiveBioCost',
    '-productiveBioDepreciation',
  ),
  item(11, 'publicBio', '公益性生物资产', '134'),
  item(12, 'fixedCost', '固定资产原值', '151'),
  item(13, 'fixedDepreciation', '减：累计折旧', '152'),
  add(14, 'fixedNet', '固定资产净值', 'subtotal', 'fixedCost', '-fixedDepreciation'),
  item(15, 'fixedDisposal', '固定资产清理', '154'),
  item(16, 'construction', '在建工程', '153'),
  item(17, 'intangibleCost', '无形资产原值', '161'),
  item(18, 'intangibleAmortisation', '减：累计摊销', '162'),
  add(19, 'intangibleNet', '无形资产净值', 'subtotal', 'intangibleCost', '-intangibleAmortisation'),
  item(20, 'deferred', '长期待摊费用', '171'),
  item(21, 'pendingLosses', '待处理财产损溢', '181'),
  add(
    22,
    'nonCurrentAssets',
    '非流动资产合计',
    'subtotal',
    'longInvestments',
    'productiveBioNet',
    'publicBio',
    'fixedNet',
    'fixedDisposal',
    'construction',
    'intangibleNet',
    'deferred',
    'pendingLosses',
  ),
  add(23, 'totalAssets', '资产总计', 'total', 'currentAssets', 'nonCurrentAssets'),
]

/**
 * 资产负债表, liabilities and owners' equity side, as credit nets. 未分配收益 takes 321 and 322 and,
 * before the year-end close, the year's profit and loss still in the income and expense accounts
 * (`unclosed`), so the sheet balances on any day.
 */
export const BALANCE_SHEET_CLAIMS: readonly FormLine[] = [
  item(24, 'shortLoans', '短期借款', '201'),
  item(25, 'payables', '应付款项', '211', { code: '113', part: 'credit-details' }),
  item(26, 'wages', '应付工资', '212'),
  item(27, 'labour', '应付劳务费', '213'),
  item(28, 'taxes', '应交税费', '214'),
  add(
    29,
    'currentLiabilities',
    '流动负债合计',
    'subtotal',
    'shortLoans',
    'payables',
    'wages',
    'labour',
    'taxes',
  ),
  item(30, 'longLoans', '长期借款及应付款', '221'),
  item(31, 'yishiyiyi', '一事一议资金', '231'),
  item(32, 'specialPayables', '专项应付款', '241'),
  add(33, 'nonCurrentLiabilities', '非流动负债合计', 'subtotal', 'longLoans', 'yishiyiyi', 'specialPayables'),
  add(34, 'totalLiabilities', '负债合计', 'subtotal', 'currentLiabilities', 'nonCurrentLiabilities'),
  item(35, 'capital', '资本', '301'),
  item(36, 'reserve', '公积公益金', '311'),
  item(37, 'undistributed', '未分配收益', '321', '322', 'unclosed'),
  add(38, 'totalEquity', '所有者权益合计', 'subtotal', 'capital', 'reserve', 'undistributed'),
  add(39, 'totalClaims', '负债和所有者权益总计', 'total', 'totalLiabilities', 'totalEquity'),
]

/** Pseudo account of the claims side: income and expense accounts not yet closed into 321. */
export const UNCLOSED = 'unclosed'
/** First-level codes of the income and expense accounts (损益类) of the 2023 chart. */
export const PROFIT_AND_LOSS = ['501', '502', '503', '504', '511', '512', '513', '514', '515', '521'] as const
const CONTRA = new Set(['133', '152', '162'])

export interface FormRow {
  row: number
  key: string
  label: string
  kind: FormLine['kind']
}

/** Amounts of every line from leaf nets; keys of `nets` start with the account code (`10201`, `113#ledger`). */
function lineAmounts(lines: readonly FormLine[], nets: ReadonlyMap<string, Fen>, claims: boolean) {
  const leaves = [...nets]
  const amountOf = (source: LineSource): Fen => {
    const codes = source.code === UNCLOSED ? PROFIT_AND_LOSS : [source.code]
    let sum = 0n
    for (const [leaf, net] of leaves) {
      if (!codes.some((c) => leaf.startsWith(c))) continue
      if (source.part === 'debit-details') sum += net > 0n ? net : 0n
      else if (source.part === 'credit-details') sum += net < 0n ? -net : 0n
      // Claims and the contra accounts are shown as credit nets.
      else sum += claims || CONTRA.has(source.code) ? -net : net
    }
    return sum
  }
  const out = new Map<string, Fen>()
  for (const line of lines) {
    const amount = line.sources
      ? line.sources.reduce((s, source) => s + amountOf(source), 0n)
      : (line.sum ?? []).reduce((s, part) => s + BigInt(part.sign) * (out.get(part.key) ?? 0n), 0n)
    out.set(line.key, amount)
  }
  return out
}

/**
 * 资产负债表 in the 制度's format: every line with 年初数 (`start`, the nets at the end of the
 * previous year) and 期末数 (`end`). `balanced` is 资产总计 = 负债和所有者权益总计 on both columns,
 * which holds whenever the books balance (every account of the chart feeds exactly one line).
 */
export function officialBalanceSheet(start: ReadonlyMap<string, Fen>, end: ReadonlyMap<string, Fen>) {
  const form = (lines: readonly FormLine[], claims: boolean) => {
    const s = lineAmounts(lines, start, claims)
    const e = lineAmounts(lines, end, claims)
    return lines.map((l) => ({
      row: l.row,
      key: l.key,
      label: l.label,
      kind: l.kind,
      start: s.get(l.key)!,
      end: e.get(l.key)!,
    }))
  }
  const assets = form(BALANCE_SHEET_ASSETS, false)
  const claims = form(BALANCE_SHEET_CLAIMS, true)
  const total = (lines: typeof assets) => lines[lines.length - 1]!
  const a = total(assets)
  const c = total(claims)
  return { assets, claims, balanced: a.start === c.start && a.end === c.end }
}

/** 收益及收益分配表, the 本年收益 half: items as income (credit − debit) or expense (debit − credit) nets. */
export const INCOME_LINES: readonly FormLine[] = [
  item(1, 'operatingIncome', '经营收入', '501'),
  item(2, 'investmentIncome', '加：投资收益', '502'),
  item(3, 'operatingExpenses', '减：经营支出', '511'),
  item(4, 'taxesAndSurcharges', '税金及附加', '512'),
  item(5, 'administrative', '管理费用', '513'),
  add(
    6,
    'operatingResult',
    '经营收益',
    'subtotal',
    'operatingIncome',
    'investmentIncome',
    '-operatingExpenses',
    '-taxesAndSurcharges',
    '-administrative',
  ),
  item(7, 'subsidies', '加：补助收入', '503'),
  item(8, 'otherIncome', '其他收入', '504'),
  item(9, 'publicWelfare', '减：公益支出', '514'),
  item(10, 'otherExpenses', '其他支出', '515'),
  add(
    11,
    'grossResult',
    '收益总额',
    'subtotal',
    'operatingResult',
    'subsidies',
    'otherIncome',
    '-publicWelfare',
    '-otherExpenses',
  ),
  item(12, 'incomeTax', '减：所得税费用', '521'),
  add(13, 'profit', '本年收益', 'total', 'grossResult', '-incomeTax'),
]

/** The kinds of distribution (各项分配) the second half lists, in its order. */
export const DISTRIBUTION_KINDS = ['reserve', 'members', 'investors', 'other'] as const
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number]

/** The 收益分配 half: rows 14 on, after 本年收益 (row 13). */
export const DISTRIBUTION_LINES: readonly FormRow[] = [
  { row: 14, key: 'undistributedAtStart', label: '加：年初未分配收益', kind: 'item' },
  { row: 15, key: 'otherTransfersIn', label: '其他转入', kind: 'item' },
  { row: 16, key: 'distributable', label: '可分配收益', kind: 'subtotal' },
  { row: 17, key: 'reserve', label: '减：提取公积公益金', kind: 'item' },
  { row: 18, key: 'members', label: '向成员分配', kind: 'item' },
  { row: 19, key: 'investors', label: '外来投资分利', kind: 'item' },
  { row: 20, key: 'other', label: '其他', kind: 'item' },
  { row: 21, key: 'undistributedAtEnd', label: '年末未分配收益', kind: 'total' },
]

/**
 * What one regular voucher did to 321/322 (本年收益 / 收益分配): its net on them, and what names
 * its kind of distribution — the 322 sub-accounts it debits and the accounts it credits.
 */
export interface DistributionVoucher {
  /** Σ(credit − debit) of the voucher's lines on 321 and 322 and their sub-accounts. */
  net: Fen
  /** Names of the 322 sub-accounts the voucher debits (e.g. 各项分配—提取公积公益金). */
  debitedNames: readonly string[]
  /** First-level codes the voucher credits outside 321/322 (311 for 提取公积公益金). */
  creditedCodes: readonly string[]
  /** The voucher's 摘要, the last hint of the kind (向成员分配, 外来投资分利…). */
  summary?: string
}

/**
 * The kind of a distribution (a voucher with a debit net on 321/322): by the name of the 322
 * sub-account it debits when that names one (公积公益金; 成员 / 农户 / 股东; 外来投资 / 投资者),
 * else by the account credited — 311 公积公益金 is 提取公积公益金 — else by the same words in the
 * voucher's 摘要, else 其他. The order of the
 * kinds is the 2004 report's [V 2004]; the 2023 form's is unverified [U].
 */
export function distributionKind(
  voucher: Pick<DistributionVoucher, 'debitedNames' | 'creditedCodes' | 'summary'>,
): DistributionKind {
  const byText = (text: string): DistributionKind | null => {
    if (/公积公益金/.test(text)) return 'reserve'
    if (/外来投资|投资者|投资分利/.test(text)) return 'investors'
    if (/成员|农户|股东|社员/.test(text)) return 'members'
    return null
  }
  return (
    byText(voucher.debitedNames.join('/')) ??
    (voucher.creditedCodes.includes('311') ? 'reserve' : null) ??
    byText(voucher.summary ?? '') ??
    'other'
  )
}

/**
 * 收益及收益分配表 in the 制度's format. `movements` are the year's regular (non-closing) debits
 * and credits per leaf; `undistributedAtStart` the credit net of 321, 322 and any profit and loss
 * not yet closed at the end of the previous year; `vouchers` the year's regular vouchers touching
 * 321/322. A voucher with a credit net there is 其他转入 (e.g. 公积公益金弥补亏损), one with a
 * debit net a distribution of its kind; so 年末未分配收益 = 可分配收益 − Σ distributions equals the
 * balance sheet's 未分配收益 at the end of the year, to the fen.
 */
export function officialIncomeStatement(
  movements: ReadonlyMap<string, { debit: Fen; credit: Fen }>,
  undistributedAtStart: Fen,
  vouchers: readonly DistributionVoucher[],
) {
  const nets = new Map<string, Fen>()
  for (const [leaf, m] of movements) nets.set(leaf, m.debit - m.credit)
  // Income lines read credit nets, expense lines debit nets.
  const income = new Set(['501', '502', '503', '504'])
  const amounts = new Map<string, Fen>()
  for (const line of INCOME_LINES) {
    let amount = 0n
    if (line.sources) {
      for (const source of line.sources) {
        for (const [leaf, net] of nets) {
          if (leaf.startsWith(source.code)) amount += income.has(source.code) ? -net : net
        }
      }
    } else {
      for (const part of line.sum ?? []) amount += BigInt(part.sign) * (amounts.get(part.key) ?? 0n)
    }
    amounts.set(line.key, amount)
  }
  const profit = amounts.get('profit')!
  const distributions: Record<DistributionKind, Fen> = { reserve: 0n, members: 0n, investors: 0n, other: 0n }
  let otherTransfersIn = 0n
  for (const voucher of vouchers) {
    if (voucher.net > 0n) otherTransfersIn += voucher.net
    else if (voucher.net < 0n) distributions[distributionKind(voucher)] -= voucher.net
  }
  const distributable = profit + undistributedAtStart + otherTransfersIn
  const distributed = DISTRIBUTION_KINDS.reduce((s, k) => s + distributions[k], 0n)
  const second = new Map<string, Fen>([
    ['undistributedAtStart', undistributedAtStart],
    ['otherTransfersIn', otherTransfersIn],
    ['distributable', distributable],
    ...DISTRIBUTION_KINDS.map((k) => [k, distributions[k]] as const),
    ['undistributedAtEnd', distributable - distributed],
  ])
  return {
    lines: [
      ...INCOME_LINES.map((l) => ({
        row: l.row,
        key: l.key,
        label: l.label,
        kind: l.kind,
        amount: amounts.get(l.key)!,
      })),
      ...DISTRIBUTION_LINES.map((l) => ({ ...l, amount: second.get(l.key)! })),
    ],
    profit,
    undistributedAtStart,
    otherTransfersIn,
    distributable,
    distributions,
    distributed,
    undistributedAtEnd: distributable - distributed,
  }
}

/**
 * 未分配收益 at a point, as a credit net: 321, 322 and the income and expense accounts not yet
 * closed (the balance sheet's line 37).
 */
export function undistributedOf(nets: ReadonlyMap<string, Fen>): Fen {
  let sum = 0n
  for (const [leaf, net] of nets) {
    if (leaf.startsWith('321') || leaf.startsWith('322') || PROFIT_AND_LOSS.some((c) => leaf.startsWith(c)))
      sum -= net
  }
  return sum
}
