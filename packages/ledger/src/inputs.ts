import { BusinessDate, Id, MoneyString, PositiveMoneyString, Uscc, VillageCode } from '@liancun/core'
import { z } from 'zod'
import { APPROVAL_STEPS } from './rules/approvals.js'

/** zod inputs of the ledger service (strict: unknown fields are refused). Amounts parse to fen. */

/** Years 1900–2099, the range of business dates (`MIN_BUSINESS_DATE` in @liancun/core). */
const PERIOD = /^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$/
export const Period = z
  .string()
  .regex(PERIOD, 'must be a month written YYYY-MM')
  .meta({ description: '会计期间 (month), YYYY-MM', example: '2024-03' })

const AccountCode = z
  .string()
  .regex(/^[0-9]{3}([0-9]{2})*$/, 'an account code is a 3-digit first-level code plus two digits per level')
  .meta({ description: '科目编码', example: '102' })

export const CreateLedgerInput = z
  .strictObject({
    villageCode: VillageCode,
    collective: z.strictObject({
      name: z.string().trim().min(1).max(200).meta({ example: '李孟德村股份经济合作社' }),
      uscc: Uscc.meta({ description: '统一社会信用代码 of the collective (N2… for a village collective)' }),
    }),
    firstPeriod: Period.meta({ description: 'the first month the ledger books' }),
    chart: z
      .literal('rcea-2023')
      .meta({ description: '《农村集体经济组织会计制度》(2023) chart of 42 accounts' }),
  })
  .meta({
    example: {
      villageCode: '370322104203',
      collective: { name: '李孟德村股份经济合作社', uscc: 'N2370322MA3C4D5E7M' },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    },
  })
export type CreateLedgerInput = z.infer<typeof CreateLedgerInput>

export const AddAccountInput = z
  .strictObject({
    parentCode: AccountCode,
    code: AccountCode.meta({ description: 'parent code + two digits', example: '10201' }),
    name: z.string().trim().min(1).max(100).meta({ example: '农商银行基本户' }),
  })
  .superRefine((value, ctx) => {
    if (!(value.code.length === value.parentCode.length + 2 && value.code.startsWith(value.parentCode))) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: 'must be the parent code followed by two digits',
      })
    }
  })
  .meta({ example: { parentCode: '102', code: '10201', name: '农商银行基本户' } })
export type AddAccountInput = z.infer<typeof AddAccountInput>

const side = {
  debit: PositiveMoneyString.optional().meta({ description: '借方金额 (元)', example: '1000.00' }),
  credit: PositiveMoneyString.optional().meta({ description: '贷方金额 (元)', example: '1000.00' }),
}

function exactlyOneSide(
  value: { debit?: bigint | undefined; credit?: bigint | undefined },
  ctx: z.RefinementCtx,
) {
  if ((value.debit === undefined) === (value.credit === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['debit'], message: 'give exactly one of debit or credit' })
  }
}

export const OpeningBalancesInput = z
  .strictObject({
    lines: z
      .array(z.strictObject({ account: AccountCode, ...side }).superRefine(exactlyOneSide))
      .min(1)
      .max(1000),
  })
  .meta({
    example: {
      lines: [
        { account: '102', debit: '250000.00' },
        { account: '301', credit: '250000.00' },
      ],
    },
  })
export type OpeningBalancesInput = z.infer<typeof OpeningBalancesInput>

export const VoucherLineInput = z
  .strictObject({
    account: AccountCode,
    summary: z.string().max(200).optional().meta({ description: '摘要 of the line' }),
    ...side,
    counterparty: z.string().max(200).optional().meta({ description: '往来单位/个人' }),
    reference: z.string().max(200).optional().meta({ description: '票据号 / 合同号' }),
  })
  .superRefine(exactlyOneSide)

