import type { LegalBasis } from './rule-set.js'

/**
 * The texts a rule cites, by the day they came into force: a decision cites the text in force on
 * its day. Article numbers shift between versions (the 2025 amendment of the 组织法 grows it from
 * 41 to 50 articles, in force 2026-01-01), so a provision is named once and its article looked up
 * per version. Where a number has not been checked against the official text (flk.npc.gov.cn) the
 * basis says so (`verified: false`) — a county that has checked it sets the rule with its basis.
 */
export interface ProvisionText {
  version: string
  inForceFrom: string
  article: string
  verified: boolean
}

export interface Provision {
  law: string
  /** Oldest first. */
  texts: readonly ProvisionText[]
}

const VILLAGE_LAW = '中华人民共和国村民委员会组织法'
const LAND_LAW = '中华人民共和国农村土地承包法'
const BRANCH_RULES = '中国共产党支部工作条例（试行）'
const PARTY_CONSTITUTION = '中国共产党章程'

const organic = (article2018: string): Provision => ({
  law: VILLAGE_LAW,
  texts: [
    { version: '2018', inForceFrom: '2018-12-29', article: article2018, verified: true },
    {
      version: '2025',
      inForceFrom: '2026-01-01',
      // The amendment inserts articles before chapter 4; the new number is not in the reference.
      article: `${article2018} (2018 numbering; renumbered in the 2025 text, number not verified)`,
      verified: false,
    },
  ],
})

const land = (article2002: string, article2018: string): Provision => ({
  law: LAND_LAW,
  texts: [
    { version: '2002', inForceFrom: '2003-03-01', article: article2002, verified: false },
    { version: '2018', inForceFrom: '2019-01-01', article: article2018, verified: false },
  ],
})

export const PROVISIONS = {
  villagersMeetingNotice: organic('21'),
  villagersMeeting: organic('22'),
  representativesComposition: organic('25'),
  representativesMeeting: organic('26'),
  branchCommittee: {
    law: BRANCH_RULES,
    texts: [{ version: '2018', inForceFrom: '2018-10-28', article: '12', verified: true }],
  },
  partyAssembly: {
    law: BRANCH_RULES,
    texts: [{ version: '2018', inForceFrom: '2018-10-28', article: '11', verified: true }],
  },
  partyDiscipline: {
    law: PARTY_CONSTITUTION,
    texts: [{ version: '2022', inForceFrom: '2022-10-22', article: '40', verified: false }],
  },
  landContractingPlan: land('18(3)', '19(3)'),
  landReadjustment: land('27', '28'),
  landToOutsiders: land('48', '52'),
} as const satisfies Record<string, Provision>

export type ProvisionKey = keyof typeof PROVISIONS

/** The basis a rule cites on `day`: the provision's text in force then (the oldest before any). */
export function basisOn(key: ProvisionKey, day: string): LegalBasis {
  const provision: Provision = PROVISIONS[key]
  const texts = provision.texts
  const text = [...texts].reverse().find((t) => t.inForceFrom <= day) ?? texts[0]!
  return {
    law: provision.law,
    version: text.version,
    article: text.article,
    provision: key,
    ...(text.verified ? {} : { verified: false }),
  }
}
