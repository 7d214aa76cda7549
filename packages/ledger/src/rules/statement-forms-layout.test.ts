import { describe, expect, it } from 'vitest'
import {
  BALANCE_SHEET_ASSETS,
  BALANCE_SHEET_CLAIMS,
  DISTRIBUTION_LINES,
  type FormLine,
  INCOME_LINES,
} from './statement-forms.js'

/**
 * The forms line by line — 行次, key, the label printed on the form, the kind, the accounts that feed
 * an item (with the detail side where only one side counts) and what a subtotal adds — pinned as a
 * known answer, so a changed label, account or sum shows up here as a diff for a reader to check
 * against the 2023 制度 forms 资产负债表 and 收益及收益分配表 (reference accounting.md).
 */
const compact = (l: FormLine) =>
  [
    l.row,
    l.key,
    l.label,
    l.kind,
    (l.sources ?? []).map((s) => (s.part ? `${s.code}:${s.part}` : s.code)).join(','),
    (l.sum ?? []).map((s) => (s.sign < 0 ? '-' : '') + s.key).join(','),
  ].join(' | ')

describe('the official forms, line by line', () => {
  it('资产负债表, assets', () => {
    expect(BALANCE_SHEET_ASSETS.map(compact)).toEqual([
      '1 | cash | 货币资金 | item | 101,102 | ',
      '2 | shortInvestments | 短期投资 | item | 111 | ',
      '3 | receivables | 应收款项 | item | 112,113:debit-details | ',
      '4 | inventories | 存货 | item | 121,401 | ',
      '5 | consumableBio | 消耗性生物资产 | item | 131 | ',
      '6 | currentAssets | 流动资产合计 | subtotal |  | cash,shortInvestments,receivables,inventories,consumableBio',
      '7 | longInvestments | 长期投资 | item | 141 | ',
      '8 | productiveBioCost | 生产性生物资产原值 | item | 132 | ',
      '9 | productiveBioDepreciation | 减：生产性生物资产累计折旧 | item | 133 | ',
      '10 | productiveBioNet | 生产性生物资产净值 | subtotal |  | productiveBioCost,-productiveBioDepreciation',
      '11 | publicBio | 公益性生物资产 | item | 134 | ',
      '12 | fixedCost | 固定资产原值 | item | 151 | ',
      '13 | fixedDepreciation | 减：累计折旧 | item | 152 | ',
      '14 | fixedNet | 固定资产净值 | subtotal |  | fixedCost,-fixedDepreciation',
      '15 | fixedDisposal | 固定资产清理 | item | 154 | ',
      '16 | construction | 在建工程 | item | 153 | ',
      '17 | intangibleCost | 无形资产原值 | item | 161 | ',
      '18 | intangibleAmortisation | 减：累计摊销 | item | 162 | ',
      '19 | intangibleNet | 无形资产净值 | subtotal |  | intangibleCost,-intangibleAmortisation',
      '20 | deferred | 长期待摊费用 | item | 171 | ',
      '21 | pendingLosses | 待处理财产损溢 | item | 181 | ',
      '22 | nonCurrentAssets | 非流动资产合计 | subtotal |  | longInvestments,productiveBioNet,publicBio,fixedNet,fixedDisposal,construction,intangibleNet,deferred,pendingLosses',
      '23 | totalAssets | 资产总计 | total |  | currentAssets,nonCurrentAssets',
    ])
  })
  it('资产负债表, liabilities and equity', () => {
    expect(BALANCE_SHEET_CLAIMS.map(compact)).toEqual([
      '24 | shortLoans | 短期借款 | item | 201 | ',
      '25 | payables | 应付款项 | item | 211,113:credit-details | ',
      '26 | wages | 应付工资 | item | 212 | ',
      '27 | labour | 应付劳务费 | item | 213 | ',
      '28 | taxes | 应交税费 | item | 214 | ',
      '29 | currentLiabilities | 流动负债合计 | subtotal |  | shortLoans,payables,wages,labour,taxes',
      '30 | longLoans | 长期借款及应付款 | item | 221 | ',
      '31 | yishiyiyi | 一事一议资金 | item | 231 | ',
      '32 | specialPayables | 专项应付款 | item | 241 | ',
      '33 | nonCurrentLiabilities | 非流动负债合计 | subtotal |  | longLoans,yishiyiyi,specialPayables',
      '34 | totalLiabilities | 负债合计 | subtotal |  | currentLiabilities,nonCurrentLiabilities',
      '35 | capital | 资本 | item | 301 | ',
      '36 | reserve | 公积公益金 | item | 311 | ',
      '37 | undistributed | 未分配收益 | item | 321,322,unclosed | ',
      '38 | totalEquity | 所有者权益合计 | subtotal |  | capital,reserve,undistributed',
      '39 | totalClaims | 负债和所有者权益总计 | total |  | totalLiabilities,totalEquity',
    ])
  })
  it('收益及收益分配表, the income half', () => {
    expect(INCOME_LINES.map(compact)).toEqual([
      '1 | operatingIncome | 经营收入 | item | 501 | ',
      '2 | investmentIncome | 加：投资收益 | item | 502 | ',
      '3 | operatingExpenses | 减：经营支出 | item | 511 | ',
      '4 | taxesAndSurcharges | 税金及附加 | item | 512 | ',
      '5 | administrative | 管理费用 | item | 513 | ',
      '6 | operatingResult | 经营收益 | subtotal |  | operatingIncome,investmentIncome,-operatingExpenses,-taxesAndSurcharges,-administrative',
      '7 | subsidies | 加：补助收入 | item | 503 | ',
      '8 | otherIncome | 其他收入 | item | 504 | ',
      '9 | publicWelfare | 减：公益支出 | item | 514 | ',
      '10 | otherExpenses | 其他支出 | item | 515 | ',
      '11 | grossResult | 收益总额 | subtotal |  | operatingResult,subsidies,otherIncome,-publicWelfare,-otherExpenses',
      '12 | incomeTax | 减：所得税费用 | item | 521 | ',
      '13 | profit | 本年收益 | total |  | grossResult,-incomeTax',
    ])
  })
  it('收益及收益分配表, the distribution half', () => {
    expect(DISTRIBUTION_LINES.map((l) => JSON.stringify(l))).toEqual([
      '{"row":14,"key":"undistributedAtStart","label":"加：年初未分配收益","kind":"item"}',
      '{"row":15,"key":"otherTransfersIn","label":"其他转入","kind":"item"}',
      '{"row":16,"key":"distributable","label":"可分配收益","kind":"subtotal"}',
      '{"row":17,"key":"reserve","label":"减：提取公积公益金","kind":"item"}',
      '{"row":18,"key":"members","label":"向成员分配","kind":"item"}',
      '{"row":19,"key":"investors","label":"外来投资分利","kind":"item"}',
      '{"row":20,"key":"other","label":"其他","kind":"item"}',
      '{"row":21,"key":"undistributedAtEnd","label":"年末未分配收益","kind":"total"}',
    ])
  })
})
