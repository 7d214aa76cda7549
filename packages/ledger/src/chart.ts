/**
 * 《农村集体经济组织会计制度》(财会〔2023〕14号) — the 42 first-level accounts, with class and
 * normal side kept per account: contra accounts (133, 152, 162) sit among assets yet carry credit
 * balances, and 113, 154, 181 are two-sided. Codes as in reference/accounting.md §1.1.
 */
export type AccountClass = 'asset' | 'liability' | 'equity' | 'cost' | 'income' | 'expense'
export type NormalSide = 'debit' | 'credit' | 'both'

export interface ChartAccount {
  code: string
  name: string
  class: AccountClass
  normalSide: NormalSide
}

const a = (code: string, name: string, cls: AccountClass, normalSide: NormalSide): ChartAccount => ({
  code,
  name,
  class: cls,
  normalSide,
})

export const RCEA_2023: readonly ChartAccount[] = [
  a('101', '库存现金', 'asset', 'debit'),
  a('102', '银行存款', 'asset', 'debit'),
  a('111', '短期投资', 'asset', 'debit'),
  a('112', '应收款', 'asset', 'debit'),
  a('113', '内部往来', 'asset', 'both'),
  a('121', '库存物资', 'asset', 'debit'),
  a('131', '消耗性生物资产', 'asset', 'debit'),
  a('132', '生产性生物资产', 'asset', 'debit'),
  a('133', '生产性生物资产累计折旧', 'asset', 'credit'),
  a('134', '公益性生物资产', 'asset', 'debit'),
  a('141', '长期投资', 'asset', 'debit'),
  a('151', '固定资产', 'asset', 'debit'),
  a('152', '累计折旧', 'asset', 'credit'),
  a('153', '在建工程', 'asset', 'debit'),
  a('154', '固定资产清理', 'asset', 'both'),
  a('161', '无形资产', 'asset', 'debit'),
  a('162', '累计摊销', 'asset', 'credit'),
  a('171', '长期待摊费用', 'asset', 'debit'),
  a('181', '待处理财产损溢', 'asset', 'both'),
  a('201', '短期借款', 'liability', 'credit'),
  a('211', '应付款', 'liability', 'credit'),
  a('212', '应付工资', 'liability', 'credit'),
  a('213', '应付劳务费', 'liability', 'credit'),
  a('214', '应交税费', 'liability', 'credit'),
  a('221', '长期借款及应付款', 'liability', 'credit'),
  a('231', '一事一议资金', 'liability', 'credit'),
  a('241', '专项应付款', 'liability', 'credit'),
  a('301', '资本', 'equity', 'credit'),
  a('311', '公积公益金', 'equity', 'credit'),
  a('321', '本年收益', 'equity', 'credit'),
  a('322', '收益分配', 'equity', 'credit'),
  a('401', '生产(劳务)成本', 'cost', 'debit'),
  a('501', '经营收入', 'income', 'credit'),
  a('502', '投资收益', 'income', 'credit'),
  a('503', '补助收入', 'income', 'credit'),
  a('504', '其他收入', 'income', 'credit'),
  a('511', '经营支出', 'expense', 'debit'),
  a('512', '税金及附加', 'expense', 'debit'),
  a('513', '管理费用', 'expense', 'debit'),
  a('514', '公益支出', 'expense', 'debit'),
  a('515', '其他支出', 'expense', 'debit'),
  a('521', '所得税费用', 'expense', 'debit'),
]

export const CHARTS = { 'rcea-2023': RCEA_2023 } as const
export type ChartId = keyof typeof CHARTS

/** 101 库存现金 and 102 银行存款 (with their sub-accounts) may never go negative. */
export function isCashAccount(code: string): boolean {
  return code.startsWith('101') || code.startsWith('102')
}

/** The class of an account or sub-account of the 2023 chart, by its first-level code. */
export function accountClassOf(code: string): AccountClass | undefined {
  return RCEA_2023.find((a) => a.code === code.slice(0, 3))?.class
}
