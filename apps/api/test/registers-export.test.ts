import { newId } from '@liancun/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ASSET_COLUMNS,
  CONTRACT_COLUMNS,
  HOLDING_COLUMNS,
  HOUSEHOLD_UNIT_COLUMNS,
  INSTALMENT_COLUMNS,
  KIND_UNIT_COLUMNS,
  MEMBER_COLUMNS,
  RESOURCE_COLUMNS,
} from '../src/exports/registers.js'
import {
  assetCategoryLabel,
  assetClassLabel,
  changeReasonLabel,
  contractKindLabel,
  depreciationLabel,
  directionLabel,
  disposalLabel,
  holderKindLabel,
  joinReasonLabel,
  leaveReasonLabel,
  ownerKindLabel,
  partyKindLabel,
  resourceKindLabel,
  resourceStatusLabel,
} from '../src/exports/registers-labels.js'
import { caller, registersWithShares } from './collective-fixtures.js'
import { csvFen, csvOf, fenOf, metaOf, sheetOf, wire } from './export-readers.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

/**
 * Exports of the five 三资 registers (issue 13 "Out of the registers"): every file is read back,
 * xlsx and CSV, and every cell compared with the JSON list it mirrors — money to the fen, 亩
 * as exact text, units as whole numbers, codes as their Chinese labels.
 */

type Kind = 'text' | 'money' | 'count'
type Expected = string | null
let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let registers: Awaited<ReturnType<typeof registersWithShares>>
const FORMULA = '=HYPERLINK("http://evil","点")'
const FORMULA_START = /^[=+\-@\t\r]/

beforeAll(async () => {
  t = await startTestApp('2024-12-31')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104203', 'MA3C4D5E')
  registers = await registersWithShares(t, books.bookkeeper, books.ledgerId)
  const bk = caller(t, books.bookkeeper)
  const base = registers.base
  await bk.post(
    `${base}/members/${registers.members[1].id}/end`,
    { leftOn: '2024-03-01', reason: 'death' },
    200,
  )
  await bk.post(`${base}/assets`, {
    name: '冷库',
    category: 'fixed',
    assetClass: 'operating',
    cost: '600000.01',
    acquiredOn: '2023-06-15',
    location: '村东',
    manager: '李明',
    owners: [
      { holderKind: 'collective', holderId: registers.id, holderName: '本社', units: '3' },
      { holderKind: 'village', holderId: '370322104201', holderName: '仇家村', units: '1' },
    ],
    depreciation: { usefulLifeMonths: 240, residualValue: '1000.00' },
  })
  const old = await bk.post(`${base}/assets`, {
    name: FORMULA,
    category: 'investment',
    assetClass: 'public_welfare',
    cost: '3000.00',
    acquiredOn: '2020-01-01',
    depreciation: { method: 'none' },
  })
  await bk.post(
    `${base}/assets/${old.id}/disposal`,
    { disposedOn: '2024-11-30', kind: 'sale', proceeds: '12.34' },
    200,
  )
  const land = await bk.post(`${base}/resources`, {
    name: '村北地',
    kind: 'farmland',
    areaMu: '1234567890.1234',
    location: '村北, "老井"旁',
  })
  await bk.post(`${base}/resources`, {
    name: '-南山',
    kind: 'forest',
    areaMu: '0.0001',
    status: 'self_operated',
  })
  await bk.post(`${base}/contracts`, {
    number: 'ZJH-2024-001',
    kind: 'transfer',
    party: { kind: 'household', id: registers.households[0].id, name: '朱明礼' },
    signedOn: '2024-01-05',
    startsOn: '2024-01-01',
    endsOn: '2026-12-31',
    amount: '2400.00',
    items: [{ kind: 'resource', id: land.id, areaMu: '80.5' }],
    schedule: [
      { dueOn: '2024-02-01', amount: '800.00', coversFrom: '2024-01-01', coversTo: '2024-12-31' },
      { dueOn: '2025-02-01', amount: '1600.00', coversFrom: '2025-01-01', coversTo: '2026-12-31' },
    ],
  })
}, 300_000)
afterAll(() => t?.close())

