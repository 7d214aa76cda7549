import { describe, expect, it } from 'vitest'
import { FileRejected } from './errors.js'
import { mapColumns, normalizeHeading } from './layout.js'
import { checkPeopleRows } from './people.js'
import type { Cell, Table } from './read-file.js'
import { checkRosterRows, postTitleOf } from './rosters.js'
import { checkVoucherRows } from './vouchers.js'
import { voucherChunks } from './writers.js'

/** The row checks of each layout, without a database. */

const table = (headers: string[], ...rows: Cell[][]): Table => ({
  headers,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
})
const brief = (errors: { row: number; column: string | null; rule: string }[]) =>
  errors.map((e) => [e.row, e.column, e.rule])
const rejection = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (error instanceof FileRejected) return brief(error.errors)
    throw error
  }
  return null
}

const V = ['凭证号', '日期', '摘要', '科目编码', '借方', '贷方', '制单人', '审核人']

describe('headings', () => {
  it('match after dropping spaces, a * and a unit', () => {
    expect(normalizeHeading(' 借方金额（元）* ')).toBe('借方金额')
    expect(normalizeHeading('Debit')).toBe('debit')
  })

  it('every missing, unknown and repeated heading is named on row 1; 序号 is ignored', () => {
    const layout = [
      { key: 'a', heading: '甲', required: true, note: '' },
      { key: 'b', heading: '乙', aliases: ['B'], note: '' },
      { key: 'c', heading: '丙', required: true, note: '' },
    ]
    expect(rejection(() => mapColumns(table(['序号', '乙', 'b', '丁'], []), layout))).toEqual([
      [1, 'b', 'duplicate_column'],
      [1, '丁', 'unknown_column'],
      [1, '甲', 'missing_column'],
      [1, '丙', 'missing_column'],
    ])
    const columns = mapColumns(table(['丙', '序号', '甲'], []), layout)
    expect(columns.cell(['c', 1, 'a'], 'a')).toBe('a')
    expect(columns.cell(['c', 1, 'a'], 'b')).toBeNull()
  })
})

describe('checkVoucherRows', () => {
  it('groups lines by 凭证号 (in any order), voucher values from any line', () => {
    const { vouchers, errors } = checkVoucherRows(
      table(
        V,
        ['A', '2024-01-02', '租金', '102', '10.00', null, '王', '李'],
        ['B', '2024-01-01', '电费', '511', '1.00', null, '王', '李'],
        ['A', null, null, '503', null, '10', null, null],
        ['B', '2024-01-01', '电费', '102', null, '1.00', '王', '李'],
      ),
    )
    expect(errors).toEqual([])
    expect(vouchers.map((v) => [v.input.source.ref, v.input.date, v.rows])).toEqual([
      ['A', '2024-01-02', [2, 4]],
      ['B', '2024-01-01', [3, 5]],
    ])
    expect(vouchers[0]!.input).toMatchObject({
      summary: '租金',
      source: { ref: 'A', preparer: '王', reviewer: '李' },
      lines: [
        { account: '102', debit: 1000n, summary: '租金' },
        { account: '503', credit: 1000n },
      ],
    })
    // Earliest first, file order within a day: the order the ledger numbers them in.
    expect(voucherChunks(vouchers).map((chunk) => chunk.map((v) => v.input.source.ref))).toEqual([['B', 'A']])
  })

  it('reports each cell once and every voucher rule: one side, balance, agreement, a line alone', () => {
    const { vouchers, errors } = checkVoucherRows(
      table(
        V,
        ['A', '2024-02-30', '坏日期', '102', '1.00', null, '王', '李'],
        ['A', '2024-02-28', '坏日期', '503', null, '1.00', '王', '李'],
        ['B', '2024-01-01', '两边', '102', '1.00', '1.00', '王', '李'],
        ['B', '2024-01-01', '两边', '503', null, '1.00', '王', '李'],
        ['C', '2024-01-01', '不平', '102', '1.00', null, '王', '李'],
        ['C', '2024-01-01', '不平', '503', null, '1.01', '王', '李'],
        ['D', '2024-01-01', '一行', '102', '1.00', null, '王', '李'],
        ['E', '2024-01-01', '审核不一', '102', '1.00', null, '王', '李'],
        ['E', '2024-01-01', '审核不一', '503', null, '1.00', '王', '赵'],
        ['F', '2024-01-01', '', '1', '1.00', null, '', '李'],
        ['F', '2024-01-01', '', '503', null, '1.00', '', '李'],
      ),
    )
    expect(vouchers).toEqual([])
    expect(brief(errors)).toEqual([
      [2, '日期', 'date_format'],
      [4, '借方', 'one_side'],
      [6, null, 'unbalanced'],
      [8, null, 'line_count'],
      [10, '审核人', 'voucher_inconsistent'],
      [11, '摘要', 'summary'],
      [11, '科目编码', 'account_code'],
      [11, '制单人', 'preparer'],
    ])
    expect(errors.find((e) => e.rule === 'unbalanced')?.message).toBe('voucher C: 借方 1.00 ≠ 贷方 1.01')
  })

  it('chunks at the ledger import’s limits, in date order', () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({
      input: { date: i % 2 ? '2024-01-02' : '2024-01-01', lines: [{}, {}] },
      rows: [i],
    })) as never
    const chunks = voucherChunks(many)
    expect(chunks.map((c) => c.length)).toEqual([2000, 1])
    expect((chunks[0]![0] as { rows: number[] }).rows).toEqual([0])
    expect((chunks[1]![0] as { rows: number[] }).rows).toEqual([1999])
  })
})

