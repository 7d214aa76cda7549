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
    denominator: z.enum([
      'members',
      'should_attend',
      'adults',
      'households',
      'representatives',
      'village_representatives',
      'present',
    ]),
    threshold: Threshold,
    basis: Basis.meta({ description: 'the local rule’s source: (law, version, article)' }),
    wording: z
      .string()
      .min(1)
      .max(50)
      .optional()
      .meta({ description: 'the text’s words, e.g. 三分之二以上' }),
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
    partyQuorumReading: z.enum(['inclusive', 'exclusive']).optional().meta({
      description:
        'how 半数以上 (支部工作条例 Arts. 11–12 quorums) is read: inclusive (exactly half suffices) or exclusive; a county sets it either way, a township only to exclusive',
    }),
    villagersMeetingNoticeDays: z.number().int().min(1).max(60).optional().meta({
      description:
        'days of notice before a 村民会议 (组织法 Art. 21: ten); only a longer notice takes effect',
    }),
    representativesShare: CountRuleInput.optional(),
    womenRepresentativesShare: CountRuleInput.optional(),
    matterCategoryRules: z
      .record(
        // Read at parse time: the category list is declared below.
        z
          .string()
          .refine((c) => (MATTER_CATEGORIES as readonly string[]).includes(c), 'an unknown matter category'),
        z.strictObject({
          villagersMeeting: z.array(CountRuleInput).max(5).optional(),
          representativesMeeting: z.array(CountRuleInput).max(5).optional(),
        }),
      )
      .optional()
      .meta({ description: 'special majorities by matter category, applied besides the national ones' }),
    pointsSchedule: z
      .strictObject({
        version: z.string().trim().min(1).max(50),
        topicSubmitted: z.number().int().min(-100).max(100),
        topicAccepted: z.number().int().min(-100).max(100),
        resolutionFromOwnTopic: z.number().int().min(-100).max(100),
        attended: z.number().int().min(-100).max(100),
        absent: z.number().int().min(-100).max(100),
      })
      .optional()
      .meta({
        description:
          '乡村夜话 积分 schedule from this date (replaces the earlier one; not a matter of strictness)',
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

export const MATTER_CATEGORIES = [
  'lost_work_allowance',
  'collective_income_use',
  'public_welfare_project',
  'land_contracting',
  'land_readjustment',
  'land_contracting_outsiders',
  'collective_project',
  'homestead_plan',
  'requisition_compensation',
  'asset_disposal',
  'large_expenditure',
  'collective_debt',
  'budget',
  'village_rules',
  'charter',
  'recall',
  'other',
] as const

/**
 * The subject of a decision besides its category and amount: the object decided and, optionally,
 * the projects (项目库 ids) it authorises. A matter that lists none authorises at most one project.
 */
const SubjectFields = {
  object: z.string().trim().min(1).max(200).optional().meta({
    description: 'the object decided (a project, an asset, a loan …), as the minutes name it',
    example: '香菇产业园大棚（20座）',
  }),
  projects: z
    .array(z.string().uuid())
    .min(1)
    .max(50)
    .optional()
    .meta({ description: 'project ids this decision authorises; absent → one project at most' }),
}

/** Categories the villagers' meeting itself must decide (组织法 Arts. 16, 27). */
export const VILLAGERS_MEETING_ONLY = new Set<string>(['village_rules', 'charter', 'recall'])

export const CreateMatterInput = z
  .strictObject({
    villageCode: z.string().regex(/^[0-9]{12}$/, 'a village code has 12 digits'),
    title: z.string().trim().min(1).max(200).meta({ example: '朱家户村土地集中流转方案' }),
    category: z.enum(MATTER_CATEGORIES).meta({ description: '组织法 Art. 24 list and common local ones' }),
    amount: NonNegativeMoneyString.optional().meta({
      description: 'the subject’s amount or cap (元): what the decision may authorise spending up to',
    }),
    ...SubjectFields,
    description: z.string().trim().min(1).max(5000),
  })
  .refine((m) => m.projects === undefined || new Set(m.projects).size === m.projects.length, {
    message: 'each project once',
    path: ['projects'],
  })
  .meta({
    example: {
      villageCode: '370323104201',
      title: '土地集中流转方案（160户、80亩）',
      category: 'land_contracting',
      description: '为香菇产业园项目集中流转土地',
    },
  })
export type CreateMatterInput = z.infer<typeof CreateMatterInput>

const PersonId = z.string().uuid()
const Option = z.enum(['yes', 'no', 'abstain'])

export const MatterMeetingInput = z
  .strictObject({
    heldOn: BusinessDate,
    noticeSentOn: BusinessDate.optional(),
    attendees: z
      .array(PersonId)
      .max(5000)
      .meta({ description: 'person ids present; checked against the roster of the day' }),
    absentees: z.array(PersonId).max(5000).optional(),
    writtenOpinions: z
      .array(z.strictObject({ personId: PersonId, option: Option }))
      .max(5000)
      .optional()
      .meta({
        description:
          'opinions submitted in writing before the meeting by absent voters; counted in the tally',
      }),
    votes: z
      .union([
        z.strictObject({
          yes: z.number().int().min(0),
          no: z.number().int().min(0),
          abstain: z.number().int().min(0),
        }),
        z.array(z.strictObject({ personId: PersonId, option: Option })).max(5000),
      ])
      .meta({ description: 'totals, or one entry per voter' }),
    minutes: z.string().trim().min(1).max(20000),
    evidence: z.array(z.string().max(500)).max(50).optional(),
    body: z
      .enum(['villagers_meeting', 'representatives_meeting'])
      .optional()
      .meta({ description: 'resolution stage only' }),
    mergedWithProposal: z.boolean().optional().meta({
      description:
        'consultation only: hold 提议 and 商议 as one meeting, allowed only where the secretary is also the chair (一肩挑)',
    }),
    presentHouseholds: z
      .unknown()
      .optional()
      .superRefine((value, ctx) => {
        if (value !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message:
              'presentHouseholds is no longer accepted: the household quorum follows from the recorded households and the attendees',
          })
        }
      })
      .meta({
        description:
          'refused (kept only to answer old clients clearly): the households represented follow from the household register and the attendees',
      }),
  })
  .meta({
    example: {
      heldOn: '2024-03-05',
      attendees: ['019a4c1e-7b2a-7c3d-8e4f-0123456789ab'],
      votes: { yes: 5, no: 0, abstain: 0 },
      minutes: '支部委员会提议……',
    },
  })
