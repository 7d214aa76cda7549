import { isId } from '@liancun/core'
import {
  AddPartyMemberInput,
  AddRepresentativeInput,
  AppointVillagePostInput,
  type POST_BODIES,
} from '@liancun/organization'
import type { z } from 'zod'
import { type Converted, choiceOf, countOf, dateOf, textOf } from './cells.js'
import type { RowError } from './errors.js'
import { type Column, mapColumns } from './layout.js'
import type { Cell, Table } from './read-file.js'

/**
 * Rosters of one village: Party members (党员名册), 村民代表, and the posts of the village bodies.
 * A row names its person by 人员ID (as GET /v1/people and a people import return it) or by 姓名
 * alone when exactly one person of the village has that name. Each row goes through the
 * organisation package's input schema here and its service call when written, so every rule of a
 * single entry (overlapping terms, one 书记 at a time, …) applies.
 */
const PERSON_COLUMNS = [
  { key: 'name', heading: '姓名', aliases: ['name'], required: true, note: 'the person’s name' },
  {
    key: 'personId',
    heading: '人员ID',
    aliases: ['人员编号', 'person_id'],
    note: 'optional: the person’s id; needed when two people of the village share the name, or for a holder from another village',
  },
] as const satisfies readonly Column[]

export const PARTY_MEMBER_COLUMNS = [
  ...PERSON_COLUMNS,
  {
    key: 'status',
    heading: '党员类别',
    aliases: ['类别', 'status'],
    required: true,
    note: '正式党员 or 预备党员',
  },
  {
    key: 'from',
    heading: '起始日期',
    aliases: ['入党日期', '日期', 'from'],
    required: true,
    note: 'since when, in this status',
  },
] as const satisfies readonly Column[]

export const REPRESENTATIVE_COLUMNS = [
  ...PERSON_COLUMNS,
  { key: 'households', heading: '联系户数', aliases: ['户数', 'households'], note: 'optional whole number' },
  {
    key: 'from',
    heading: '任期开始',
    aliases: ['开始日期', 'from'],
    required: true,
    note: 'first day of the term',
  },
  { key: 'to', heading: '任期结束', aliases: ['结束日期', 'to'], note: 'optional last day (inclusive)' },
] as const satisfies readonly Column[]

export const VILLAGE_POST_COLUMNS = [
  ...PERSON_COLUMNS,
  {
    key: 'body',
    heading: '组织',
    aliases: ['机构', 'body'],
    required: true,
    note: '党支部 / 村委会 / 村务监督委员会',
  },
  {
    key: 'title',
    heading: '职务',
    aliases: ['title'],
    required: true,
    note: '书记, 副书记, 委员; 主任, 副主任, 委员',
  },
  {
    key: 'from',
    heading: '任职开始',
    aliases: ['开始日期', 'from'],
    required: true,
    note: 'first day in post',
  },
  { key: 'to', heading: '任职结束', aliases: ['结束日期', 'to'], note: 'optional last day (inclusive)' },
] as const satisfies readonly Column[]

export const PARTY_STATUSES = {
  正式党员: 'full',
  正式: 'full',
  预备党员: 'probationary',
  预备: 'probationary',
} as const

export const POST_BODY_NAMES: Record<string, (typeof POST_BODIES)[number]> = {
  党支部: 'party_branch',
  支部委员会: 'party_branch',
  党支部委员会: 'party_branch',
  村委会: 'village_committee',
  村民委员会: 'village_committee',
  村务监督委员会: 'supervision_committee',
  监委会: 'supervision_committee',
}

/** 职务 → the title of that body (委员 is `committee_member` in the branch, `member` elsewhere). */
export function postTitleOf(body: string, title: string): string {
  const names: Record<string, string> =
    body === 'party_branch'
      ? { 书记: 'secretary', 副书记: 'deputy_secretary', 委员: 'committee_member' }
      : { 主任: 'chair', 副主任: 'vice_chair', 委员: 'member' }
  return names[title] ?? title
}

/** The person a roster row names; resolved against the village's people when written. */
export interface PersonRef {
  name: string
  personId: string | null
}

export interface CheckedRosterRow<I> {
  row: number
  person: PersonRef
  /** The service input, once the person's id is known. */
  input: (personId: string) => I
}

export type RosterTarget = 'party-members' | 'representatives' | 'village-posts'

