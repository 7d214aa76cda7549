import { organizationCodeCheckCharacter, usccCheckCharacter } from '@liancun/core'
import type { CreateVoucherInput } from '@liancun/ledger'
import type { Services } from '../services.js'

/**
 * Demo books for two 唐坊镇 villages of the 黑牛盒马 alliance (seed 001): a year (2024) of
 * plausible vouchers — land rent, subsidies, management costs, the 黑牛 cooperative's returns
 * for 李孟德村 (its collective land is in the project as shares) — and one 飞地抱团 investment
 * from 仇家村 into 李孟德村's project. Amounts are illustrative; the structure is what matters.
 */
const PREPARER = 'demo:bookkeeper'
const REVIEWER = 'demo:reviewer'

function usccOf(countyCode: string, body: string): string {
  const first16 = `N2${countyCode}${body}`
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

/** Whole yuan to fen; BigInt() refuses a fraction, so no float reaches the books. */
const fen = (yuan: number) => BigInt(yuan) * 100n
const day = (month: number, d: number) =>
  `2024-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`

function entry(
  date: string,
  summary: string,
  debit: string,
  credit: string,
  yuan: number,
  counterparty?: string,
): CreateVoucherInput {
  return {
    date,
    summary,
    attachments: 1,
    lines: [
      { account: debit, debit: fen(yuan), ...(counterparty ? { counterparty } : {}) },
      { account: credit, credit: fen(yuan), ...(counterparty ? { counterparty } : {}) },
    ],
  }
}

interface DemoBook {
  villageCode: string
  collective: string
  usccBody: string
  opening: { bank: number; fixed: number; depreciation: number }
  monthlyRent: number
  quarterlySubsidy: number
  monthlyAdmin: number
  yearEndReturn: number
}

const BOOKS: DemoBook[] = [
  {
    villageCode: '370322104203',
    collective: '李孟德村股份经济合作社',
    usccBody: 'MA3LMD01',
    opening: { bank: 850_000, fixed: 1_200_000, depreciation: 200_000 },
    monthlyRent: 40_000,
    quarterlySubsidy: 50_000,
    monthlyAdmin: 8_000,
    yearEndReturn: 700_000,
  },
  {
    villageCode: '370322104201',
    collective: '仇家村股份经济合作社',
    usccBody: 'MA3QJC01',
    opening: { bank: 620_000, fixed: 900_000, depreciation: 150_000 },
    monthlyRent: 35_000,
    quarterlySubsidy: 40_000,
    monthlyAdmin: 7_000,
    yearEndReturn: 560_000,
  },
]

export async function loadDemoLedgers(services: Services): Promise<number> {
  const ledgerIds: string[] = []
  for (const book of BOOKS) {
    const ledger = await services.ledger.createLedger({
      villageCode: book.villageCode,
      collective: { name: book.collective, uscc: usccOf(book.villageCode.slice(0, 6), book.usccBody) },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
    ledgerIds.push(ledger.id)
    await services.ledger.addAccount(ledger.id, { parentCode: '102', code: '10201', name: '农商银行基本户' })
    const { bank, fixed, depreciation } = book.opening
    await services.ledger.setOpeningBalances(ledger.id, {
      lines: [
        { account: '10201', debit: fen(bank) },
        { account: '151', debit: fen(fixed) },
        { account: '152', credit: fen(depreciation) },
        { account: '301', credit: fen(bank + fixed - depreciation) },
      ],
    })
    const vouchers: CreateVoucherInput[] = []
    for (let month = 1; month <= 12; month++) {
      vouchers.push(
        entry(day(month, 5), '收到土地及设施租金', '10201', '501', book.monthlyRent, '黑牛养殖专业合作社'),
      )
      vouchers.push(entry(day(month, 20), '支付办公及水电费', '513', '10201', book.monthlyAdmin))
      if (month % 3 === 0)
        vouchers.push(
          entry(day(month, 15), '收到村级组织运转补助', '10201', '503', book.quarterlySubsidy, '镇财政所'),
        )
      if (month % 3 === 0) vouchers.push(entry(day(month, 25), '计提固定资产折旧', '511', '152', fixed / 120))
    }
    vouchers.push(entry(day(7, 10), '村内道路维修（公益）', '514', '10201', 26_000))
    vouchers.push(
      entry(day(12, 18), '收到黑牛项目年度收益', '10201', '502', book.yearEndReturn, '黑牛盒马联村党委'),
    )
    const drafts = await services.ledger.createVouchers(ledger.id, vouchers, PREPARER)
    await services.ledger.postVouchers(
      ledger.id,
      drafts.map((d) => d.id),
      REVIEWER,
    )
  }
  // 飞地抱团: 仇家村 invests in the 黑牛 project run from 李孟德村; one voucher in each ledger.
  const [limengde, qiujia] = ledgerIds as [string, string]
  const link = await services.ledger.createLink(
    {
      date: '2024-04-08',
      summary: '投资黑牛养殖飞地抱团项目',
      amount: fen(100_000),
      purpose: 'investment',
      from: { ledgerId: qiujia, debit: '141', credit: '10201' },
      to: { ledgerId: limengde, debit: '10201', credit: '301' },
    },
    PREPARER,
  )
  await services.ledger.postVoucher(qiujia, link.from.voucherId, REVIEWER)
  for (const ledgerId of ledgerIds) {
    for (let month = 1; month <= 12; month++) {
      await services.ledger.closePeriod(ledgerId, `2024-${String(month).padStart(2, '0')}`, REVIEWER)
      if (month % 3 === 0)
        await services.ledger.createDisclosure(ledgerId, { period: `2024-Q${month / 3}` }, REVIEWER)
    }
    // 年终结账 after December's 结账: the closing vouchers go into the closed December, resealed.
    await services.ledger.closeYear(ledgerId, '2024', REVIEWER)
  }
  return ledgerIds.length
}
