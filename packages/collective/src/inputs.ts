import { BusinessDate, Id, NonNegativeMoneyString, PositiveMoneyString } from '@liancun/core'
import { z } from 'zod'
import { MuString } from './rules/area.js'
import { CONTRACT_KINDS, PARTY_KINDS } from './rules/contracts.js'
import { DEPRECIATION_METHODS } from './rules/depreciation.js'
import { CHANGE_REASONS, HOLDER_KINDS } from './rules/shares.js'

const Name = (description: string, example: string) =>
  z.string().trim().min(1).max(200).meta({ description, example })
const Note = z.string().trim().max(500)

export const JOIN_REASONS = ['founding', 'birth', 'marriage', 'adoption', 'hukou_move', 'other'] as const
export const LEAVE_REASONS = ['death', 'marriage', 'hukou_move', 'renounced', 'other'] as const

export const CreateHouseholdInput = z
  .strictObject({
    number: z.string().trim().min(1).max(40).meta({ description: '户号 in the register', example: '001' }),
    headName: Name('户主姓名', '朱明礼'),
    headPersonId: Id.optional().meta({ description: 'the organisation package’s person id of the head' }),
  })
  .meta({ example: { number: '001', headName: '朱明礼' } })
export type CreateHouseholdInput = z.infer<typeof CreateHouseholdInput>

export const CreateMemberInput = z
  .strictObject({
    householdId: Id,
    name: Name('成员姓名', '朱明礼'),
    personId: Id.optional().meta({ description: 'the organisation package’s person id, where recorded' }),
    joinedOn: BusinessDate.meta({ description: '取得成员身份之日' }),
    joinReason: z.enum(JOIN_REASONS).meta({
      description:
        '取得: founding 初始确认, birth 出生, marriage 婚入, adoption 收养, hukou_move 户口迁入, other',
    }),
  })
  .meta({
    example: {
      householdId: '0190a5f0-0000-8000-8000-000000000001',
      name: '朱明礼',
      joinedOn: '2020-06-30',
      joinReason: 'founding',
    },
  })
export type CreateMemberInput = z.infer<typeof CreateMemberInput>

export const EndMembershipInput = z
  .strictObject({
    leftOn: BusinessDate.meta({ description: '丧失成员身份之日 (no longer a member from this day)' }),
    reason: z.enum(LEAVE_REASONS).meta({
      description: '丧失: death 死亡, marriage 婚出, hukou_move 户口迁出, renounced 书面自愿放弃, other',
    }),
  })
  .meta({ example: { leftOn: '2024-03-01', reason: 'death' } })
export type EndMembershipInput = z.infer<typeof EndMembershipInput>

export const CreateShareKindInput = z
  .strictObject({
    name: Name('股种', '人口股'),
    holder: z
      .enum(HOLDER_KINDS)
      .meta({ description: 'who holds it: member, household (户) or the collective (集体股)' }),
  })
  .meta({ example: { name: '人口股', holder: 'member' } })
export type CreateShareKindInput = z.infer<typeof CreateShareKindInput>

const Units = z.coerce
  .bigint()
  .refine((u) => u > 0n && u <= 10n ** 12n, 'must be a whole number of units from 1 to 10¹²')
  .meta({ type: 'string', description: '股数 (whole units)', example: '10' })

const HolderRef = z.strictObject({
  holderKind: z.enum(HOLDER_KINDS),
  holderId: Id.meta({ description: 'member, household or (for 集体股) the collective id' }),
})

export const CreateHoldingInput = HolderRef.extend({
  kindId: Id,
  units: Units,
  validFrom: BusinessDate.meta({ description: '折股量化基准日 or the day the holding began' }),
  note: Note.optional(),
}).meta({
  example: {
    kindId: '0190a5f0-0000-8000-8000-000000000002',
    holderKind: 'member',
    holderId: '0190a5f0-0000-8000-8000-000000000003',
    units: '10',
    validFrom: '2020-06-30',
  },
})
export type CreateHoldingInput = z.infer<typeof CreateHoldingInput>

export const TransferHoldingInput = z
  .strictObject({
    to: HolderRef,
    units: Units,
    on: BusinessDate.meta({ description: 'the day the change takes effect' }),
    reason: z
      .enum(CHANGE_REASONS)
      .meta({ description: 'inheritance 继承, transfer 内部转让, adjustment 调整' }),
    note: Note.optional(),
  })
  .meta({
    example: {
      to: { holderKind: 'member', holderId: '0190a5f0-0000-8000-8000-000000000004' },
      units: '10',
      on: '2024-04-01',
      reason: 'inheritance',
    },
  })
