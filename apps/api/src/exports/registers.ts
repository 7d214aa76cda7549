import type { Asset, Collective, Contract, Household, Member, Resource } from '@liancun/collective'
import type { Cell, Column, ExportDocument, Table } from './document.js'
import { fileNames } from './document.js'
import { generatedLabel } from './header.js'
import {
  assetCategoryLabel,
  assetClassLabel,
  changeReasonLabel,
  contractKindLabel,
  depreciationLabel,
  directionLabel,
  disposalLabel,
  holderKindLabel,
  joinReasonLabel,
  leaveReasonLabel,
  ownerKindLabel,
  partyKindLabel,
  resourceKindLabel,
  resourceStatusLabel,
} from './registers-labels.js'

/**
 * The five 三资 registers as files a provincial platform can import (issue 13): 成员名册,
 * 股权登记簿, 资产台账, 资源台账, 合同台账 — one documented column layout each (the collective
 * README's "Export layouts" table). Money leaves as bigint fen and becomes 元 with two places at
 * the writers' one cell boundary; 亩 stay the register's exact decimal text (never a double);
 * share units are whole numbers. Codes print as their Chinese labels, ids as text, so a row can
 * be matched to the API's JSON.
 */

export interface RegistersSubject {
  collective: Collective
  villageName: string | null
}

const text = (heading: string, width = 14): Column => ({ heading, kind: 'text', width })
const money = (heading: string): Column => ({ heading, kind: 'money', width: 16 })
const count = (heading: string): Column => ({ heading, kind: 'count', width: 10 })
/** Share units: a whole number cell while a double holds it exactly, else its digits as text. */
export const unitsCell = (units: bigint): Cell =>
  units <= BigInt(Number.MAX_SAFE_INTEGER) && units >= -BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(units)
    : units.toString()

function document(
  subject: RegistersSubject,
  title: string,
  slug: string,
  scope: [string, string][],
  tables: Table[],
  generatedAt: Date,
): ExportDocument {
  const { collective: c, villageName } = subject
  const date = scope.find(([label]) => label === '截至日期')?.[1] ?? generatedLabel(generatedAt).slice(0, 10)
  return {
    title,
    meta: [
      ['编制单位', c.name],
      ['统一社会信用代码', c.uscc],
      ['所在村', villageName ? `${villageName}（${c.villageCode}）` : c.villageCode],
      ['台账编号', c.id],
      ...scope,
      ['金额单位', '元'],
      ['面积单位', '亩'],
      ['生成时间', generatedLabel(generatedAt)],
    ],
    tables,
    ...fileNames(title, slug, { name: c.name, code: c.villageCode }, date),
  }
}

export const MEMBER_COLUMNS: Column[] = [
  text('成员编号', 38),
  text('户号', 8),
  text('户主姓名'),
  text('成员姓名'),
  text('人员编号', 38),
  text('取得日期', 12),
  text('取得原因', 10),
  text('丧失日期', 12),
  text('丧失原因', 10),
]

/** 成员名册: one row per member, with the household's 户号 and head (those on `asOf`, or all). */
export function membersDocument(
  subject: RegistersSubject,
  input: { members: Member[]; households: Household[]; asOf: string | null },
  generatedAt: Date,
): ExportDocument {
  const household = new Map(input.households.map((h) => [h.id, h]))
  const rows = input.members.map((m) => ({
    cells: [
      m.id,
      household.get(m.householdId)?.number ?? '',
      household.get(m.householdId)?.headName ?? '',
      m.name,
      m.personId ?? '',
      m.joinedOn,
      joinReasonLabel(m.joinReason),
      m.leftOn ?? '',
      leaveReasonLabel(m.leaveReason),
    ] as Cell[],
  }))
  const scope: [string, string][] = input.asOf
    ? [['截至日期', input.asOf]]
    : [['范围', '全部成员（含已丧失身份）']]
  return document(subject, '成员名册', 'members', scope, [{ columns: MEMBER_COLUMNS, rows }], generatedAt)
}

export const HOLDING_COLUMNS: Column[] = [
  text('持股编号', 38),
  text('股种', 10),
  text('持有人类型', 10),
  text('持有人编号', 38),
  text('持有人'),
  text('户号', 8),
  count('股数'),
  text('起始日期', 12),
  text('变更原因', 10),
]
export const HOUSEHOLD_UNIT_COLUMNS: Column[] = [text('户号', 8), text('户主姓名'), count('股数')]
export const KIND_UNIT_COLUMNS: Column[] = [text('股种', 10), text('持有人类型', 10), count('股数')]

