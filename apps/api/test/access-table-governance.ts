import { type Access, ADMIN_ONLY, CLERK, type Req } from './access-table.js'
import { CODES, type World } from './access-world.js'

/** The governance operations of the authorization matrix (see access-table.ts): 四议两公开, 乡村夜话, rules. */
const { village, township } = CODES
const within = (code: string) => () => ({ query: { within: code } })
const inVillage = () => ({ params: { code: village } })
const matter = (body?: unknown) => (w: World) => ({ params: { id: w.matterId }, ...(body ? { body } : {}) })
const council =
  (extra: Req = {}) =>
  (w: World) => ({ params: { id: w.councilId }, ...extra })
const meeting = {
  heldOn: '2024-12-01',
  attendees: [],
  votes: { yes: 0, no: 0, abstain: 0 },
  minutes: '会议记录',
}
const stage = (w: World) => ({ params: { id: w.freshMatterId }, body: meeting })

export const GOVERNANCE: Record<string, Access> = {
  putGovernanceRules: {
    roles: ADMIN_ONLY,
    target: 'township',
    request: () => ({
      params: { divisionCode: township },
      body: { effectiveFrom: '2025-01-01', disclosureDays: 8 },
    }),
  },
  getGovernanceRules: {
    roles: 'any',
    target: 'village',
    request: () => ({ params: { divisionCode: village } }),
  },
  createMatter: {
    roles: CLERK,
    target: 'village',
    request: () => ({
      body: { villageCode: village, title: '修路', category: 'other', description: '说明' },
    }),
  },
  listMatters: { roles: 'any', target: 'township', request: within(township) },
  getMatter: { roles: 'any', target: 'village', request: matter() },
  recordMatterProposal: { roles: CLERK, target: 'village', request: stage },
  recordMatterConsultation: { roles: CLERK, target: 'village', request: stage },
  recordMatterPartyReview: { roles: CLERK, target: 'village', request: stage },
  recordMatterResolution: { roles: CLERK, target: 'village', request: stage },
  discloseMatter: {
    roles: CLERK,
    target: 'village',
    request: matter({ kind: 'result', channels: ['online'], from: '2024-12-01', until: '2024-12-10' }),
  },
  objectToMatter: {
    roles: CLERK,
    target: 'village',
    request: matter({ submittedOn: '2024-03-13', content: '补偿标准不清' }),
  },
  listMatterObjections: { roles: 'any', target: 'village', request: matter() },
  respondToObjection: {
    roles: CLERK,
    target: 'village',
    request: (w) => ({
      params: { id: w.objectionId },
      body: { outcome: 'dismissed', respondedOn: '2024-03-14', response: '依据评估报告' },
    }),
  },
  recordMatterImplementation: {
    roles: CLERK,
    target: 'village',
    request: matter({ status: 'started', on: '2024-12-01' }),
  },
  listPublicVillageDisclosures: { roles: 'public', request: () => inVillage() },
  createAllianceMatter: {
    roles: CLERK,
    target: 'alliance',
    request: (w) => ({
      body: { allianceId: w.alliance, title: '联村修路', category: 'other', villageCodes: [village] },
    }),
  },
  getAllianceMatter: {
    roles: 'any',
    target: 'alliance',
    request: (w) => ({ params: { id: w.allianceMatterId } }),
  },

  createCouncil: {
    roles: CLERK,
    target: 'village',
    request: () => ({ body: { villageCode: village, name: '第二议事会', establishedOn: '2024-01-01' } }),
  },
  addCouncilMember: {
    roles: CLERK,
    target: 'village',
    request: (w) =>
      council({
        body: { personId: w.people.rep1, category: 'villager_rep', post: 'member', from: '2024-01-01' },
      })(w),
    cases: [
      {
        name: 'a person of another county is not found, as for posts and rosters',
        role: 'clerk',
        scope: 'village',
        request: (w) =>
          council({
            body: { personId: w.farPersonId, category: 'other', post: 'member', from: '2024-01-01' },
          })(w),
        expect: 404,
      },
    ],
  },
  proposeTopic: {
    roles: CLERK,
    target: 'village',
    request: (w) => council({ body: { title: '修桥', description: '说明', proposedBy: w.people.deputy } })(w),
  },
  reviewTopic: {
    roles: CLERK,
    target: 'village',
    request: (w) => ({ params: { id: w.pendingTopicId }, body: { decision: 'accepted' } }),
  },
  scheduleSession: {
    roles: CLERK,
    target: 'village',
    request: (w) =>
      council({
        body: {
          scheduledOn: '2024-12-31',
          venue: '党群服务中心',
          topicIds: [w.acceptedTopicId],
          noticeSentOn: '2024-12-29',
        },
      })(w),
  },
  recordSessionMinutes: {
    roles: CLERK,
    target: 'village',
    request: (w) => ({ params: { id: w.sessionId }, body: { heldOn: '2024-12-30', present: [] } }),
  },
  listCouncilResolutions: { roles: 'any', target: 'village', request: council() },
  getCouncilPoints: { roles: 'any', target: 'village', request: council({ query: { year: '2024' } }) },
}