export type TransferHoldingInput = z.infer<typeof TransferHoldingInput>

export const PayoutInput = z
  .strictObject({
    amount: PositiveMoneyString.meta({
      description: 'the members’ part of the distribution (元)',
      example: '48000.00',
    }),
    recordDate: BusinessDate.meta({ description: '股权登记日: holdings on this day are paid' }),
    payDate: BusinessDate.meta({ description: 'the day the vouchers are dated (应付 and 支付)' }),
    summary: z.string().trim().min(1).max(120).meta({ example: '2024年度股份分红' }),
    distributionRunId: Id.optional().meta({
      description: 'the funds distribution run this pays out, if any',
    }),
    bankAccount: z
      .string()
      .regex(/^102([0-9]{2})*$/)
      .optional()
      .meta({ description: 'a leaf under 102 to pay from' }),
  })
  .meta({
    example: {
      amount: '48000.00',
      recordDate: '2024-12-20',
      payDate: '2024-12-31',
      summary: '2024年度股份分红',
    },
  })
export type PayoutInput = z.infer<typeof PayoutInput>

export const ASSET_CATEGORIES = ['fixed', 'investment'] as const
export const ASSET_CLASSES = ['operating', 'public_welfare', 'household'] as const
export const OWNER_KINDS = ['collective', 'village', 'household', 'enterprise'] as const

export const CreateAssetInput = z
  .strictObject({
    name: Name('资产名称', '瓦泉村冷库'),
    category: z
      .enum(ASSET_CATEGORIES)
      .meta({ description: 'fixed 固定资产 (151) or investment 长期投资 (141)' }),
    assetClass: z
      .enum(ASSET_CLASSES)
      .meta({ description: '经营性 operating, 公益性 public_welfare, 到户类 household' }),
    cost: PositiveMoneyString.meta({ description: '原值 (元)' }),
    acquiredOn: BusinessDate,
    location: z.string().trim().max(200).default(''),
    manager: z.string().trim().max(100).default('').meta({ description: '管护责任人' }),
    managerPersonId: Id.optional(),
    fundSourceIds: z.array(Id).max(50).default([]).meta({ description: 'funding lineage: 资金来源 ids' }),
    projectIds: z.array(Id).max(50).default([]).meta({ description: 'funding lineage: 项目 ids' }),
    owners: z
      .array(
        z.strictObject({
          holderKind: z.enum(OWNER_KINDS),
          holderId: z.string().trim().min(1).max(64),
          holderName: Name('所有人', '瓦泉村股份经济合作社'),
          units: Units,
        }),
      )
      .max(200)
      .default([])
      .meta({ description: '确权 shares; empty: wholly the collective’s' }),
    depreciation: z
      .strictObject({
        method: z.enum(DEPRECIATION_METHODS).default('straight_line'),
        usefulLifeMonths: z.number().int().min(1).max(1200).nullable().default(null),
        residualValue: NonNegativeMoneyString.default(0n),
      })
      .default({ method: 'straight_line', usefulLifeMonths: null, residualValue: 0n }),
  })
  .meta({
    example: {
      name: '瓦泉村冷库',
      category: 'fixed',
      assetClass: 'operating',
      cost: '600000.00',
      acquiredOn: '2023-06-15',
      depreciation: { method: 'straight_line', usefulLifeMonths: 240 },
    },
  })
export type CreateAssetInput = z.infer<typeof CreateAssetInput>

/**
 * A card from a ledger entry: the entry gives category (151 / 141), cost (its debit) and the
 * acquisition day (the voucher date); the rest of the card is as on any card.
 */
export const CreateAssetFromEntryInput = CreateAssetInput.pick({
  name: true,
  assetClass: true,
  location: true,
  manager: true,
  managerPersonId: true,
  owners: true,
  depreciation: true,
})
  .extend({
    voucherId: Id.meta({ description: 'a posted voucher of the ledger the registers are bound to' }),
    lineNo: z.number().int().min(1).max(10_000).meta({ description: 'its line debiting 151 or 141' }),
  })
  .meta({
    example: {
      voucherId: '0190a5f0-0000-8000-8000-000000000010',
      lineNo: 1,
      name: '瓦泉村冷库',
      assetClass: 'operating',
      depreciation: { method: 'straight_line', usefulLifeMonths: 240 },
    },
  })
export type CreateAssetFromEntryInput = z.infer<typeof CreateAssetFromEntryInput>