export interface ShareRegister {
  asOf: string
  kinds: { id: string; name: string; holder: string; units: bigint }[]
  totalUnits: bigint
  collectiveUnits: bigint
  households: { householdId: string; number: string; headName: string; units: bigint }[]
  holdings: {
    id: string
    kindId: string
    holderKind: string
    holderId: string
    units: bigint
    validFrom: string
    reason: string
  }[]
}

/** 股权登记簿 as of a day: every holding valid on it, then units per household and per kind. */
export function shareRegisterDocument(
  subject: RegistersSubject,
  register: ShareRegister,
  people: { members: Member[]; households: Household[] },
  generatedAt: Date,
): ExportDocument {
  const kind = new Map(register.kinds.map((k) => [k.id, k.name]))
  const member = new Map(people.members.map((m) => [m.id, m]))
  const household = new Map(people.households.map((h) => [h.id, h]))
  const holderOf = (kindOf: string, id: string) => {
    if (kindOf === 'collective') return { name: subject.collective.name, number: '' }
    if (kindOf === 'household')
      return { name: household.get(id)?.headName ?? '', number: household.get(id)?.number ?? '' }
    const m = member.get(id)
    return { name: m?.name ?? '', number: (m && household.get(m.householdId)?.number) ?? '' }
  }
  const holdings: Table = {
    caption: '持股明细',
    columns: HOLDING_COLUMNS,
    rows: register.holdings.map((h) => {
      const holder = holderOf(h.holderKind, h.holderId)
      return {
        cells: [
          h.id,
          kind.get(h.kindId) ?? '',
          holderKindLabel(h.holderKind),
          h.holderId,
          holder.name,
          holder.number,
          unitsCell(h.units),
          h.validFrom,
          changeReasonLabel(h.reason),
        ],
      }
    }),
  }
  const perHousehold: Table = {
    caption: '按户汇总',
    columns: HOUSEHOLD_UNIT_COLUMNS,
    rows: [
      ...register.households.map((h) => ({ cells: [h.number, h.headName, unitsCell(h.units)] as Cell[] })),
      {
        cells: ['集体股', subject.collective.name, unitsCell(register.collectiveUnits)],
        style: 'section' as const,
      },
      { cells: ['合计', '', unitsCell(register.totalUnits)], style: 'total' as const },
    ],
  }
  const perKind: Table = {
    caption: '按股种汇总',
    columns: KIND_UNIT_COLUMNS,
    rows: register.kinds.map((k) => ({ cells: [k.name, holderKindLabel(k.holder), unitsCell(k.units)] })),
  }
  return document(
    subject,
    '股权登记簿',
    'share-register',
    [['截至日期', register.asOf]],
    [holdings, perHousehold, perKind],
    generatedAt,
  )
}

export const ASSET_COLUMNS: Column[] = [
  text('资产编号', 38),
  text('资产名称', 20),
  text('资产类别', 10),
  text('资产分类', 10),
  text('取得日期', 12),
  money('原值'),
  money('累计折旧'),
  money('净值'),
  text('折旧方法', 16),
  count('使用年限（月）'),
  money('残值'),
  text('坐落', 16),
  text('管理人', 10),
  text('所有者及份额', 30),
  text('资金来源编号', 38),
  text('项目编号', 38),
  text('处置日期', 12),
  text('处置方式', 10),
  money('处置收入'),
]

/** 资产台账: every card with its figures at the end of `asOf`, owners as 名称:份额; disposals. */
export function assetsDocument(
  subject: RegistersSubject,
  input: { assets: Asset[]; asOf: string },
  generatedAt: Date,
): ExportDocument {
  const rows = input.assets.map((a) => ({
    cells: [
      a.id,
      a.name,
      assetCategoryLabel(a.category),
      assetClassLabel(a.assetClass),
      a.acquiredOn,
      a.cost,
      a.accumulatedDepreciation,
      a.netBookValue,
      depreciationLabel(a.depreciation.method),
      a.depreciation.usefulLifeMonths,
      a.depreciation.residualValue,
      a.location,
      a.manager,
      a.owners.map((o) => `${ownerKindLabel(o.holderKind)} ${o.holderName}:${o.units}`).join('；'),
      a.fundSourceIds.join(' '),
      a.projectIds.join(' '),
      a.disposal?.disposedOn ?? '',
      disposalLabel(a.disposal?.kind),
      a.disposal ? a.disposal.proceeds : null,
    ] as Cell[],
  }))
  const total = (of: (a: Asset) => bigint) => input.assets.reduce((s, a) => s + of(a), 0n)
  rows.push({
    cells: [
      '合计',
      '',
      '',
      '',
      '',
      total((a) => a.cost),
      total((a) => a.accumulatedDepreciation),
      total((a) => a.netBookValue),
    ],
    style: 'total',
  } as (typeof rows)[number])
  return document(
    subject,
    '资产台账',
    'assets',
    [['截至日期', input.asOf]],
    [{ columns: ASSET_COLUMNS, rows }],
    generatedAt,
  )
}

