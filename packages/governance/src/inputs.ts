import { BusinessDate, NonNegativeMoneyString } from '@liancun/core'
import { z } from 'zod'

const Threshold = z.strictObject({
  comparator: z.enum(['gt', 'gte']).meta({ description: 'gt: more than; gte: at least' }),
  num: z.number().int().min(1),
  den: z.number().int().min(1),
})

const Basis = z.strictObject({
  law: z.string().min(1).max(200),
  version: z.string().min(1).max(100),
  article: z.string().min(1).max(100),
})

const CountRuleInput = z
  .strictObject({
    denominator: z.enum(['members', 'should_attend', 'adults', 'households', 'representatives', 'present']),
    threshold: Threshold,
    basis: Basis.meta({ description: 'the local rule’s source: (law, version, article)' }),
  })
  .superRefine((rule, ctx) => {
    if (rule.threshold.num > rule.threshold.den) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold', 'num'],
        message: 'a threshold fraction is at most 1',
      })
    }
  })

/** A county's or township's override, from a date. Only stricter values take effect. */
export const PutRulesInput = z
  .strictObject({
    effectiveFrom: BusinessDate,
    branchCommitteeQuorum: CountRuleInput.optional(),
    partyAssemblyQuorum: CountRuleInput.optional(),
    partyAssemblyPass: CountRuleInput.optional(),
    villagersMeetingQuorumAdults: CountRuleInput.optional(),
    villagersMeetingQuorumHouseholds: CountRuleInput.optional(),
    villagersMeetingPass: CountRuleInput.optional(),
    representativesMeetingQuorum: CountRuleInput.optional(),
    representativesMeetingPass: CountRuleInput.optional(),
    disclosureDays: z.number().int().min(1).max(365).optional(),
    objectionResponseDays: z.number().int().min(1).max(90).optional(),
    councilNoticeDays: z
      .strictObject({ min: z.number().int().min(0).max(60), max: z.number().int().min(0).max(60) })
      .refine((w) => w.min <= w.max, { message: 'min must not exceed max', path: ['min'] })
      .optional(),
    councilQuorum: CountRuleInput.optional(),
    councilPass: CountRuleInput.optional(),
    majorMatterAmount: NonNegativeMoneyString.optional().meta({
      description: '重大事项 amount threshold (元)',
    }),
  })
  .meta({
    example: {
      effectiveFrom: '2024-01-01',
      partyAssemblyQuorum: {
        denominator: 'should_attend',
        threshold: { comparator: 'gte', num: 2, den: 3 },
        basis: { law: '淄川区村级重大事项决策规程', version: '2022', article: '8' },
      },
      disclosureDays: 10,
      majorMatterAmount: '30000.00',
    },
  })
export type PutRulesInput = z.infer<typeof PutRulesInput>
