import { DivisionCode, formatMoney } from '@liancun/core'
import { type GovernanceRuleSet, PutRulesInput } from '@liancun/governance'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditedWrite } from '../audit.js'
import { errorResponses } from '../http/problem.js'
import { AsOfQuery } from '../http/scope-query.js'
import { authorize } from '../plugins/auth.js'

const CountRuleOut = z.object({
  denominator: z.string(),
  threshold: z.object({ comparator: z.enum(['gt', 'gte']), num: z.number().int(), den: z.number().int() }),
  basis: z.object({
    law: z.string(),
    version: z.string(),
    article: z.string(),
    provision: z.string().optional(),
    verified: z
      .boolean()
      .optional()
      .meta({ description: 'false: the article number is not checked against the official text' }),
  }),
  wording: z.string().optional().meta({ description: 'the text’s words for the threshold, e.g. 半数以上' }),
  reading: z.enum(['inclusive', 'exclusive']).optional().meta({ description: 'how 以上 was read' }),
})

const CategoryRuleOut = z.object({
  villagersMeeting: z.array(CountRuleOut).optional(),
  representativesMeeting: z.array(CountRuleOut).optional(),
})

const RuleSetOut = z
  .object({
    branchCommitteeQuorum: CountRuleOut,
    partyAssemblyQuorum: CountRuleOut,
    partyAssemblyPass: CountRuleOut,
    partyQuorumReading: z.enum(['inclusive', 'exclusive']).meta({
      description:
        'how 半数以上 in the branch committee and 党员大会 quorums is read (default exclusive, the stricter)',
    }),
    villagersMeetingNoticeDays: z.number().int().meta({ description: '组织法 Art. 21: ten days’ notice' }),
    representativesShare: CountRuleOut,
    womenRepresentativesShare: CountRuleOut,
    matterCategoryRules: z.record(z.string(), CategoryRuleOut).meta({
      description: 'special majorities by matter category (农村土地承包法), besides the body’s pass rule',
    }),
    pointsSchedule: z.object({
      version: z.string(),
      topicSubmitted: z.number().int(),
      topicAccepted: z.number().int(),
      resolutionFromOwnTopic: z.number().int(),
      attended: z.number().int(),
      absent: z.number().int(),
    }),
    villagersMeetingQuorumAdults: CountRuleOut,
    villagersMeetingQuorumHouseholds: CountRuleOut,
    villagersMeetingPass: CountRuleOut,
    representativesMeetingQuorum: CountRuleOut,
    representativesMeetingPass: CountRuleOut,
    disclosureDays: z.number().int(),
    objectionResponseDays: z.number().int(),
    councilNoticeDays: z.object({ min: z.number().int(), max: z.number().int() }),
    councilQuorum: CountRuleOut,
    councilPass: CountRuleOut,
    majorMatterAmount: z
      .string()
      .meta({ description: '重大事项 amount threshold (元)', example: '50000.00' }),
  })
  .meta({ id: 'GovernanceRules' })

function rulesToWire({ majorMatterFen, matterCategoryRules, ...rules }: GovernanceRuleSet) {
  const categories = Object.fromEntries(
    Object.entries(matterCategoryRules).filter(
      (entry): entry is [string, NonNullable<(typeof entry)[1]>] => !!entry[1],
    ),
  )
  return { ...rules, matterCategoryRules: categories, majorMatterAmount: formatMoney(majorMatterFen) }
}

const RuleReader = z.object({
  divisionCode: DivisionCode.refine(
    (code) => code.length >= 6,
    'rules are read for a county, township or village code',
  ),
})
const RuleHolder = z.object({
  divisionCode: DivisionCode.refine(
    (code) => code.length === 6 || code.length === 9,
    'rules are set by a county (6 digits) or a township (9 digits)',
  ),
})

const governanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/governance/rules/:divisionCode',
    {
      schema: {
        tags: ['governance'],
        operationId: 'putGovernanceRules',
        summary:
          'Set a county’s or township’s governance rules from a date (only stricter values take effect)',
        description:
          'Quorum and pass thresholds name their denominator and legal basis. Where local and national rules differ, ' +
          'the stricter applies: a higher threshold, a longer disclosure or notice, a shorter objection response, a lower major-matter amount, ' +
          'an added special majority for a matter category. The reading of 半数以上 and the major-matter amount are set by a county either way ' +
          '(a township only stricter); a points schedule replaces the earlier one.',
        params: RuleHolder,
        body: PutRulesInput,
        response: {
          200: z.object({ divisionCode: z.string(), effectiveFrom: z.string() }),
          ...errorResponses(422),
        },
      },
    },
    async (request) => {
      const { divisionCode } = request.params
      const actor = await authorize(request, { roles: [], target: { kind: 'division', code: divisionCode } })
      const body = await auditedWrite(
        request,
        ({ services }) => services.governance.putRules(divisionCode, request.body, actor.keyId),
        (o) => ({
          type: 'governance_rules',
          id: `${o.divisionCode}@${o.effectiveFrom}`,
          countyCode: divisionCode.slice(0, 6),
          after: request.body.effectiveFrom,
        }),
        (stored) => ({ divisionCode: stored.divisionCode, effectiveFrom: stored.effectiveFrom }),
      )
      return body
    },
  )

  app.get(
    '/v1/governance/rules/:divisionCode',
    {
      schema: {
        tags: ['governance'],
        operationId: 'getGovernanceRules',
        description:
          'Any role whose key covers the division. The 四议两公开 and 乡村夜话 rules in force on `asOf`: the national default and the overrides on the way down that change it.',
        summary: 'The governance rules in force for a division on a day, and the overrides they come from',
        params: RuleReader,
        querystring: z.object({ asOf: AsOfQuery }),
        response: {
          200: z.object({
            divisionCode: z.string(),
            asOf: z.string(),
            rules: RuleSetOut,
            overrides: z.array(z.object({ divisionCode: z.string(), effectiveFrom: z.string() })),
          }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const { divisionCode } = request.params
      await authorize(request, { target: { kind: 'division', code: divisionCode } })
      const asOf = request.query.asOf ?? app.clock.today()
      const { rules, overrides } = await app.services.governance.getRules(divisionCode, asOf)
      return {
        divisionCode,
        asOf,
        rules: rulesToWire(rules),
        overrides: overrides.map((o) => ({ divisionCode: o.divisionCode, effectiveFrom: o.effectiveFrom })),
      }
    },
  )
}

export default governanceRoutes
