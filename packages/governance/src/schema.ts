import { bigint, date, index, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/** The governance domain's tables, in Postgres schema `governance`; `county_code` leads every key. */
export const governanceSchema = pgSchema('governance')

/** A county's or township's rule override, in force from a day; the JSON is the wire form. */
export const ruleOverrides = governanceSchema.table(
  'rule_overrides',
  {
    countyCode: text('county_code').notNull(),
    divisionCode: text('division_code').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    rules: text('rules').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.divisionCode, t.effectiveFrom] })],
)

/** 四议两公开: a major village matter and where it stands. */
export const matters = governanceSchema.table(
  'matters',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    /** The subject's amount or cap (fen): what the matter may authorise spending up to. */
    amount: bigint('amount', { mode: 'bigint' }),
    /** The subject: the object decided (a project, an asset, a loan …), as the minutes name it. */
    subjectObject: text('subject_object'),
    /** The subject: project ids the matter authorises (JSON array); null → at most one project. */
    subjectProjects: text('subject_projects'),
    description: text('description').notNull(),
    /** Next stage to hold (proposal … resolution), or resolved / rejected / closed. */
    state: text('state').notNull(),
    /** none → started → completed (实施). */
    implementation: text('implementation').notNull().default('none'),
    /** Set when the matter is one village's part of an alliance matter (三集中, each village decides). */
    allianceMatterId: text('alliance_matter_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('matters_village_idx').on(t.countyCode, t.villageCode),
  ],
)

/** One meeting of a matter's four stages, with the rule applied and the numbers judged. */
export const matterMeetings = governanceSchema.table(
  'matter_meetings',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    matterId: text('matter_id').notNull(),
    stage: text('stage').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** attendees, absentees, written opinions, votes, minutes, evidence, body — as recorded. */
    record: text('record').notNull(),
    /** quorum and pass judgements: rule, legal basis, base, required, count. */
    judgement: text('judgement').notNull(),
    outcome: text('outcome').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('matter_meetings_matter_idx').on(t.countyCode, t.matterId),
  ],
)

/** 两公开: the resolution disclosure and the result disclosure of a matter. */
export const matterDisclosures = governanceSchema.table(
  'matter_disclosures',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    matterId: text('matter_id').notNull(),
    kind: text('kind').notNull(),
    channels: text('channels').notNull(),
    from: date('valid_from', { mode: 'string' }).notNull(),
    until: date('valid_until', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('matter_disclosures_matter_idx').on(t.countyCode, t.matterId),
  ],
)

/** 异议: an objection to a disclosed resolution, answered within the configured days. */
export const objections = governanceSchema.table(
  'objections',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    matterId: text('matter_id').notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    outcome: text('outcome'),
    respondedOn: date('responded_on', { mode: 'string' }),
    response: text('response'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('objections_matter_idx').on(t.countyCode, t.matterId),
  ],
)

/** An alliance matter: one village matter per listed member village, each decided by its village. */
export const allianceMatters = governanceSchema.table(
  'alliance_matters',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    allianceId: text('alliance_id').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    /** The subject, as on a village matter: amount or cap (fen), object, listed project ids. */
    amount: bigint('amount', { mode: 'bigint' }),
    subjectObject: text('subject_object'),
    subjectProjects: text('subject_projects'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
)

/** 群众议事会 (乡村夜话): a village's deliberation council. */
export const councils = governanceSchema.table(
  'councils',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    villageCode: text('village_code').notNull(),
    name: text('name').notNull(),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.id] })],
)

export const councilMembers = governanceSchema.table(
  'council_members',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    councilId: text('council_id').notNull(),
    personId: text('person_id').notNull(),
    category: text('category').notNull(),
    post: text('post').notNull(),
    from: date('valid_from', { mode: 'string' }).notNull(),
    to: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('council_members_council_idx').on(t.countyCode, t.councilId),
  ],
)

/** 议题: proposed by a member, pre-reviewed by the village Party organisation (议前审查). */
export const topics = governanceSchema.table(
  'topics',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    councilId: text('council_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    proposedBy: text('proposed_by').notNull(),
    status: text('status').notNull(),
    review: text('review'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('topics_council_idx').on(t.countyCode, t.councilId),
  ],
)

/** 夜话会议: scheduled with notice, then held (minutes) or failed for want of a quorum. */
export const councilSessions = governanceSchema.table(
  'council_sessions',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    councilId: text('council_id').notNull(),
    scheduledOn: date('scheduled_on', { mode: 'string' }).notNull(),
    venue: text('venue').notNull(),
    topicIds: text('topic_ids').notNull(),
    noticeSentOn: date('notice_sent_on', { mode: 'string' }).notNull(),
    invitees: text('invitees').notNull(),
    status: text('status').notNull(),
    minutes: text('minutes'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('council_sessions_council_idx').on(t.countyCode, t.councilId),
  ],
)

/** 决议: handed to the 两委 with an owner and a due day; closed (销号) only at a session. */
export const councilResolutions = governanceSchema.table(
  'council_resolutions',
  {
    countyCode: text('county_code').notNull(),
    id: text('id').notNull(),
    councilId: text('council_id').notNull(),
    topicId: text('topic_id').notNull(),
    sessionId: text('session_id').notNull(),
    text: text('text').notNull(),
    owner: text('owner').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    closedSessionId: text('closed_session_id'),
    closure: text('closure'),
    /** The spending the resolution implies (fen), if any. */
    amount: bigint('amount', { mode: 'bigint' }),
    /** The 四议两公开 matter a resolution on a major matter opened (same county). */
    matterId: text('matter_id'),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    index('council_resolutions_council_idx').on(t.countyCode, t.councilId),
  ],
)