export const RESOURCE_COLUMNS: Column[] = [
  text('资源编号', 38),
  text('资源名称', 20),
  text('资源类型', 12),
  text('面积（亩）', 12),
  text('坐落', 16),
  text('状态', 8),
  text('备注', 24),
]

/** 资源台账: area as the exact decimal text of the register (numeric(14,4), never a double). */
export function resourcesDocument(
  subject: RegistersSubject,
  input: { resources: Resource[]; status: string | null },
  generatedAt: Date,
): ExportDocument {
  const rows = input.resources.map((r) => ({
    cells: [
      r.id,
      r.name,
      resourceKindLabel(r.kind),
      r.areaMu,
      r.location,
      resourceStatusLabel(r.status),
      r.note,
    ],
  }))
  const scope: [string, string][] = [['范围', input.status ? resourceStatusLabel(input.status) : '全部资源']]
  return document(subject, '资源台账', 'resources', scope, [{ columns: RESOURCE_COLUMNS, rows }], generatedAt)
}

export const CONTRACT_COLUMNS: Column[] = [
  text('合同编号', 16),
  text('合同类型', 8),
  text('方向', 14),
  text('对方类型', 10),
  text('对方名称', 20),
  text('签订日期', 12),
  text('起始日期', 12),
  text('终止日期', 12),
  money('合同金额'),
  text('标的', 40),
  money('已收金额'),
  money('逾期未收'),
  text('重大事项编号', 38),
  text('合同ID', 38),
]
export const INSTALMENT_COLUMNS: Column[] = [
  text('合同编号', 16),
  count('期次'),
  text('应收日期', 12),
  money('应收金额'),
  text('所属期间起', 12),
  text('所属期间止', 12),
  text('收款日期', 12),
  text('是否逾期', 8),
]

/** 合同台账: one row per contract (received and overdue as of today), then every instalment. */
export function contractsDocument(
  subject: RegistersSubject,
  input: { contracts: Contract[]; names: ReadonlyMap<string, string>; today: string },
  generatedAt: Date,
): ExportDocument {
  const sum = (c: Contract, keep: (p: Contract['schedule'][number]) => boolean) =>
    c.schedule.filter(keep).reduce((s, p) => s + p.amount, 0n)
  const contracts: Table = {
    caption: '合同',
    columns: CONTRACT_COLUMNS,
    rows: input.contracts.map((c) => ({
      cells: [
        c.number,
        contractKindLabel(c.kind),
        directionLabel(c.direction),
        partyKindLabel(c.party.kind),
        c.party.name,
        c.signedOn,
        c.startsOn,
        c.endsOn,
        c.amount,
        c.items
          .map((i) => `${input.names.get(`${i.kind}:${i.id}`) ?? i.id}${i.areaMu ? ` ${i.areaMu}亩` : ''}`)
          .join('、'),
        sum(c, (p) => p.receivedOn !== null),
        sum(c, (p) => p.overdue),
        c.matterId ?? '',
        c.id,
      ],
    })),
  }
  const instalments: Table = {
    caption: '收款计划',
    columns: INSTALMENT_COLUMNS,
    rows: input.contracts.flatMap((c) =>
      c.schedule.map((p) => ({
        cells: [
          c.number,
          p.seq,
          p.dueOn,
          p.amount,
          p.coversFrom,
          p.coversTo,
          p.receivedOn ?? '',
          p.overdue ? '是' : '否',
        ],
      })),
    ),
  }
  return document(
    subject,
    '合同台账',
    'contracts',
    [['截至日期', input.today]],
    [contracts, instalments],
    generatedAt,
  )
}