export const CreateVoucherInput = z
  .strictObject({
    date: BusinessDate,
    summary: z.string().trim().min(1).max(200).meta({ description: '摘要', example: '收到土地租金' }),
    attachments: z.number().int().min(0).max(999).default(0).meta({ description: '附件张数' }),
    lines: z.array(VoucherLineInput).min(2, 'a voucher has at least two lines').max(200),
    matterId: Id.optional().meta({
      description:
        'the resolved 四议两公开 matter (village or alliance matter) authorising a payment, loan, asset ' +
        'disposal or borrowing at or above the major-matter amount; required for those',
      example: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
    }),
  })
  .meta({
    example: {
      date: '2024-03-15',
      summary: '收到土地租金',
      attachments: 1,
      lines: [
        { account: '102', debit: '12000.00' },
        { account: '501', credit: '12000.00', counterparty: '黑牛养殖合作社' },
      ],
    },
  })
export type CreateVoucherInput = z.infer<typeof CreateVoucherInput>

export const ReverseVoucherInput = z
  .strictObject({
    date: BusinessDate.optional().meta({ description: 'date of the reversal; default today' }),
  })
  .meta({ example: {} })
export type ReverseVoucherInput = z.infer<typeof ReverseVoucherInput>

export const RecordApprovalInput = z
  .strictObject({
    step: z.enum(APPROVAL_STEPS).meta({
      description:
        '村账乡代管 step to take: prepared (报账员: clerk or bookkeeper), reviewed (民主理财小组: reviewer), ' +
        'signed (村委会主任: organizer), audited (乡镇经管站: auditor), in that order',
      example: 'prepared',
    }),
  })
  .meta({ example: { step: 'prepared' } })
export type RecordApprovalInput = z.infer<typeof RecordApprovalInput>

export const ReopenPeriodInput = z
  .strictObject({
    reason: z.string().trim().min(4).max(500).meta({ example: '审计调整：补记三月份利息收入' }),
  })
  .meta({ example: { reason: '审计调整：补记三月份利息收入' } })
export type ReopenPeriodInput = z.infer<typeof ReopenPeriodInput>

export const CreateVoucherBatchInput = z
  .strictObject({ vouchers: z.array(CreateVoucherInput).min(1).max(1000) })
  .meta({
    description: 'up to 1,000 drafts, created all or none',
    example: { vouchers: [CreateVoucherInput.meta()?.example] },
  })
export type CreateVoucherBatchInput = z.infer<typeof CreateVoucherBatchInput>

export const PostVoucherBatchInput = z
  .strictObject({ voucherIds: z.array(z.string().uuid()).min(1).max(1000) })
  .meta({
    description: 'drafts to post in this order, all or none',
    example: { voucherIds: ['019a4c1e-7b2a-7c3d-8e4f-0123456789ab'] },
  })
export type PostVoucherBatchInput = z.infer<typeof PostVoucherBatchInput>

export const CreateAssertionInput = z
  .strictObject({
    account: AccountCode,
    date: BusinessDate,
    balance: MoneyString.meta({
      description: 'the balance on the account’s normal side at the end of the day (元)',
      example: '262000.00',
    }),
    source: z
      .string()
      .max(200)
      .optional()
      .meta({ description: 'bank statement, cash count…', example: '农商银行对账单 2024-03' }),
  })
  .meta({ example: { account: '102', date: '2024-03-31', balance: '262000.00', source: '银行对账单' } })
export type CreateAssertionInput = z.infer<typeof CreateAssertionInput>

const LinkSide = z.strictObject({
  ledgerId: z.string().uuid(),
  debit: AccountCode.meta({ description: 'account debited in this ledger' }),
  credit: AccountCode.meta({ description: 'account credited in this ledger' }),
})

