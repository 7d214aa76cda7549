import { BusinessDate, CountyCode, Id, PositiveMoneyString, TownshipCode, VillageCode } from '@liancun/core'
import { z } from 'zod'
import { PROJECT_STATUSES, TARGET_STATUSES } from './rules/lifecycle.js'
import { TRIGGERS } from './rules/payment-plan.js'
import { PercentString } from './rules/percent.js'

/** zod inputs of the funds service (strict: unknown fields are refused). Money parses to fen. */

export const FUND_KINDS = [
  'connection_fund',
  'collective_economy_support',
  'demonstration_award',
  'service_team',
  'integrated_agri_funds',
  'social_capital',
  'self_raised',
] as const
export const FUND_LEVELS = ['central', 'provincial', 'city', 'county', 'township'] as const
export const PROJECT_CATEGORIES = ['industry', 'livelihood', 'infrastructure', 'public_welfare'] as const
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number]

const Text = (max: number) => z.string().trim().min(1).max(max)
const Year = z.number().int().min(2000).max(2100)

export const FundHolder = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('county'), code: CountyCode }),
    z.strictObject({ kind: z.literal('township'), code: TownshipCode }),
    z.strictObject({ kind: z.literal('alliance'), id: Id }),
  ])
  .meta({ description: 'who holds and allocates the money: a county, a township or an alliance' })
export type FundHolder = z.infer<typeof FundHolder>

export const CreateFundSourceInput = z
  .strictObject({
    name: Text(200).meta({ example: '2024年中央财政衔接推进乡村振兴补助资金' }),
    kind: z.enum(FUND_KINDS).meta({
      description:
        'connection_fund 衔接资金 · collective_economy_support 扶持村级集体经济资金 · demonstration_award 示范片区奖补资金 · ' +
        'service_team 乡村振兴服务队专项资金 · integrated_agri_funds 统筹整合涉农资金 · social_capital 社会资本 · self_raised 自筹',
    }),
    level: z.enum(FUND_LEVELS).meta({ description: '下达层级' }),
    documentNo: Text(100).meta({ description: '下达文号', example: '淄财农指〔2024〕12号' }),
    fiscalYear: Year,
    amount: PositiveMoneyString,
    receivedOn: BusinessDate,
    holder: FundHolder,
    allowedCategories: z
      .array(z.enum(PROJECT_CATEGORIES))
      .min(1)
      .max(4)
      .refine((list) => new Set(list).size === list.length, 'each category once')
      .meta({ description: 'project categories the money may fund' }),
    excludedUses: z
      .array(Text(200))
      .max(50)
      .default([])
      .meta({ description: '负面清单 as written in the issuing document' }),
    minIndustryShare: PercentString.optional().meta({
      description: 'required share for industry projects (%), e.g. "55.00"; enforced on every allocation',
    }),
    directFund: z.boolean().meta({ description: '直达资金: tracked down to each payment' }),
  })
  .meta({
    example: {
      name: '2024年扶持壮大村级集体经济资金',
      kind: 'collective_economy_support',
      level: 'provincial',
      documentNo: '鲁财农指〔2024〕8号',
      fiscalYear: 2024,
      amount: '1000000.00',
      receivedOn: '2024-02-20',
      holder: { kind: 'township', code: '370323107' },
      allowedCategories: ['industry'],
      excludedUses: ['偿还村级债务', '发放村干部报酬'],
      directFund: false,
    },
  })
export type CreateFundSourceInput = z.infer<typeof CreateFundSourceInput>

export const ProjectImplementer = z
  .union([z.strictObject({ villageCode: VillageCode }), z.strictObject({ partnerId: Id })])
  .meta({ description: 'the village collective or the partner enterprise carrying the works out' })

