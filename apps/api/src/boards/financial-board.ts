import { z } from 'zod'
import { instantLabel, meta, type Place, placeLabel, sha256Hex, verificationFooter } from './common.js'
import { html, type SafeHtml } from './html.js'
import { periodLabel } from './labels.js'
import { boardDocument, type Paper } from './layout.js'
import { qrSvg } from './qr.js'
import { type Column, table } from './tables.js'

/**
 * 晒财务 as a printed 公开栏: the frozen content of a ledger's financial disclosure
 * (packages/ledger/src/parts/disclosures.ts) as tables, amounts exactly as the record states them.
 * The content is read leniently — a section a disclosure lacks prints as empty — so an older
 * disclosure still prints; it is never re-computed from the books.
 */
const Amount = z.string().catch('')
const Item = z.object({
  date: z.string().catch(''),
  voucher: z.string().catch(''),
  account: z.string().catch(''),
  accountName: z.string().catch(''),
  summary: z.string().catch(''),
  amount: Amount,
})
const Line = z.object({ code: z.string().catch(''), name: z.string().catch(''), amount: Amount })
const Items = z.object({ items: z.array(Item).catch([]), total: Amount }).catch({ items: [], total: '' })
const Lines = z.object({ items: z.array(Line).catch([]), total: Amount }).catch({ items: [], total: '' })

const Text = z.string().catch('')
const Note = z.string().nullable().catch(null)
const RegistersContent = z
  .object({
    asOf: Text,
    assets: z
      .object({
        items: z
          .array(
            z.object({
              name: Text,
              assetClass: Text,
              category: Text,
              acquiredOn: Text,
              cost: Amount,
              accumulatedDepreciation: Amount,
              netBookValue: Amount,
              owners: z.array(z.object({ name: Text, units: Text, of: Text })).catch([]),
            }),
          )
          .catch([]),
        totals: z
          .object({ cost: Amount, accumulatedDepreciation: Amount, netBookValue: Amount })
          .catch({ cost: '', accumulatedDepreciation: '', netBookValue: '' }),
        note: Note,
      })
      .catch({ items: [], totals: { cost: '', accumulatedDepreciation: '', netBookValue: '' }, note: null }),
    resources: z
      .object({
        items: z
          .array(z.object({ name: Text, kind: Text, areaMu: Text, location: Text, status: Text }))
          .catch([]),
        totalAreaMu: Text,
        note: Note,
      })
      .catch({ items: [], totalAreaMu: '', note: null }),
    contracts: z
      .object({
        items: z
          .array(
            z.object({
              number: Text,
              kind: Text,
              party: Text,
              object: Text,
              term: z.object({ from: Text, to: Text }).catch({ from: '', to: '' }),
              amount: Amount,
              received: Amount,
              due: Amount,
              overdue: Amount,
            }),
          )
          .catch([]),
        note: Note,
      })
      .catch({ items: [], note: null }),
  })
  .nullable()
  .catch(null)
type Registers = NonNullable<z.infer<typeof RegistersContent>>

export const FinancialContent = z.object({
  collective: z
    .object({ name: z.string().catch(''), uscc: z.string().catch('') })
    .catch({ name: '', uscc: '' }),
  months: z.object({ from: z.string(), to: z.string() }).nullable().catch(null),
  income: Items,
  expenditure: Items,
  assets: Lines,
  liabilities: Lines,
  equity: Lines,
  receivables: z.array(Line).catch([]),
  payables: z.array(Line).catch([]),
  distribution: Items,
  // 三资公开 (issue 13): absent from older disclosures, which print without these sections.
  registers: RegistersContent,
})

export interface FinancialDisclosure {
  id: string
  villageCode: string
  period: string
  sha256: string
  publishedAt: string
  content: string
}

const itemColumns: Column<z.infer<typeof Item>>[] = [
  { title: '日期', cell: (i) => i.date },
  { title: '凭证号', cell: (i) => i.voucher },
  { title: '科目', cell: (i) => `${i.account} ${i.accountName}`.trim() },
  { title: '摘要', cell: (i) => i.summary },
  { title: '金额（元）', cell: (i) => i.amount, amount: true },
]
const lineColumns: Column<z.infer<typeof Line>>[] = [
  { title: '科目编码', cell: (l) => l.code },
  { title: '科目名称', cell: (l) => l.name },
  { title: '期末余额（元）', cell: (l) => l.amount, amount: true },
]