export const DISPOSAL_KINDS = ['sale', 'scrap', 'transfer', 'donation', 'loss'] as const
export const DisposeAssetInput = z
  .strictObject({
    disposedOn: BusinessDate,
    kind: z
      .enum(DISPOSAL_KINDS)
      .meta({ description: 'sale 出售, scrap 报废, transfer 无偿划转, donation 捐赠, loss 毁损' }),
    proceeds: NonNegativeMoneyString.default(0n).meta({ description: '处置收入 (元)' }),
    matterId: Id.optional().meta({
      description: 'the 四议两公开 matter (required at the major-matter amount)',
    }),
    note: z.string().trim().max(500).default(''),
  })
  .meta({ example: { disposedOn: '2024-11-30', kind: 'scrap', note: '使用年限届满报废' } })
export type DisposeAssetInput = z.infer<typeof DisposeAssetInput>

export const RESOURCE_KINDS = [
  'farmland',
  'forest',
  'water',
  'building',
  'construction_land',
  'wasteland',
  'other',
] as const
export const RESOURCE_STATUSES = ['self_operated', 'contracted', 'leased', 'idle'] as const

export const CreateResourceInput = z
  .strictObject({
    name: Name('资源名称', '村北机动地'),
    kind: z.enum(RESOURCE_KINDS),
    areaMu: MuString,
    location: z.string().trim().max(200).default(''),
    status: z
      .enum(RESOURCE_STATUSES)
      .default('idle')
      .meta({ description: 'self_operated 自营, contracted 发包, leased 出租, idle 闲置' }),
    note: z.string().trim().max(500).default(''),
  })
  .meta({ example: { name: '村北机动地', kind: 'farmland', areaMu: '80', status: 'idle' } })
export type CreateResourceInput = z.infer<typeof CreateResourceInput>

export const UpdateResourceStatusInput = z
  .strictObject({ status: z.enum(RESOURCE_STATUSES) })
  .meta({ example: { status: 'self_operated' } })

export const CreateContractInput = z
  .strictObject({
    number: z.string().trim().min(1).max(60).meta({ description: '合同编号', example: 'ZJH-2024-001' }),
    kind: z.enum(CONTRACT_KINDS).meta({ description: 'contracting 发包, lease 租赁, transfer 流转' }),
    direction: z.enum(['outbound', 'inbound']).default('outbound').meta({
      description:
        'outbound: the collective lets and is paid; inbound: it takes land in from the party (统一流转入) and pays',
    }),
    party: z.strictObject({
      kind: z.enum(PARTY_KINDS),
      id: Id.optional().meta({
        description: 'household id (or person id) where the party is in the registers',
      }),
      name: Name('承包方/承租方', '朱家户村股份经济合作社'),
    }),
    signedOn: BusinessDate,
    startsOn: BusinessDate,
    endsOn: BusinessDate,
    amount: PositiveMoneyString.meta({ description: '合同总金额 (元)' }),
    matterId: Id.optional().meta({
      description: 'the 四议两公开 matter (required at the major-matter amount)',
    }),
    items: z
      .array(
        z.strictObject({
          kind: z.enum(['resource', 'asset']),
          id: Id,
          areaMu: MuString.optional().meta({ description: 'area let, for a resource (default: all of it)' }),
        }),
      )
      .max(200),
    schedule: z
      .array(
        z.strictObject({
          dueOn: BusinessDate,
          amount: PositiveMoneyString,
          coversFrom: BusinessDate.meta({ description: 'the period this instalment pays for' }),
          coversTo: BusinessDate,
        }),
      )
      .min(1)
      .max(120),
  })
  .meta({
    example: {
      number: 'ZJH-2024-001',
      kind: 'transfer',
      party: { kind: 'household', name: '朱明礼' },
      signedOn: '2024-01-05',
      startsOn: '2024-01-01',
      endsOn: '2028-12-31',
      amount: '5000.00',
      items: [{ kind: 'resource', id: '0190a5f0-0000-8000-8000-000000000005', areaMu: '0.5' }],
      schedule: [
        { dueOn: '2024-01-10', amount: '5000.00', coversFrom: '2024-01-01', coversTo: '2028-12-31' },
      ],
    },
  })
export type CreateContractInput = z.infer<typeof CreateContractInput>

export const ContractPaymentInput = z
  .strictObject({
    date: BusinessDate.optional().meta({
      description: 'voucher date; default the due day (receivable) or today (receipt)',
    }),
    bankAccount: z
      .string()
      .regex(/^102([0-9]{2})*$/)
      .optional(),
  })
  .meta({ example: {} })
export type ContractPaymentInput = z.infer<typeof ContractPaymentInput>
