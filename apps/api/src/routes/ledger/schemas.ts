import { BusinessDate, type Fen, formatMoney, Id, MoneyOut } from '@liancun/core'
import type { Account, Ledger, TrialBalanceRow, Voucher } from '@liancun/ledger'
import { z } from 'zod'

/** Response contracts of the ledger routes; money leaves as the wire string. */

const money = (fen: Fen) => formatMoney(fen)
const moneyOrNull = (fen: Fen | null) => (fen === null ? null : formatMoney(fen))

export const LedgerOut = z
  .object({
    id: Id,
    villageCode: z.string(),
    countyCode: z.string(),
    collective: z.object({ name: z.string(), uscc: z.string() }),
    chart: z.string(),
    firstPeriod: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Ledger' })

export const AccountOut = z
  .object({
    code: z.string(),
    name: z.string(),
    class: z.string(),
    normalSide: z.enum(['debit', 'credit', 'both']),
    parentCode: z.string().nullable(),
    isLeaf: z.boolean(),
    disabled: z.boolean(),
  })
  .meta({ id: 'Account' })

export const VoucherOut = z
  .object({
    id: Id,
    ledgerId: Id,
    status: z.enum(['draft', 'posted']),
    date: BusinessDate,
    period: z.string(),
    number: z.number().int().nullable(),
    label: z.string().nullable().meta({ example: '2024年03月 记字第7号' }),
    summary: z.string(),
    attachments: z.number().int(),
    preparedBy: z.string(),
    postedBy: z.string().nullable(),
    postedAt: z.string().nullable(),
    reversesId: Id.nullable(),
    reversedById: Id.nullable(),
    linkId: Id.nullable().meta({
      description: 'the inter-village link (飞地抱团) this voucher is one side of',
    }),
    origin: z
      .object({ kind: z.string(), refs: z.record(z.string(), z.string()) })
      .nullable()
      .meta({ description: '来源: the record that generated this draft (e.g. a fund disbursement)' }),
    source: z.object({ ref: z.string(), preparer: z.string(), reviewer: z.string() }).nullable().meta({
      description:
        'for a voucher imported already reviewed from another system: its reference there and the 记账 / 审核 names it recorded',
    }),
    matterId: Id.nullable().meta({
      description:
        'the resolved 四议两公开 matter (village or alliance matter) authorising this payment, loan, disposal or borrowing',
    }),
    matterRule: z
      .object({
        majorMatterAmount: MoneyOut,
        need: z.object({ kind: z.enum(['payment', 'disposal', 'borrowing']), amount: MoneyOut }).nullable(),
        on: BusinessDate,
      })
      .nullable()
      .meta({
        description:
          'the rule the matter answered: the major-matter amount in force for the village on the voucher date, and the movement that reached it',
      }),
    totals: z.object({ debit: MoneyOut, credit: MoneyOut }),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        account: z.string(),
        accountName: z.string(),
        summary: z.string().nullable(),
        debit: MoneyOut.nullable(),
        credit: MoneyOut.nullable(),
        counterparty: z.string().nullable(),
        reference: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Voucher' })

export function voucherToWire(voucher: Voucher): z.infer<typeof VoucherOut> {
  return {
    ...voucher,
    matterRule: voucher.matterRule && {
      majorMatterAmount: money(voucher.matterRule.majorMatterAmount),
      need: voucher.matterRule.need && {
        kind: voucher.matterRule.need.kind,
        amount: money(voucher.matterRule.need.amount),
      },
      on: voucher.matterRule.on,
    },
    totals: { debit: money(voucher.totals.debit), credit: money(voucher.totals.credit) },
    lines: voucher.lines.map((line) => ({
      ...line,
      debit: moneyOrNull(line.debit),
      credit: moneyOrNull(line.credit),
    })),
  }
}

const Sided = z.object({ side: z.enum(['debit', 'credit']), amount: MoneyOut })

export const TrialBalanceOut = z
  .object({
    ledgerId: Id,
    from: z.string(),
    to: z.string(),
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.number().int(),
        normalSide: z.enum(['debit', 'credit', 'both']),
        opening: Sided,
        debit: MoneyOut,
        credit: MoneyOut,
        closing: Sided,
      }),
    ),
    totals: z.object({
      openingDebit: MoneyOut,
      openingCredit: MoneyOut,
      debit: MoneyOut,
      credit: MoneyOut,
      closingDebit: MoneyOut,
      closingCredit: MoneyOut,
    }),
  })
  .meta({ id: 'TrialBalance' })

export function trialBalanceToWire(tb: {
  ledgerId: string
  from: string
  to: string
  rows: TrialBalanceRow[]
  totals: Record<
    'openingDebit' | 'openingCredit' | 'debit' | 'credit' | 'closingDebit' | 'closingCredit',
    Fen
  >
}): z.infer<typeof TrialBalanceOut> {
  return {
    ...tb,
    rows: tb.rows.map((row) => ({
      ...row,
      opening: { side: row.opening.side, amount: money(row.opening.amount) },
      debit: money(row.debit),
      credit: money(row.credit),
      closing: { side: row.closing.side, amount: money(row.closing.amount) },
    })),
    totals: Object.fromEntries(Object.entries(tb.totals).map(([k, v]) => [k, money(v)])) as z.infer<
      typeof TrialBalanceOut
    >['totals'],
  }
}

export const PeriodStateOut = z
  .object({
    ledgerId: Id,
    period: z.string(),
    status: z.enum(['open', 'closed']),
    seal: z
      .string()
      .nullable()
      .meta({ description: 'sha256 over the month’s posted vouchers, sealed at closing' }),
    vouchers: z.number().int(),
  })
  .meta({ id: 'PeriodState' })

export type { Account, Ledger }

export const IntegrityOut = z
  .object({
    ledgerId: Id,
    vouchers: z.number().int(),
    valid: z.boolean(),
    head: z.string().nullable().meta({ description: 'hash of the last posted voucher' }),
    firstBreak: z
      .object({ voucherId: Id, chainSeq: z.number().int().nullable(), label: z.string().nullable() })
      .nullable()
      .meta({ description: 'the first voucher whose stored hash no longer matches its content' }),
  })
  .meta({ id: 'LedgerIntegrity' })

export const EntriesOut = z
  .object({
    ledgerId: Id,
    account: z.object({
      code: z.string(),
      name: z.string(),
      normalSide: z.enum(['debit', 'credit', 'both']),
    }),
    from: z.string(),
    to: z.string(),
    opening: Sided,
    closing: Sided,
    items: z.array(
      z.object({
        date: BusinessDate,
        voucherId: Id,
        label: z.string(),
        account: z.string(),
        summary: z.string(),
        debit: MoneyOut.nullable(),
        credit: MoneyOut.nullable(),
        balance: Sided,
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AccountEntries' })

type SidedFen = { side: 'debit' | 'credit'; amount: Fen }
const sided = (value: SidedFen) => ({ side: value.side, amount: money(value.amount) })

export function entriesToWire(entries: {
  ledgerId: string
  account: { code: string; name: string; normalSide: 'debit' | 'credit' | 'both' }
  from: string
  to: string
  opening: SidedFen
  closing: SidedFen
  items: {
    date: string
    voucherId: string
    label: string
    account: string
    summary: string
    debit: Fen | null
    credit: Fen | null
    balance: SidedFen
  }[]
  nextCursor: string | null
}): z.infer<typeof EntriesOut> {
  return {
    ...entries,
    opening: sided(entries.opening),
    closing: sided(entries.closing),
    items: entries.items.map((item) => ({
      ...item,
      debit: moneyOrNull(item.debit),
      credit: moneyOrNull(item.credit),
      balance: sided(item.balance),
    })),
  }
}

export const AssertionOut = z
  .object({
    id: Id,
    account: z.string(),
    date: BusinessDate,
    balance: MoneyOut.meta({ description: 'the balance seen outside the books' }),
    actual: MoneyOut.meta({ description: 'the books’ balance at the end of that day, same side' }),
    source: z.string().nullable(),
    holds: z.boolean(),
  })
  .meta({ id: 'BalanceAssertion' })

export function assertionToWire(a: {
  id: string
  account: string
  date: string
  balance: Fen
  actual: Fen
  source: string | null
  holds: boolean
}) {
  return { ...a, balance: money(a.balance), actual: money(a.actual) }
}

const StatementLineOut = z.object({ code: z.string(), name: z.string(), amount: MoneyOut })
type Line = { code: string; name: string; amount: Fen }
const lines = (ls: Line[]) => ls.map((l) => ({ ...l, amount: money(l.amount) }))

const FormKind = z.enum(['item', 'subtotal', 'total'])
const FormRowOut = z.object({
  row: z.number().int().meta({ description: '行次' }),
  key: z.string().meta({ description: 'stable key of the line (e.g. `cash`, `totalAssets`)' }),
  label: z.string().meta({ example: '货币资金' }),
  kind: FormKind,
})
const BalanceSheetFormOut = z
  .object({
    assets: z.array(
      FormRowOut.extend({
        start: MoneyOut.meta({ description: '年初数' }),
        end: MoneyOut.meta({ description: '期末数' }),
      }),
    ),
    claims: z.array(FormRowOut.extend({ start: MoneyOut, end: MoneyOut })).meta({
      description: '负债及所有者权益',
    }),
    balanced: z
      .boolean()
      .meta({ description: '资产总计 = 负债和所有者权益总计 in both columns, to the fen' }),
  })
  .meta({
    id: 'BalanceSheetForm',
    description:
      '资产负债表 in the format of 《农村集体经济组织会计制度》(财会〔2023〕14号): grouped lines with 行次, 年初数 and 期末数. Present on a single ledger’s sheet and on the county/township books.',
  })

export const BalanceSheetOut = z
  .object({
    ledgerId: Id,
    period: z.string(),
    assets: z.array(StatementLineOut),
    liabilities: z.array(StatementLineOut),
    equity: z.array(StatementLineOut),
    totals: z.object({ assets: MoneyOut, liabilities: MoneyOut, equity: MoneyOut }),
    balanced: z.boolean().meta({ description: 'assets = liabilities + equity' }),
    official: BalanceSheetFormOut.optional(),
  })
  .meta({ id: 'BalanceSheet' })

type FormRow = { row: number; key: string; label: string; kind: 'item' | 'subtotal' | 'total' }
type SheetForm = {
  assets: (FormRow & { start: Fen; end: Fen })[]
  claims: (FormRow & { start: Fen; end: Fen })[]
  balanced: boolean
}
const formRows = (rows: (FormRow & { start: Fen; end: Fen })[]) =>
  rows.map((r) => ({ ...r, start: money(r.start), end: money(r.end) }))

export function balanceSheetToWire(sheet: {
  ledgerId: string
  period: string
  assets: Line[]
  liabilities: Line[]
  equity: Line[]
  totals: { assets: Fen; liabilities: Fen; equity: Fen }
  balanced: boolean
  official?: SheetForm
}): z.infer<typeof BalanceSheetOut> {
  const { official, ...rest } = sheet
  return {
    ...rest,
    assets: lines(sheet.assets),
    liabilities: lines(sheet.liabilities),
    equity: lines(sheet.equity),
    totals: {
      assets: money(sheet.totals.assets),
      liabilities: money(sheet.totals.liabilities),
      equity: money(sheet.totals.equity),
    },
    ...(official
      ? {
          official: {
            assets: formRows(official.assets),
            claims: formRows(official.claims),
            balanced: official.balanced,
          },
        }
      : {}),
  }
}

export const IncomeStatementOut = z
  .object({
    ledgerId: Id,
    year: z.string(),
    income: z.array(StatementLineOut),
    expenses: z.array(StatementLineOut),
    totals: z.object({ income: MoneyOut, expenses: MoneyOut }),
    profit: MoneyOut.meta({ description: '本年收益' }),
    undistributedAtStart: MoneyOut.meta({ description: '年初未分配收益' }),
    distributable: MoneyOut.meta({ description: '可分配收益 (本年收益 + 年初未分配收益 + 其他转入)' }),
    otherTransfersIn: MoneyOut.meta({ description: '其他转入 (e.g. 公积公益金弥补亏损)' }).optional(),
    distributed: MoneyOut.meta({ description: 'Σ 各项分配 of the year' }).optional(),
    undistributedAtEnd: MoneyOut.meta({
      description:
        '年末未分配收益 = 可分配收益 − 各项分配; equals the balance sheet’s 未分配收益 at the end of the year',
    }).optional(),
    official: z
      .object({
        lines: z.array(FormRowOut.extend({ amount: MoneyOut.meta({ description: '本年数' }) })),
        distributions: z.object({
          reserve: MoneyOut.meta({ description: '提取公积公益金' }),
          members: MoneyOut.meta({ description: '向成员分配' }),
          investors: MoneyOut.meta({ description: '外来投资分利' }),
          other: MoneyOut.meta({ description: '其他' }),
        }),
      })
      .meta({
        id: 'IncomeStatementForm',
        description:
          '收益及收益分配表 in the 制度’s format, both halves with 行次: 经营收入 … 本年收益 (rows 1–13), then 年初未分配收益 … 年末未分配收益 (rows 14–21). Present on a single ledger’s statement and on the county/township books.',
      })
      .optional(),
  })
  .meta({ id: 'IncomeStatement' })

type Distributions = { reserve: Fen; members: Fen; investors: Fen; other: Fen }
export function incomeStatementToWire(st: {
  ledgerId: string
  year: string
  income: Line[]
  expenses: Line[]
  totals: { income: Fen; expenses: Fen }
  profit: Fen
  undistributedAtStart: Fen
  distributable: Fen
  otherTransfersIn?: Fen
  distributed?: Fen
  undistributedAtEnd?: Fen
  official?: { lines: (FormRow & { amount: Fen })[]; distributions: Distributions }
}): z.infer<typeof IncomeStatementOut> {
  const { official, otherTransfersIn, distributed, undistributedAtEnd, ...rest } = st
  return {
    ...rest,
    income: lines(st.income),
    expenses: lines(st.expenses),
    totals: { income: money(st.totals.income), expenses: money(st.totals.expenses) },
    profit: money(st.profit),
    undistributedAtStart: money(st.undistributedAtStart),
    distributable: money(st.distributable),
    ...(otherTransfersIn === undefined ? {} : { otherTransfersIn: money(otherTransfersIn) }),
    ...(distributed === undefined ? {} : { distributed: money(distributed) }),
    ...(undistributedAtEnd === undefined ? {} : { undistributedAtEnd: money(undistributedAtEnd) }),
    ...(official
      ? {
          official: {
            lines: official.lines.map((l) => ({ ...l, amount: money(l.amount) })),
            distributions: {
              reserve: money(official.distributions.reserve),
              members: money(official.distributions.members),
              investors: money(official.distributions.investors),
              other: money(official.distributions.other),
            },
          },
        }
      : {}),
  }
}

const LinkSideOut = z.object({
  ledgerId: Id,
  voucherId: Id,
  status: z.enum(['draft', 'posted', 'missing']),
  label: z.string().nullable(),
  reversed: z.boolean(),
})

export const LedgerLinkOut = z
  .object({
    id: Id,
    date: BusinessDate,
    summary: z.string(),
    amount: MoneyOut,
    purpose: z.enum(['investment', 'dividend', 'repayment', 'transfer']),
    from: LinkSideOut,
    to: LinkSideOut,
    matched: z
      .boolean()
      .meta({ description: 'both sides stand the same way (both draft or both posted, reversed alike)' }),
  })
  .meta({ id: 'LedgerLink' })

export function linkToWire<T extends { amount: Fen; purpose: string }>(link: T) {
  return {
    ...link,
    amount: money(link.amount),
    purpose: link.purpose as 'investment' | 'dividend' | 'repayment' | 'transfer',
  }
}

const DisclosureSummaryFields = {
  id: Id,
  ledgerId: Id,
  villageCode: z.string(),
  period: z.string().meta({ example: '2024-Q1' }),
  sha256: z.string().meta({ description: 'sha256 of `content`, byte for byte' }),
  publishedAt: z.string(),
}
export const DisclosureSummaryOut = z
  .object(DisclosureSummaryFields)
  .meta({ id: 'FinancialDisclosureSummary' })
export const DisclosureOut = z
  .object({
    ...DisclosureSummaryFields,
    content: z.string().meta({ description: 'the exact JSON text published; sha256(content) = sha256' }),
    document: z.record(z.string(), z.unknown()).meta({ description: 'content, parsed' }),
  })
  .meta({ id: 'FinancialDisclosure' })

export function disclosureToWire<T extends { content: string }>(d: T) {
  return { ...d, document: JSON.parse(d.content) as Record<string, unknown> }
}