/** Stands in for the person while the row's other fields go through the input schema. */
const PLACEHOLDER_ID = '00000000-0000-7000-8000-000000000000'

type Values = Record<string, unknown>

interface RosterLayout<I> {
  columns: readonly Column[]
  schema: z.ZodType<I>
  /** The input fields of a row (without personId); refusals of cell formats go to `fail`. */
  values(cell: (key: string) => Cell, take: <T>(key: string, c: Converted<T>) => T | null): Values
}

const LAYOUTS: { [T in RosterTarget]: RosterLayout<unknown> } = {
  'party-members': {
    columns: PARTY_MEMBER_COLUMNS,
    schema: AddPartyMemberInput as z.ZodType<unknown>,
    values: (cell, take) => ({
      status: take('status', choiceOf(cell('status'), PARTY_STATUSES, 'party_status')) ?? '',
      from: take('from', dateOf(cell('from'))) ?? '',
    }),
  },
  representatives: {
    columns: REPRESENTATIVE_COLUMNS,
    schema: AddRepresentativeInput as z.ZodType<unknown>,
    values: (cell, take) => {
      const households = take('households', countOf(cell('households')))
      const to = take('to', dateOf(cell('to')))
      return {
        ...(households !== null ? { households } : {}),
        from: take('from', dateOf(cell('from'))) ?? '',
        ...(to ? { to } : {}),
      }
    },
  },
  'village-posts': {
    columns: VILLAGE_POST_COLUMNS,
    schema: AppointVillagePostInput as z.ZodType<unknown>,
    values: (cell, take) => {
      const body = take('body', choiceOf(cell('body'), POST_BODY_NAMES, 'post_body')) ?? ''
      const to = take('to', dateOf(cell('to')))
      return {
        body,
        title: postTitleOf(body, textOf(cell('title')) ?? ''),
        from: take('from', dateOf(cell('from'))) ?? '',
        ...(to ? { to } : {}),
      }
    },
  },
}

export const ROSTER_COLUMNS: { [T in RosterTarget]: readonly Column[] } = {
  'party-members': PARTY_MEMBER_COLUMNS,
  representatives: REPRESENTATIVE_COLUMNS,
  'village-posts': VILLAGE_POST_COLUMNS,
}

const RULE_OF_FIELD: Record<string, string> = {
  status: 'party_status',
  from: 'date',
  to: 'date_order',
  households: 'count_format',
  body: 'post_body',
  title: 'post_title',
}

/** Checks a whole roster file without the database; the service checks terms and people when written. */
export function checkRosterRows(
  table: Table,
  target: RosterTarget,
): { rows: CheckedRosterRow<unknown>[]; errors: RowError[]; heading: (key: string) => string } {
  const layout = LAYOUTS[target]
  const columns = mapColumns(table, layout.columns)
  const errors: RowError[] = []
  const rows: CheckedRosterRow<unknown>[] = []
  for (const { row, cells } of table.rows) {
    const before = errors.length
    const fail = (key: string, rule: string, message: string) =>
      errors.push({ row, column: columns.heading(key), rule, message })
    const take = <T>(key: string, converted: Converted<T>): T | null => {
      if (converted.ok) return converted.value
      fail(key, converted.rule, converted.message)
      return null
    }
    const name = textOf(columns.cell(cells, 'name'))
    if (name === null) fail('name', 'required', 'every row names its person (姓名)')
    const personId = textOf(columns.cell(cells, 'personId'))
    if (personId !== null && !isId(personId)) fail('personId', 'person_id', 'must be a person’s id (a UUID)')
    const values = layout.values((key) => columns.cell(cells, key), take)
    const parsed = layout.schema.safeParse({ ...values, personId: PLACEHOLDER_ID })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '')
        // Cells already refused keep their one error; the schema speaks for the rest.
        if (errors.slice(before).some((e) => e.column === columns.heading(field))) continue
        fail(field in RULE_OF_FIELD ? field : 'name', RULE_OF_FIELD[field] ?? 'invalid', issue.message)
      }
    }
    if (errors.length > before || !parsed.success || name === null) continue
    const input = parsed.data as Values
    rows.push({ row, person: { name, personId }, input: (id) => ({ ...input, personId: id }) })
  }
  return { rows, errors, heading: columns.heading }
}