export type MatterMeetingInput = z.infer<typeof MatterMeetingInput>

export const CreateMatterDisclosureInput = z
  .strictObject({
    kind: z.enum(['resolution', 'result']).meta({ description: '决议公开 / 实施结果公开' }),
    channels: z
      .array(z.enum(['notice_board', 'broadcast', 'online', 'meeting', 'leaflet', 'touch_screen']))
      .min(1),
    from: BusinessDate,
    until: BusinessDate,
  })
  .refine((d) => d.until >= d.from, { message: 'until must not be before from', path: ['until'] })
  .meta({
    example: {
      kind: 'resolution',
      channels: ['notice_board', 'online'],
      from: '2024-03-20',
      until: '2024-03-27',
    },
  })
export type CreateMatterDisclosureInput = z.infer<typeof CreateMatterDisclosureInput>

export const CreateObjectionInput = z
  .strictObject({
    submittedOn: BusinessDate,
    content: z
      .string()
      .trim()
      .min(1)
      .max(5000)
      .meta({ description: 'the objection; the objector is not recorded by name' }),
  })
  .meta({ example: { submittedOn: '2024-03-22', content: '流转价格偏低' } })
export type CreateObjectionInput = z.infer<typeof CreateObjectionInput>

export const RespondObjectionInput = z
  .strictObject({
    outcome: z.enum(['upheld', 'dismissed', 'escalated']),
    respondedOn: BusinessDate,
    response: z.string().trim().min(1).max(5000),
  })
  .meta({ example: { outcome: 'dismissed', respondedOn: '2024-03-24', response: '价格依据评估报告' } })
export type RespondObjectionInput = z.infer<typeof RespondObjectionInput>

export const ImplementationInput = z
  .strictObject({ status: z.enum(['started', 'completed']), on: BusinessDate })
  .meta({ example: { status: 'started', on: '2024-04-01' } })
export type ImplementationInput = z.infer<typeof ImplementationInput>

export const CreateAllianceMatterInput = z
  .strictObject({
    allianceId: z.string().uuid(),
    title: z.string().trim().min(1).max(200),
    category: z.enum(MATTER_CATEGORIES),
    amount: NonNegativeMoneyString.optional().meta({ description: 'the subject’s amount or cap (元)' }),
    ...SubjectFields,
    description: z.string().trim().min(1).max(5000).optional(),
    villageCodes: z
      .array(z.string().regex(/^[0-9]{12}$/, 'a village code has 12 digits'))
      .min(1)
      .max(100),
  })
  .refine((v) => new Set(v.villageCodes).size === v.villageCodes.length, {
    message: 'each village once',
    path: ['villageCodes'],
  })
  .meta({
    example: {
      allianceId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
      title: '联村统一流转土地发展香菇产业',
      category: 'land_contracting',
      villageCodes: ['370323104201', '370323104202'],
    },
  })
export type CreateAllianceMatterInput = z.infer<typeof CreateAllianceMatterInput>

export const CreateCouncilInput = z
  .strictObject({
    villageCode: z.string().regex(/^[0-9]{12}$/, 'a village code has 12 digits'),
    name: z.string().trim().min(1).max(200),
    establishedOn: BusinessDate,
  })
  .meta({ example: { villageCode: '370322105201', name: '蓑衣樊村群众议事会', establishedOn: '2021-05-01' } })