export const CreateProjectInput = z
  .strictObject({
    name: Text(200).meta({ example: '朱家户香菇产业园' }),
    category: z.enum(PROJECT_CATEGORIES).meta({
      description: 'industry 产业 · livelihood 民生 · infrastructure 基础设施 · public_welfare 公益',
    }),
    allianceId: Id.optional(),
    townshipCode: TownshipCode,
    implementer: ProjectImplementer,
    budget: PositiveMoneyString,
    location: Text(200),
    startOn: BusinessDate,
    endOn: BusinessDate,
    beneficiaries: z
      .array(
        z.strictObject({
          villageCode: VillageCode,
          units: z.number().int().min(1).max(1e12).meta({ description: '受益单位 (户, 人, 亩 …), integer' }),
        }),
      )
      .min(1)
      .max(200),
    targets: z
      .array(
        z.strictObject({
          level1: z.enum(['output', 'benefit', 'satisfaction']).meta({ description: '产出 · 效益 · 满意度' }),
          indicator: Text(200).meta({ example: '新建香菇大棚' }),
          unit: Text(20).meta({ example: '个' }),
          target: Text(100).meta({ example: '49' }),
        }),
      )
      .max(50)
      .meta({ description: '绩效目标 (required: a project enters the library only with targets)' }),
    benefitMechanism: z
      .string()
      .trim()
      .max(2000)
      .meta({ description: '利益联结机制 (required)', example: '村集体按出资比例分红，保底收益每年8万元' }),
    proposedBy: z.enum(['village', 'alliance', 'township']),
  })
  .meta({
    example: {
      name: '朱家户香菇产业园',
      category: 'industry',
      townshipCode: '370323107',
      implementer: { villageCode: '370323107201' },
      budget: '3000000.00',
      location: '燕崖镇朱家户村东',
      startOn: '2024-04-01',
      endOn: '2024-10-31',
      beneficiaries: [{ villageCode: '370323107201', units: 160 }],
      targets: [{ level1: 'output', indicator: '新建香菇大棚', unit: '个', target: '49' }],
      benefitMechanism: '大棚租给合作社，村集体按出资比例分红',
      proposedBy: 'alliance',
    },
  })
export type CreateProjectInput = z.infer<typeof CreateProjectInput>

const ShareContribution = z.strictObject({
  holder: z.union([z.strictObject({ villageCode: VillageCode }), z.strictObject({ partnerId: Id })]),
  contribution: z
    .enum(['money', 'land', 'asset', 'labour'])
    .meta({ description: '出资方式: 资金 · 土地 · 资产 · 劳务' }),
  valuation: PositiveMoneyString.meta({
    description: '折股 value of the actual contribution (元): the share units',
  }),
})

const AssetOwner = z.union([
  z.strictObject({
    villageCode: VillageCode.meta({ description: 'a village collective (with its ledger)' }),
    value: PositiveMoneyString.meta({ description: 'the owner’s part of the asset’s cost (元)' }),
  }),
  z.strictObject({
    household: z.strictObject({
      villageCode: VillageCode,
      ref: Text(100).meta({ description: '户号 or 户主 as the village’s household register names it' }),
    }),
    value: PositiveMoneyString,
  }),
])

/** 资产确权 (国办函〔2021〕51号): an asset the project formed, its class, cost and owners. */
const TitledAsset = z.strictObject({
  name: Text(200).meta({ example: '标准化牛舍（4栋）' }),
  assetClass: z
    .enum(['operating', 'public_welfare', 'household'])
    .meta({ description: '经营性 · 公益性 · 到户类' }),
  cost: PositiveMoneyString.meta({ description: 'the asset’s cost (元): its owners’ values sum to it' }),
  owners: z.array(AssetOwner).min(1).max(500),
  // For the owners' asset cards (三资 register); the funds domain does not store them.
  location: z.string().trim().max(200).optional().meta({
    description: 'where the asset is (资产卡片 location; default: the project’s location)',
  }),
  manager: z.string().trim().max(100).optional().meta({ description: '管护责任人 on the asset cards' }),
  usefulLifeMonths: z.number().int().min(1).max(1200).optional().meta({
    description:
      'useful life for straight-line depreciation on the asset cards; absent: the cards are not depreciated until set',
  }),
})
export type TitledAsset = z.infer<typeof TitledAsset>