const url = (path: string, query: string) => `${registers.base}/${path}/export?${query}`
const get = (path: string, query: string) => t.call('GET', url(path, query), { key: books.bookkeeper })
const all = async (path: string, query = '') =>
  (await caller(t, books.bookkeeper).get(`${registers.base}/${path}?limit=500${query}`)).items

/** The rows of the table whose heading row is `headings`, up to the blank line after it. */
function tableRows(grid: unknown[][], headings: string[]): unknown[][] {
  const top = grid.findIndex((row) => headings.every((h, i) => row[i] === h))
  expect(top, headings.join(',')).toBeGreaterThan(0)
  const rows: unknown[][] = []
  for (let r = top + 1; r < grid.length && grid[r]?.some((v) => v !== null && v !== ''); r++)
    rows.push(grid[r]!)
  return rows
}

/** One cell read back against the JSON's value: exact text (defused in CSV), fen, whole number. */
function expectCell(cell: unknown, kind: Kind, expected: Expected, format: 'xlsx' | 'csv', where: string) {
  if (kind === 'money') {
    const fen = format === 'xlsx' ? fenOf(cell) : csvFen(cell as string)
    expect(fen, where).toBe(expected === null ? 0n : wire(expected))
  } else if (kind === 'count') {
    const read = format === 'xlsx' || cell === undefined || cell === '' ? (cell ?? null) : Number(cell)
    expect(read === '' ? null : read, where).toBe(expected === null ? null : Number(expected))
  } else {
    const value = cell === null || cell === undefined ? '' : cell
    const text = expected ?? ''
    expect(value, where).toBe(format === 'csv' && FORMULA_START.test(text) ? `'${text}` : text)
  }
}

async function expectTable(
  path: string,
  query: string,
  columns: { heading: string; kind: Kind }[],
  expected: Expected[][],
) {
  const headings = columns.map((c) => c.heading)
  const xlsx = await sheetOf(await get(path, `${query}&format=xlsx`))
  const csv = csvOf(await get(path, `${query}&format=csv`))
  for (const [format, grid] of [
    ['xlsx', xlsx.grid],
    ['csv', csv],
  ] as const) {
    const rows = tableRows(grid, headings)
    expect(rows.length, `${path} ${format}`).toBe(expected.length)
    for (const [r, row] of expected.entries()) {
      for (const [c, value] of row.entries()) {
        expectCell(rows[r]![c], columns[c]!.kind, value, format, `${path} ${format} r${r} ${headings[c]}`)
      }
    }
  }
  return { xlsx, csv }
}

