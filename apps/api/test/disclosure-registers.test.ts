import { createHash } from 'node:crypto'
import { newId } from '@liancun/core'
import { NO_REGISTERS_NOTE, type RegistersSection } from '@liancun/ledger'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STATUS_NOTE } from '../src/workflows/disclosure-registers.js'
import { caller } from './collective-fixtures.js'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { villageBooks } from './ledger-helpers.js'

/**
 * 三资公开 in 财务公开 (issue 13 "Out of the registers"): a village's published disclosure carries
 * its asset cards, resources and contracts as of the period's end, inside the hashed content;
 * the public JSON and the printable board show them, escaped; a village without registers
 * shows empty parts with a note.
 */

let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>
let bare: Awaited<ReturnType<typeof villageBooks>>
let base: string
const HOSTILE = '<script>alert(1)</script>村北地'

async function closeQ1(reviewer: string, ledgerId: string) {
  for (const period of ['2024-01', '2024-02', '2024-03']) {
    const closed = await t.call('POST', `/v1/ledgers/${ledgerId}/periods/${period}/close`, {
      key: reviewer,
      body: {},
    })
    expect(closed.statusCode, closed.body).toBe(200)
  }
}

beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  books = await villageBooks(t, '370322104203', 'MA3C4D5E')
  bare = await villageBooks(t, '370322104202', 'MA3C4D5F')
  const bk = caller(t, books.bookkeeper)
  const registers = await bk.post('/v1/collectives', { ledgerId: books.ledgerId })
  base = `/v1/collectives/${registers.id}`
  const card = (name: string, cost: string, acquiredOn: string, owners: unknown[] = []) =>
    bk.post(`${base}/assets`, {
      name,
      category: 'fixed',
      assetClass: 'operating',
      cost,
      acquiredOn,
      owners,
      depreciation: { usefulLifeMonths: 240 },
    })
  await card('冷库', '600000.00', '2023-06-15', [
    { holderKind: 'collective', holderId: registers.id, holderName: '李孟德村股份经济合作社', units: '3' },
    { holderKind: 'village', holderId: '370322104201', holderName: '仇家村', units: '1' },
  ])
  // Acquired after the period: not on the Q1 disclosure.
  await card('新仓库', '10000.00', '2024-05-02')
  const land = await bk.post(`${base}/resources`, {
    name: HOSTILE,
    kind: 'farmland',
    areaMu: '80.25',
    location: '村北',
    status: 'idle',
  })
  await bk.post(`${base}/resources`, { name: '南山林', kind: 'forest', areaMu: '0.05' })
  await bk.post(`${base}/contracts`, {
    number: 'LMD-2024-001',
    kind: 'transfer',
    party: { kind: 'enterprise', name: '高青县丰收合作社' },
    signedOn: '2024-01-05',
    startsOn: '2024-01-01',
    endsOn: '2028-12-31',
    amount: '40000.00',
    items: [{ kind: 'resource', id: land.id, areaMu: '80' }],
    schedule: [
      { dueOn: '2024-02-01', amount: '8000.00', coversFrom: '2024-01-01', coversTo: '2024-12-31' },
      { dueOn: '2025-02-01', amount: '32000.00', coversFrom: '2025-01-01', coversTo: '2028-12-31' },
    ],
  })
  await closeQ1(books.reviewer, books.ledgerId)
  await closeQ1(bare.reviewer, bare.ledgerId)
}, 300_000)
afterAll(() => t?.close())

