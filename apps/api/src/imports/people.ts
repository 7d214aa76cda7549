import { CreatePersonInput } from '@liancun/organization'
import { type Converted, choiceOf, dateOf, textOf } from './cells.js'
import type { RowError } from './errors.js'
import { type Column, mapColumns } from './layout.js'
import type { Table } from './read-file.js'

/**
 * People of one village (the village is the import's target), one row per person. Each row goes
 * through the organisation package's own input schema (ID number check character, phone format)
 * and then its `createPerson` (ID numbers stored only as a keyed hash; a number already in the
 * county is refused), so every rule of a single registration applies.
 */
export const PEOPLE_COLUMNS = [
  { key: 'name', heading: '姓名', aliases: ['name'], required: true, note: 'the person’s name' },
  { key: 'gender', heading: '性别', aliases: ['gender'], note: 'optional: 男 / 女' },
  { key: 'birthDate', heading: '出生日期', aliases: ['birth_date'], note: 'optional date' },
  {
    key: 'phone',
    heading: '手机',
    aliases: ['手机号', '手机号码', '联系电话', '电话', 'phone'],
    note: 'optional: 11-digit mobile or a landline such as 0533-1234567',
  },
  {
    key: 'idNumber',
    heading: '身份证号',
    aliases: ['身份证号码', '公民身份号码', 'id_number'],
    note: 'optional: 18 characters, as text (an Excel number has lost its last digits); never shown again unmasked',
  },
] as const satisfies readonly Column[]

type Key = (typeof PEOPLE_COLUMNS)[number]['key']

export const GENDERS = { 男: 'male', 女: 'female' } as const

export interface CheckedPerson {
  row: number
  input: CreatePersonInput
}

const RULE_OF_FIELD: Record<string, string> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'date',
  phone: 'phone_format',
  idNumber: 'id_number',
}

/** Checks a whole people file without the database; the service checks duplicates in the county. */
export function checkPeopleRows(
  table: Table,
  villageCode: string,
): { people: CheckedPerson[]; errors: RowError[]; heading: (key: string) => string } {
  const columns = mapColumns<Key>(table, PEOPLE_COLUMNS)
  const errors: RowError[] = []
  const people: CheckedPerson[] = []
  const idRows = new Map<string, number>()
  for (const { row, cells } of table.rows) {
    const before = errors.length
    const fail = (key: Key, rule: string, message: string) =>
      errors.push({ row, column: columns.heading(key), rule, message })
    const take = <T>(key: Key, converted: Converted<T>): T | null => {
      if (converted.ok) return converted.value
      fail(key, converted.rule, converted.message)
      return null
    }
    const rawId = columns.cell(cells, 'idNumber')
    if (typeof rawId === 'number') {
      fail(
        'idNumber',
        'id_number_as_number',
        'stored as a number, Excel has rounded it: format the column as text and type the number again',
      )
    }
    const idNumber = typeof rawId === 'number' ? null : (textOf(rawId)?.toUpperCase() ?? null)
    if (idNumber !== null) {
      const earlier = idRows.get(idNumber)
      if (earlier !== undefined) fail('idNumber', 'duplicate_in_file', `the same ID number as row ${earlier}`)
      else idRows.set(idNumber, row)
    }
    const gender = take('gender', choiceOf(columns.cell(cells, 'gender'), GENDERS, 'gender'))
    const birthDate = take('birthDate', dateOf(columns.cell(cells, 'birthDate')))
    const phone = textOf(columns.cell(cells, 'phone'))
    const parsed = CreatePersonInput.safeParse({
      name: textOf(columns.cell(cells, 'name')) ?? '',
      villageCode,
      ...(gender ? { gender } : {}),
      ...(birthDate ? { birthDate } : {}),
      ...(phone ? { phone } : {}),
      ...(idNumber ? { idNumber } : {}),
    })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '')
        const key = (field in RULE_OF_FIELD ? field : 'name') as Key
        fail(key, RULE_OF_FIELD[field] ?? 'invalid', issue.message)
      }
    }
    if (parsed.success && errors.length === before) people.push({ row, input: parsed.data })
  }
  return { people, errors, heading: (key) => columns.heading(key as Key) }
}