export async function financialBoard(input: {
  disclosure: FinancialDisclosure
  place: Place
  recordUrl: string
  paper: Paper
}): Promise<string> {
  const { disclosure: d, place } = input
  let parsed: unknown = {}
  try {
    parsed = JSON.parse(d.content)
  } catch {}
  // Content that is not the expected object prints as empty sections, never as an error.
  const c = FinancialContent.safeParse(parsed).data ?? FinancialContent.parse({})
  const months = c.months
    ? `${periodLabel(c.months.from)} 至 ${periodLabel(c.months.to)}`
    : periodLabel(d.period)
  const village = place.villageName ?? place.villageCode
  const total = (amount: string) => ({ label: '合计', amount })
  return boardDocument({
    paper: input.paper,
    title: `${village} 晒财务 ${d.period}`,
    header: html`<h1>${village}财务公开栏</h1>${meta([
      ['村', placeLabel(place)],
      ['集体经济组织', `${c.collective.name}${c.collective.uscc ? `（${c.collective.uscc}）` : ''}`],
      ['公开期间', html`<span data-period="${d.period}">${periodLabel(d.period)}</span>（${months}）`],
      ['发布时间', instantLabel(d.publishedAt)],
      ['金额单位', '元'],
    ])}`,
    qr: html`${await qrSvg(input.recordUrl)}<div>扫码核对</div>`,
    body: html`${table('一、收入明细', itemColumns, c.income.items, total(c.income.total))}
${table('二、支出明细', itemColumns, c.expenditure.items, total(c.expenditure.total))}
${table('三、收益分配', itemColumns, c.distribution.items, total(c.distribution.total))}
${table('四、资产（期末）', lineColumns, c.assets.items, total(c.assets.total))}
${table('五、负债（期末）', lineColumns, c.liabilities.items, total(c.liabilities.total))}
${table('六、所有者权益（期末）', lineColumns, c.equity.items, total(c.equity.total))}
${table('七、应收款项', lineColumns, c.receivables)}
${table('八、应付款项', lineColumns, c.payables)}
${c.registers ? registersTables(c.registers) : null}`,
    footer: verificationFooter({
      sha256: d.sha256,
      recordUrl: input.recordUrl,
      id: d.id,
      hashNote: '记录中 content 文本的哈希',
      intact: sha256Hex(d.content) === d.sha256,
    }),
  })
}

type AssetItem = Registers['assets']['items'][number]
type ResourceItem = Registers['resources']['items'][number]
type ContractItem = Registers['contracts']['items'][number]
const assetColumns: Column<AssetItem>[] = [
  { title: '资产名称', cell: (a) => a.name },
  { title: '类别', cell: (a) => `${a.category} ${a.assetClass}`.trim() },
  { title: '取得日期', cell: (a) => a.acquiredOn },
  { title: '原值（元）', cell: (a) => a.cost, amount: true },
  { title: '累计折旧（元）', cell: (a) => a.accumulatedDepreciation, amount: true },
  { title: '净值（元）', cell: (a) => a.netBookValue, amount: true },
  { title: '所有者及份额', cell: (a) => a.owners.map((o) => `${o.name} ${o.units}/${o.of}`).join('；') },
]
const resourceColumns: Column<ResourceItem>[] = [
  { title: '资源名称', cell: (r) => r.name },
  { title: '类型', cell: (r) => r.kind },
  { title: '面积（亩）', cell: (r) => r.areaMu, amount: true },
  { title: '坐落', cell: (r) => r.location },
  { title: '状态', cell: (r) => r.status },
]
const contractColumns: Column<ContractItem>[] = [
  { title: '合同编号', cell: (k) => k.number },
  { title: '类型', cell: (k) => k.kind },
  { title: '对方', cell: (k) => k.party },
  { title: '标的', cell: (k) => k.object },
  { title: '期限', cell: (k) => `${k.term.from} 至 ${k.term.to}` },
  { title: '合同金额（元）', cell: (k) => k.amount, amount: true },
  { title: '已收（元）', cell: (k) => k.received, amount: true },
  { title: '应收（元）', cell: (k) => k.due, amount: true },
  { title: '逾期未收（元）', cell: (k) => k.overdue, amount: true },
]

/** 三资公开: the registers' part as of the period end; a note (no registers) prints under each heading. */
function registersTables(r: Registers): SafeHtml {
  const note = (text: string | null) => (text ? html`<p class="note">${text}</p>` : null)
  return html`${table(`九、资产（${r.asOf}）`, assetColumns, r.assets.items, { label: '合计（净值）', amount: r.assets.totals.netBookValue })}${note(r.assets.note)}
${table('十、资源', resourceColumns, r.resources.items)}${note(r.resources.note)}${r.resources.items.length ? html`<p class="note">面积合计：${r.resources.totalAreaMu} 亩</p>` : null}
${table(`十一、合同（收款截至 ${r.asOf}）`, contractColumns, r.contracts.items)}${note(r.contracts.note)}`
}