describe('三资公开 in 财务公开', () => {
  let disclosure: { id: string; content: string; sha256: string; document: { registers: RegistersSection } }

  it('publishes assets, resources and contracts as of the period end, covered by the hash', async () => {
    disclosure = await caller(t, books.reviewer).post(`/v1/ledgers/${books.ledgerId}/disclosures`, {
      period: '2024-Q1',
    })
    expect(createHash('sha256').update(disclosure.content).digest('hex')).toBe(disclosure.sha256)
    const registers = JSON.parse(disclosure.content).registers
    expect(registers).toEqual(disclosure.document.registers)
    expect(registers.asOf).toBe('2024-03-31')
    // 冷库 600000.00 over 240 months from 2023-07: 9 months by 2024-03-31 → 22,500.00.
    expect(registers.assets.items).toEqual([
      {
        name: '冷库',
        assetClass: '经营性',
        category: '固定资产',
        acquiredOn: '2023-06-15',
        cost: '600000.00',
        accumulatedDepreciation: '22500.00',
        netBookValue: '577500.00',
        owners: [
          { name: '李孟德村股份经济合作社', units: '3', of: '4' },
          { name: '仇家村', units: '1', of: '4' },
        ],
      },
    ])
    expect(registers.assets.totals).toEqual({
      cost: '600000.00',
      accumulatedDepreciation: '22500.00',
      netBookValue: '577500.00',
    })
    expect(registers.resources.items).toEqual([
      { name: HOSTILE, kind: '耕地', areaMu: '80.25', location: '村北', status: '发包' },
      { name: '南山林', kind: '林地', areaMu: '0.05', location: '', status: '闲置' },
    ])
    expect(registers.resources.totalAreaMu).toBe('80.3')
    expect(registers.resources.note).toBe(STATUS_NOTE)
    expect(registers.contracts.items).toEqual([
      {
        number: 'LMD-2024-001',
        kind: '流转',
        party: '高青县丰收合作社',
        object: `${HOSTILE} 80亩`,
        signedOn: '2024-01-05',
        term: { from: '2024-01-01', to: '2028-12-31' },
        amount: '40000.00',
        received: '0.00',
        due: '8000.00',
        overdue: '8000.00',
        outstanding: '40000.00',
      },
    ])
    expect(registers.contracts.note).toBeNull()
  })

  it('serves them in the public record and escapes them on the board', async () => {
    const url = `/v1/public/villages/370322104203/financial-disclosures/${disclosure.id}`
    const record = await t.call('GET', url, { key: null })
    expect(record.statusCode).toBe(200)
    expect(record.json().content).toBe(disclosure.content)
    const board = await t.call('GET', `${url}/board`, { key: null })
    expect(board.statusCode, board.body).toBe(200)
    expect(board.body).toContain('九、资产（2024-03-31）')
    expect(board.body).toContain('577500.00')
    expect(board.body).toContain('仇家村 1/4')
    expect(board.body).toContain('十、资源')
    expect(board.body).toContain('面积合计：80.3 亩')
    expect(board.body).toContain('十一、合同（收款截至 2024-03-31）')
    expect(board.body).toContain('高青县丰收合作社')
    expect(board.body).not.toContain('<script>alert(1)</script>')
    expect(board.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;村北地')
  })

  it('shows a village without registers as empty parts with a note, not an error', async () => {
    const empty = await caller(t, bare.reviewer).post(`/v1/ledgers/${bare.ledgerId}/disclosures`, {
      period: '2024-Q1',
    })
    const registers = empty.document.registers
    expect(registers.assets).toMatchObject({ items: [], note: NO_REGISTERS_NOTE })
    expect(registers.resources).toMatchObject({ items: [], note: NO_REGISTERS_NOTE })
    expect(registers.contracts).toMatchObject({ items: [], note: NO_REGISTERS_NOTE })
    const board = await t.call(
      'GET',
      `/v1/public/villages/370322104202/financial-disclosures/${empty.id}/board`,
      { key: null },
    )
    expect(board.statusCode).toBe(200)
    expect(board.body).toContain(NO_REGISTERS_NOTE)
  })

  it('refuses as before: a period not closed (422), an unknown ledger (404), no key (401), a clerk (403)', async () => {
    const open = await t.call('POST', `/v1/ledgers/${books.ledgerId}/disclosures`, {
      key: books.reviewer,
      body: { period: '2024-04' },
    })
    problem(open, 422, 'ledger.period_not_closed')
    const unknown = await t.call('POST', `/v1/ledgers/${newId('370322')}/disclosures`, {
      body: { period: '2024-Q1' },
    })
    problem(unknown, 404)
    problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/disclosures`, {
        key: null,
        body: { period: '2024-Q1' },
      }),
      401,
    )
    const clerk = await t.mintKey('clerk', '370322104203')
    problem(
      await t.call('POST', `/v1/ledgers/${books.ledgerId}/disclosures`, {
        key: clerk,
        body: { period: '2024-Q1' },
      }),
      403,
    )
  })
})