export const CreateLedgerLinkInput = z
  .strictObject({
    date: BusinessDate,
    summary: z.string().trim().min(1).max(200).meta({ example: '投资飞地抱团项目' }),
    amount: PositiveMoneyString,
    purpose: z
      .enum(['investment', 'dividend', 'repayment', 'transfer'])
      .meta({ description: '投资 / 分红 / 还款 / 划转' }),
    from: LinkSide,
    to: LinkSide,
  })
  .superRefine((value, ctx) => {
    if (value.from.ledgerId === value.to.ledgerId) {
      ctx.addIssue({
        code: 'custom',
        path: ['to', 'ledgerId'],
        message: 'a link joins two different ledgers',
      })
    }
  })
  .meta({
    example: {
      date: '2024-04-01',
      summary: '投资飞地抱团项目',
      amount: '100000.00',
      purpose: 'investment',
      from: { ledgerId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab', debit: '141', credit: '102' },
      to: { ledgerId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ac', debit: '102', credit: '301' },
    },
  })
export type CreateLedgerLinkInput = z.infer<typeof CreateLedgerLinkInput>

export const CreateDisclosureInput = z
  .strictObject({
    period: z
      .string()
      .regex(/^[0-9]{4}-((0[1-9]|1[0-2])|Q[1-4])$/, 'must be a month (2024-03) or a quarter (2024-Q1)')
      .meta({ description: '公开期间: a month or a quarter', example: '2024-Q1' }),
    review: z
      .strictObject({
        body: z
          .enum(['民主理财小组', '村务监督委员会'])
          .meta({ description: 'who reviewed the content before publication' }),
        reviewers: z
          .array(z.string().trim().min(1).max(50))
          .min(1)
          .max(15)
          .meta({ example: ['王立新', '李秀梅'] }),
        date: BusinessDate.meta({ example: '2024-04-08' }),
        opinion: z.string().trim().min(1).max(500).optional().meta({ example: '经审核，公开内容真实完整' }),
      })
      .optional()
      .meta({
        description:
          '审核: the 民主理财小组 (or 村务监督委员会) reviews the content for truth and completeness before it is published (农村集体经济组织财务公开规定, 2011)',
      }),
    display: z
      .strictObject({
        from: BusinessDate.meta({ description: '公布日 (first day on the 公开栏)', example: '2024-04-15' }),
        days: z.number().int().min(1).max(366).meta({ description: 'days on display', example: 30 }),
      })
      .optional()
      .meta({
        description: 'how long the board is displayed; default from the day of publication for 30 days [U]',
      }),
  })
  .meta({ example: { period: '2024-Q1' } })
export type CreateDisclosureInput = z.infer<typeof CreateDisclosureInput>

/** Where an imported voucher comes from: the legacy system's reference and its 记账 / 审核 names. */
export const VoucherSourceInput = z.strictObject({
  ref: z.string().trim().min(1).max(100).meta({
    description: 'the voucher’s reference in the source system (unique per ledger)',
    example: '2023-07-记-15',
  }),
  preparer: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .meta({ description: '制单 / 记账 in the source', example: '王会计' }),
  reviewer: z.string().trim().min(1).max(50).meta({ description: '审核 in the source', example: '李站长' }),
})

export const ImportedVoucherInput = z
  .strictObject({
    date: BusinessDate,
    summary: z.string().trim().min(1).max(200).meta({ description: '摘要', example: '收到土地租金' }),
    attachments: z.number().int().min(0).max(999).default(0).meta({ description: '附件张数' }),
    lines: z.array(VoucherLineInput).min(2, 'a voucher has at least two lines').max(200),
    source: VoucherSourceInput,
  })
  .meta({
    example: {
      date: '2023-07-15',
      summary: '收到土地租金',
      attachments: 1,
      lines: [
        { account: '102', debit: '12000.00' },
        { account: '501', credit: '12000.00' },
      ],
      source: { ref: '2023-07-记-15', preparer: '王会计', reviewer: '李站长' },
    },
  })
export type ImportedVoucherInput = z.infer<typeof ImportedVoucherInput>

/** At most this many vouchers, and lines over all of them, per import call. */
export const IMPORT_MAX_VOUCHERS = 2000
export const IMPORT_MAX_LINES = 20_000

export const ImportVouchersInput = z
  .strictObject({ vouchers: z.array(ImportedVoucherInput).min(1).max(IMPORT_MAX_VOUCHERS) })
  .superRefine((value, ctx) => {
    const lines = value.vouchers.reduce((sum, v) => sum + v.lines.length, 0)
    if (lines > IMPORT_MAX_LINES) {
      ctx.addIssue({
        code: 'custom',
        path: ['vouchers'],
        message: `an import carries at most ${IMPORT_MAX_LINES} lines (this one has ${lines}); split it`,
      })
    }
  })
  .meta({
    description: `history from another system: up to ${IMPORT_MAX_VOUCHERS} vouchers already reviewed there, posted all or none`,
    example: { vouchers: [ImportedVoucherInput.meta()?.example] },
  })
export type ImportVouchersInput = z.infer<typeof ImportVouchersInput>