describe('checkPeopleRows', () => {
  it('normalises x to X, refuses an ID number stored as a number, names duplicates by row', () => {
    const { people, errors } = checkPeopleRows(
      table(
        ['姓名', '性别', '身份证号'],
        ['甲', '男', '11010519491231002x'],
        ['乙', '女', 110105194912310020],
        ['丙', null, '11010519491231002X'],
        ['丁', '女', null],
      ),
      '370322104203',
    )
    expect(people.map((p) => [p.row, p.input.name, p.input.idNumber])).toEqual([
      [2, '甲', '11010519491231002X'],
      [5, '丁', undefined],
    ])
    expect(brief(errors)).toEqual([
      [3, '身份证号', 'id_number_as_number'],
      [4, '身份证号', 'duplicate_in_file'],
    ])
  })
})

describe('checkRosterRows', () => {
  it('maps 组织 and 职务 to the body’s titles', () => {
    expect(postTitleOf('party_branch', '委员')).toBe('committee_member')
    expect(postTitleOf('village_committee', '委员')).toBe('member')
    expect(postTitleOf('supervision_committee', '主任')).toBe('chair')
    expect(postTitleOf('village_committee', 'vice_chair')).toBe('vice_chair')
    const { rows, errors } = checkRosterRows(
      table(['姓名', '组织', '职务', '任职开始'], ['甲', '村委会', '副主任', '2021-01-01']),
      'village-posts',
    )
    expect(errors).toEqual([])
    expect(rows[0]!.input('019a4c1e-7b2a-7c3d-8e4f-0123456789ab')).toEqual({
      body: 'village_committee',
      title: 'vice_chair',
      personId: '019a4c1e-7b2a-7c3d-8e4f-0123456789ab',
      from: '2021-01-01',
    })
  })

  it('Party members: a status by name, a date; each bad cell once', () => {
    const { rows, errors } = checkRosterRows(
      table(
        ['姓名', '人员ID', '党员类别', '起始日期'],
        ['甲', null, '预备党员', '2024-01-01'],
        [null, 'x', '党员', '2024-01-01'],
        ['丙', null, '正式', 'soon'],
      ),
      'party-members',
    )
    expect(rows.map((r) => [r.row, r.person])).toEqual([[2, { name: '甲', personId: null }]])
    expect(brief(errors)).toEqual([
      [3, '姓名', 'required'],
      [3, '人员ID', 'person_id'],
      [3, '党员类别', 'party_status'],
      [4, '起始日期', 'date_format'],
    ])
  })

  it('representatives: a term’s end not before its start', () => {
    const { errors } = checkRosterRows(
      table(['姓名', '任期开始', '任期结束', '联系户数'], ['甲', '2024-01-01', '2023-12-31', '1.5']),
      'representatives',
    )
    expect(brief(errors)).toEqual([
      [2, '联系户数', 'count_format'],
      [2, '任期结束', 'date_order'],
    ])
  })
})

describe('the README’s column layouts', () => {
  it('name every heading of every layout, and whether it is required', async () => {
    const { readFileSync } = await import('node:fs')
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8')
    const section = readme.slice(
      readme.indexOf('\n## Imports'),
      readme.indexOf('\n## ', readme.indexOf('\n## Imports') + 1),
    )
    const { VOUCHER_COLUMNS } = await import('./vouchers.js')
    const { PEOPLE_COLUMNS } = await import('./people.js')
    const { ROSTER_COLUMNS } = await import('./rosters.js')
    const layouts = [VOUCHER_COLUMNS, PEOPLE_COLUMNS, ...Object.values(ROSTER_COLUMNS)]
    const missing = layouts
      .flat()
      .filter((c) => !section.includes(`${c.heading}${'required' in c && c.required ? '*' : ''}`))
      .map((c) => c.heading)
    expect(missing).toEqual([])
  })
})