describe('三资 register exports', () => {
  it('成员名册: every member with 户号, head and dated membership, all or as of a day', async () => {
    const households = new Map((await all('households')).map((h: { id: string }) => [h.id, h]))
    const rowsOf = (members: Record<string, string | null>[]) =>
      members.map((m) => {
        const h = households.get(m.householdId!) as { number: string; headName: string }
        return [
          m.id!,
          h.number,
          h.headName,
          m.name!,
          m.personId ?? '',
          m.joinedOn!,
          joinReasonLabel(m.joinReason),
          m.leftOn ?? '',
          leaveReasonLabel(m.leaveReason),
        ]
      })
    const everyone = await all('members')
    expect(everyone).toHaveLength(4)
    const { xlsx } = await expectTable('members', 'x=1', MEMBER_COLUMNS, rowsOf(everyone))
    expect(metaOf(xlsx.grid)).toMatchObject({
      编制单位: '370322104203 股份经济合作社',
      面积单位: '亩',
      金额单位: '元',
    })
    const onDay = await all('members', '&asOf=2024-03-01')
    expect(onDay).toHaveLength(3)
    await expectTable('members', 'asOf=2024-03-01', MEMBER_COLUMNS, rowsOf(onDay))
  })

  it('股权登记簿: holdings, units per household and per kind, as of a day', async () => {
    const register = await caller(t, books.bookkeeper).get(`${registers.base}/share-register?asOf=2024-12-20`)
    const members = new Map((await all('members')).map((m: { id: string }) => [m.id, m]))
    const households = new Map((await all('households')).map((h: { id: string }) => [h.id, h]))
    const kinds = new Map(register.kinds.map((k: { id: string; name: string }) => [k.id, k.name]))
    const holder = (h: { holderKind: string; holderId: string }) => {
      if (h.holderKind === 'collective') return ['370322104203 股份经济合作社', '']
      const m = members.get(h.holderId) as { name: string; householdId: string }
      return [m.name, (households.get(m.householdId) as { number: string }).number]
    }
    const holdings = register.holdings.map(
      (h: {
        id: string
        kindId: string
        holderKind: string
        holderId: string
        units: string
        validFrom: string
        reason: string
      }) => [
        h.id,
        kinds.get(h.kindId) as string,
        holderKindLabel(h.holderKind),
        h.holderId,
        ...holder(h),
        h.units,
        h.validFrom,
        changeReasonLabel(h.reason),
      ],
    )
    expect(holdings).toHaveLength(5)
    await expectTable('share-register', 'asOf=2024-12-20', HOLDING_COLUMNS, holdings)
    await expectTable('share-register', 'asOf=2024-12-20', HOUSEHOLD_UNIT_COLUMNS, [
      ...register.households.map((h: { number: string; headName: string; units: string }) => [
        h.number,
        h.headName,
        h.units,
      ]),
      ['集体股', '370322104203 股份经济合作社', register.collectiveUnits],
      ['合计', '', register.totalUnits],
    ])
    await expectTable(
      'share-register',
      'asOf=2024-12-20',
      KIND_UNIT_COLUMNS,
      register.kinds.map((k: { name: string; holder: string; units: string }) => [
        k.name,
        holderKindLabel(k.holder),
        k.units,
      ]),
    )
  })

  it('资产台账: cost, depreciation, net value, owners and disposal at the end of a day, totals to the fen', async () => {
    const assets = await all('assets', '&asOf=2024-12-31')
    expect(assets).toHaveLength(2)
    type A = (typeof assets)[number]
    const rows = assets.map((a: A) => [
      a.id,
      a.name,
      assetCategoryLabel(a.category),
      assetClassLabel(a.assetClass),
      a.acquiredOn,
      a.cost,
      a.accumulatedDepreciation,
      a.netBookValue,
      depreciationLabel(a.depreciation.method),
      a.depreciation.usefulLifeMonths === null ? null : String(a.depreciation.usefulLifeMonths),
      a.depreciation.residualValue,
      a.location,
      a.manager,
      a.owners.map((o: A) => `${ownerKindLabel(o.holderKind)} ${o.holderName}:${o.units}`).join('；'),
      a.fundSourceIds.join(' '),
      a.projectIds.join(' '),
      a.disposal?.disposedOn ?? '',
      disposalLabel(a.disposal?.kind),
      a.disposal ? a.disposal.proceeds : null,
    ])
    const sum = (key: string) =>
      (assets.reduce((s: bigint, a: A) => s + wire(a[key]), 0n) as bigint)
        .toString()
        .replace(/(\d\d)$/, '.$1')
    rows.push([
      '合计',
      '',
      '',
      '',
      '',
      sum('cost'),
      sum('accumulatedDepreciation'),
      sum('netBookValue'),
      ...Array(11).fill(null),
    ])
    // The 合计 row's cells after 净值 are empty.
    const { csv } = await expectTable('assets', 'asOf=2024-12-31', ASSET_COLUMNS, rows)
    // A name typed as a formula is defused in CSV (and plain text in the workbook).
    expect(csv.some((row) => row[1] === `'${FORMULA}`)).toBe(true)
  })

  it('资源台账: 亩 exactly as the register holds them (no double), status labels, quoting', async () => {
    const resources = await all('resources')
    const rows = resources.map((r: Record<string, string>) => [
      r.id!,
      r.name!,
      resourceKindLabel(r.kind),
      r.areaMu!,
      r.location!,
      resourceStatusLabel(r.status),
      r.note!,
    ])
    expect(rows.map((r: string[]) => r[3])).toEqual(['1234567890.1234', '0.0001'])
    const { xlsx } = await expectTable('resources', 'x=1', RESOURCE_COLUMNS, rows)
    expect(xlsx.grid.flat()).not.toContain(1234567890.1234)
    const idle = await all('resources', '&status=idle')
    await expectTable(
      'resources',
      'status=idle',
      RESOURCE_COLUMNS,
      rows.filter((r: string[]) => idle.some((i: { id: string }) => i.id === r[0])),
    )
  })

  it('合同台账: party, object, term, amount, received and overdue, and every instalment', async () => {
    const contracts = await all('contracts')
    const resources = new Map(
      (await all('resources')).map((r: { id: string; name: string }) => [r.id, r.name]),
    )
    type K = (typeof contracts)[number]
    const fen = (ps: K[]) => ps.reduce((s: bigint, p: K) => s + wire(p.amount), 0n)
    const money = (f: bigint) =>
      f
        .toString()
        .padStart(3, '0')
        .replace(/(\d\d)$/, '.$1')
    await expectTable(
      'contracts',
      'x=1',
      CONTRACT_COLUMNS,
      contracts.map((c: K) => [
        c.number,
        contractKindLabel(c.kind),
        directionLabel(c.direction),
        partyKindLabel(c.party.kind),
        c.party.name,
        c.signedOn,
        c.startsOn,
        c.endsOn,
        c.amount,
        c.items.map((i: K) => `${resources.get(i.id)} ${i.areaMu}亩`).join('、'),
        money(fen(c.schedule.filter((p: K) => p.receivedOn !== null))),
        money(fen(c.schedule.filter((p: K) => p.overdue))),
        c.matterId ?? '',
        c.id,
      ]),
    )
    expect(contracts[0].schedule[0].overdue).toBe(true)
    await expectTable(
      'contracts',
      'x=1',
      INSTALMENT_COLUMNS,
      contracts.flatMap((c: K) =>
        c.schedule.map((p: K) => [
          c.number,
          String(p.seq),
          p.dueOn,
          p.amount,
          p.coversFrom,
          p.coversTo,
          p.receivedOn ?? '',
          p.overdue ? '是' : '否',
        ]),
      ),
    )
  })

  it('names the file, refuses bad input (400), an unknown register (404), no key (401), another village (403)', async () => {
    const file = await get('assets', 'format=xlsx')
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="assets_370322104203_2024-12-31\.xlsx"/,
    )
    problem(await get('assets', 'format=pdf'), 400)
    problem(await get('share-register', 'format=csv'), 400)
    problem(await get('resources', 'status=sold'), 400)
    problem(await get('contracts', 'expiringWithin=-1'), 400)
    problem(
      await t.call('GET', `/v1/collectives/${newId('370322')}/members/export`, { key: books.bookkeeper }),
      404,
      'collective.collective_not_found',
    )
    problem(await t.call('GET', url('members', 'format=csv'), { key: null }), 401)
    const other = await t.mintKey('clerk', '370322104201')
    problem(await t.call('GET', url('contracts', 'format=csv'), { key: other }), 403)
    const clerk = await t.mintKey('clerk', '370322104203')
    expect((await t.call('GET', url('resources', 'format=csv'), { key: clerk })).statusCode).toBe(200)
  })
})