export type CreateCouncilInput = z.infer<typeof CreateCouncilInput>

export const AddCouncilMemberInput = z
  .strictObject({
    personId: z.string().uuid(),
    category: z.enum(['two_committees', 'resident_cadre', 'villager_rep', 'new_sage', 'other']),
    post: z.enum(['chair', 'supervisor', 'member']),
    from: BusinessDate,
    to: BusinessDate.optional(),
  })
  .meta({
    example: {
      personId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
      category: 'villager_rep',
      post: 'member',
      from: '2021-05-01',
    },
  })
export type AddCouncilMemberInput = z.infer<typeof AddCouncilMemberInput>

export const CreateTopicInput = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(5000),
    proposedBy: z.string().uuid().meta({ description: 'a council member' }),
  })
  .meta({
    example: {
      title: '稻田蟹塘旁增设路灯',
      description: '夜间游客多，道路照明不足',
      proposedBy: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
    },
  })
export type CreateTopicInput = z.infer<typeof CreateTopicInput>

export const ReviewTopicInput = z
  .strictObject({
    decision: z.enum(['accepted', 'rejected']),
    reason: z.enum(['not_prepared', 'settled_by_law', 'covered_by_village_rules']).optional(),
    reference: z.string().max(500).optional(),
    reviewerId: z.string().uuid().optional().meta({
      description: 'the person who reviewed (village Party organisation); the recording key is kept too',
    }),
  })
  .refine((r) => r.decision === 'accepted' || r.reason !== undefined, {
    message: 'a rejection needs its reason',
    path: ['reason'],
  })
  .meta({ example: { decision: 'accepted' } })
export type ReviewTopicInput = z.infer<typeof ReviewTopicInput>

export const ScheduleSessionInput = z
  .strictObject({
    scheduledOn: BusinessDate,
    venue: z.string().trim().min(1).max(200),
    topicIds: z.array(z.string().uuid()).min(1).max(50),
    noticeSentOn: BusinessDate,
    invitees: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(100),
          role: z.enum(['legal_advisor', 'expert', 'observer']),
        }),
      )
      .max(50)
      .default([])
      .meta({ description: 'speak but never vote or count' }),
  })
  .meta({
    example: {
      scheduledOn: '2024-06-20',
      venue: '村党群服务中心',
      topicIds: ['019a4c1e-7b2a-7c3d-8e4f-0123456789ab'],
      noticeSentOn: '2024-06-17',
      invitees: [],
    },
  })
export type ScheduleSessionInput = z.infer<typeof ScheduleSessionInput>

const Votes = z.strictObject({
  yes: z.number().int().min(0),
  no: z.number().int().min(0),
  abstain: z.number().int().min(0),
})

export const SessionMinutesInput = z
  .strictObject({
    heldOn: BusinessDate,
    present: z
      .array(z.string().uuid())
      .max(500)
      .meta({ description: 'members present; checked against the council that day' }),
    progressReports: z
      .array(
        z.strictObject({
          resolutionId: z.string().uuid(),
          note: z.string().min(1).max(2000),
          percent: z.number().int().min(0).max(100),
        }),
      )
      .default([]),
    deliberations: z
      .array(
        z.strictObject({
          topicId: z.string().uuid(),
          outcome: z.enum(['resolved', 'deferred', 'no_consensus']),
          votes: Votes.optional(),
          resolution: z
            .strictObject({
              text: z.string().min(1).max(2000),
              owner: z.string().min(1).max(100),
              dueOn: BusinessDate,
              amount: NonNegativeMoneyString.optional().meta({
                description: 'the spending the resolution implies (元), if any',
              }),
              matter: z
                .strictObject({ category: z.enum(MATTER_CATEGORIES) })
                .optional()
                .meta({
                  description:
                    'a major matter: the resolution opens the 四议两公开 matter it needs (required when the amount reaches the major-matter amount)',
                }),
            })
            .optional()
            .meta({ description: 'handed to the 两委: what, who (by post), by when' }),
        }),
      )
      .default([]),
    closures: z
      .array(
        z.strictObject({
          resolutionId: z.string().uuid(),
          reason: z.enum(['solved', 'satisfied', 'dispute_resolved', 'not_actionable']),
          evidence: z.string().min(1).max(2000),
          explanation: z.string().trim().min(1).max(2000).optional().meta({
            description: 'not_actionable: why (required), with the council’s vote',
          }),
          votes: z
            .strictObject({
              yes: z.number().int().min(0),
              no: z.number().int().min(0),
              abstain: z.number().int().min(0),
            })
            .optional()
            .meta({
              description: 'not_actionable: the council’s decision (more than half of those present)',
            }),
        }),
      )
      .default([]),
  })
  .meta({
    example: { heldOn: '2024-06-20', present: [], progressReports: [], deliberations: [], closures: [] },
  })
export type SessionMinutesInput = z.infer<typeof SessionMinutesInput>