export const TransitionInput = z
  .strictObject({
    to: z.enum(TARGET_STATUSES).meta({
      description:
        'submitted (村申报) · reviewed (乡审核) · approved (县审定) · started · accepted (验收) · operating · closed · cancelled',
    }),
    note: Text(2000),
    on: BusinessDate.optional().meta({ description: 'the day of the step; default today' }),
    decisionRef: Id.optional().meta({
      description: 'the 四议两公开 matter or alliance matter authorising a major project (approval)',
    }),
    acceptance: z
      .strictObject({
        assetClass: z
          .enum(['operating', 'public_welfare', 'household'])
          .meta({ description: '经营性 · 公益性 · 到户类' }),
        shares: z.array(ShareContribution).min(1).max(200),
        assets: z
          .array(TitledAsset)
          .min(1)
          .max(100)
          .optional()
          .meta({
            description:
              '资产确权: each asset formed, its class, owners and their values; Σ costs = the money paid and still planned for the project. ' +
              'Required once money was paid or planned; each village owner’s ledger receives the entries (Dr 151 / Cr 311, and Dr 241 / Cr 153 for the money it received)',
          }),
        bookOn: BusinessDate.optional().meta({
          description:
            'the day the 确权 entries are drafted in the owners’ ledgers (default: the acceptance day)',
        }),
        note: z.string().max(2000).optional(),
      })
      .optional()
      .meta({
        description: '验收 record (required with to=accepted): ownership shares from actual contributions',
      }),
  })
  .meta({ example: { to: 'submitted', note: '村两委申报' } })
export type TransitionInput = z.infer<typeof TransitionInput>

export const CreateNoticeInput = z
  .strictObject({
    stage: z.enum(['approval', 'completion']).meta({ description: '立项公示 · 竣工公示' }),
    from: BusinessDate,
    channels: z
      .array(Text(100))
      .min(1)
      .max(10)
      .meta({ example: ['村务公开栏', '镇政府网站'] }),
  })
  .meta({ example: { stage: 'approval', from: '2024-03-01', channels: ['村务公开栏'] } })
export type CreateNoticeInput = z.infer<typeof CreateNoticeInput>

export const RecordResultInput = z
  .strictObject({
    indicator: Text(200),
    period: z.string().regex(/^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/, 'YYYY, YYYY-MM or YYYY-Qn'),
    actual: Text(100),
  })
  .meta({ example: { indicator: '新建香菇大棚', period: '2024', actual: '49' } })
export type RecordResultInput = z.infer<typeof RecordResultInput>

export const AllocationInput = z
  .strictObject({ fundSourceId: Id, amount: PositiveMoneyString })
  .meta({ example: { fundSourceId: '0190f5c2-0000-7000-8000-000000000000', amount: '500000.00' } })
export type AllocationInput = z.infer<typeof AllocationInput>

export const PaymentPlanInput = z
  .strictObject({
    tranches: z
      .array(
        z.strictObject({
          label: Text(100),
          trigger: z.enum(TRIGGERS).meta({ description: 'start · milestone · acceptance (验收) · date' }),
          percent: PercentString.optional(),
          amount: PositiveMoneyString.optional(),
          retention: z.boolean().optional().meta({ description: '质保金: held back until its trigger' }),
          dueOn: BusinessDate.optional().meta({ description: 'the day a date tranche falls due' }),
        }),
      )
      .min(1)
      .max(20),
  })
  .meta({
    example: {
      tranches: [
        { label: '开工预拨', trigger: 'start', percent: '40.00' },
        { label: '主体完工', trigger: 'milestone', percent: '55.00' },
        { label: '质保金', trigger: 'acceptance', percent: '5.00', retention: true },
      ],
    },
  })
export type PaymentPlanInput = z.infer<typeof PaymentPlanInput>

export const MilestoneInput = z
  .strictObject({ metOn: BusinessDate, evidence: Text(500) })
  .meta({ example: { metOn: '2024-07-15', evidence: '镇农经站现场核验记录 2024-07-15' } })
export type MilestoneInput = z.infer<typeof MilestoneInput>

export const DisbursementInput = z
  .strictObject({
    trancheId: Id,
    fundSourceId: Id,
    amount: PositiveMoneyString,
    ledgerId: Id.meta({ description: 'the implementing village’s ledger (账套) that receives the money' }),
    date: BusinessDate,
    bankAccount: z
      .string()
      .regex(/^102([0-9]{2})*$/, 'an account code under 102 银行存款')
      .optional()
      .meta({
        description: 'the receiving 102 account or 明细科目; default 102 or its only enabled sub-account',
        example: '10201',
      }),
  })
  .meta({
    example: {
      trancheId: '0190f5c2-0000-7000-8000-000000000001',
      fundSourceId: '0190f5c2-0000-7000-8000-000000000000',
      amount: '200000.00',
      ledgerId: '0190f5c2-0000-7000-8000-000000000002',
      date: '2024-04-10',
    },
  })
export type DisbursementInput = z.infer<typeof DisbursementInput>

export const RevenueInput = z
  .strictObject({
    period: z.string().regex(/^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/, 'YYYY, YYYY-MM or YYYY-Qn'),
    amount: PositiveMoneyString,
    receivedOn: BusinessDate,
  })
  .meta({ example: { period: '2024', amount: '360000.00', receivedOn: '2024-12-20' } })
export type RevenueInput = z.infer<typeof RevenueInput>

export const DistributionPolicyInput = z
  .strictObject({
    version: Text(50).meta({ example: '黑牛项目收益分配方案 2024-1' }),
    guaranteed: z
      .array(z.strictObject({ villageCode: VillageCode, amount: PositiveMoneyString }))
      .max(200)
      .default([])
      .meta({ description: '固定分红 / 保底收益 per village, paid first' }),
    reservePercent: PercentString.optional().meta({
      description: 'reserve (%) of what is left after the guarantees; default 0',
    }),
    monitoredHouseholdsPercent: PercentString.optional().meta({
      description:
        'set-aside for monitored households 防返贫监测对象 (%) of what is left after the reserve; default 0',
    }),
    shortfall: z.enum(['pro_rata', 'operator_owes']).meta({
      description:
        'revenue below the guarantees: scale them pro rata, or pay in full and the operator owes the difference',
    }),
  })
  .meta({ id: 'DistributionPolicy' })

export const DistributionInput = z
  .strictObject({
    revenueId: Id,
    policy: DistributionPolicyInput,
    date: BusinessDate.optional().meta({
      description: 'date of the vouchers; default the revenue’s receivedOn',
    }),
    decisionRef: Id.optional().meta({
      description:
        'the 四议两公开 matter (collective_income_use) adopting this distribution plan, resolved by the members’ or representatives’ meeting and publicly disclosed; required by the API',
    }),
    monitoredHouseholds: z
      .array(
        z.strictObject({
          ref: Text(100).meta({ description: '户号 or 户主 of a monitored household (防返贫监测对象)' }),
          units: z.number().int().min(1).max(1000).optional().meta({ description: 'its weight; default 1' }),
        }),
      )
      .min(1)
      .max(1000)
      .refine((list) => new Set(list.map((h) => h.ref)).size === list.length, 'each household once')
      .optional()
      .meta({
        description: 'the households owed the monitored part, booked as a payable (211 应付款) to each',
      }),
  })
  .meta({
    example: {
      revenueId: '0190f5c2-0000-7000-8000-000000000003',
      policy: {
        version: '2024-1',
        guaranteed: [{ villageCode: '370322104203', amount: '80000.00' }],
        reservePercent: '10.00',
        monitoredHouseholdsPercent: '5.00',
        shortfall: 'pro_rata',
      },
    },
  })
export type DistributionInput = z.infer<typeof DistributionInput>

export const PutFundRulesInput = z
  .strictObject({
    effectiveFrom: BusinessDate,
    noticeDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .meta({ description: '公告公示 days before approval or acceptance' }),
  })
  .meta({ example: { effectiveFrom: '2024-01-01', noticeDays: 10 } })
export type PutFundRulesInput = z.infer<typeof PutFundRulesInput>

export const ProjectStatusQuery = z.enum(PROJECT_STATUSES)
