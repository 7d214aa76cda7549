import { readFileSync } from 'node:fs'
import { acrossCounties, fixedClock, selectRows } from '@liancun/core'
import { createTestDatabase, type TestDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLedgerService, type LedgerService, migrateLedger } from '../src/index.js'
import { BOOKKEEPER, REVIEWER, uscc } from './fixtures.js'

/**
 * 飞地抱团 between two counties: the link is kept in each side's county, so each side reads it
 * from its own (on Citus: its own shard), posting either side posts both, and neither county's
 * books take it for money moving inside themselves.
 */

let database: TestDatabase
let ledger: LedgerService
const clock = fixedClock('2024-06-30T04:00:00Z')
let near = ''
let far = ''
let link: Awaited<ReturnType<LedgerService['createLink']>>

const linkRows = (id: string) =>
  acrossCounties(database.db, 'ops.whole-database', (db) =>
    selectRows<{ county_code: string; from_county_code: string; to_county_code: string }>(
      db,
      sql`select county_code, from_county_code, to_county_code from ledger.ledger_links
          where id = ${id} order by county_code`,
    ),
  )

beforeAll(async () => {
  database = await createTestDatabase('ledger', migrateLedger)
  ledger = createLedgerService({ db: database.db, clock })
  const open = async (villageCode: string, body: string) =>
    (
      await ledger.createLedger({
        villageCode,
        collective: { name: `${villageCode} 股份经济合作社`, uscc: uscc(body) },
        firstPeriod: '2024-01',
        chart: 'rcea-2023',
      })
    ).id
  near = await open('370322104203', 'MA3C4D7A')
  far = await open('370323100001', 'MA3C4D7B')
  for (const id of [near, far]) {
    await ledger.setOpeningBalances(id, {
      lines: [
        { account: '102', debit: 1000_00n },
        { account: '301', credit: 1000_00n },
      ],
    })
  }
  link = await ledger.createLink(
    {
      date: '2024-05-01',
      summary: '跨县飞地抱团投资',
      amount: 300_00n,
      purpose: 'investment',
      from: { ledgerId: near, debit: '141', credit: '102' },
      to: { ledgerId: far, debit: '102', credit: '301' },
    },
    BOOKKEEPER,
  )
})
afterAll(() => database.close())

describe('a link between two counties', () => {
  it('is kept once in each side’s county', async () => {
    expect(await linkRows(link.id)).toEqual([
      { county_code: '370322', from_county_code: '370322', to_county_code: '370323' },
      { county_code: '370323', from_county_code: '370322', to_county_code: '370323' },
    ])
  })

  it('posts both sides when the far side is posted, and each side finds the other', async () => {
    const posted = await ledger.postVoucher(far, link.to.voucherId, REVIEWER)
    expect(posted.status).toBe('posted')
    const nearVoucher = await ledger.getVoucher(near, link.from.voucherId)
    expect(nearVoucher.status).toBe('posted')
    expect(await ledger.linkedSide(far, link.to.voucherId)).toEqual({
      ledgerId: near,
      voucherId: link.from.voucherId,
    })
    expect(await ledger.linkedSide(near, link.from.voucherId)).toEqual({
      ledgerId: far,
      voucherId: link.to.voucherId,
    })
  })

  it('is listed from either county, and once in a list across both', async () => {
    for (const within of ['370322', '370323', '370323100001']) {
      const links = await ledger.listLinks({ within })
      expect(
        links.map((l) => [l.id, l.matched]),
        within,
      ).toEqual([[link.id, true]])
    }
    expect((await ledger.listLinks({ within: '3703' })).map((l) => l.id)).toEqual([link.id])
    expect((await ledger.listLinks({})).map((l) => l.id)).toEqual([link.id])
  })

  it('is not eliminated from either county’s books: the money left the county', async () => {
    for (const county of ['370322', '370323']) {
      const gross = await ledger.divisionTrialBalance(county, '2024-01', '2024-12')
      const net = await ledger.divisionTrialBalance(county, '2024-01', '2024-12', { eliminateLinks: true })
      expect(net.rows, county).toEqual(gross.rows)
    }
  })

  it('is eliminated from an aggregate of both ledgers, each county summing its own side', async () => {
    const both = await ledger.aggregate([near, far], '2024-12')
    // Near: Dr 141 300, Cr 102 300; far: Dr 102 300, Cr 301 300.
    expect(Object.fromEntries(both.internal)).toEqual({ '141': 300_00n, '102': 0n, '301': -300_00n })
    const one = await ledger.aggregate([near], '2024-12')
    expect(one.internal.size).toBe(0)
  })

  it('is copied into the far county by migration 0003 when only the original row exists', async () => {
    await acrossCounties(database.db, 'ops.whole-database', (db) =>
      db.execute(sql`delete from ledger.ledger_links where id = ${link.id} and county_code = '370323'`),
    )
    expect(await linkRows(link.id)).toHaveLength(1)
    const migration = readFileSync(
      new URL('../migrations/0003_link_in_both_counties.sql', import.meta.url),
      'utf8',
    )
    const statements = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    // Twice: a migration that is run again (a restart mid-way) changes nothing more.
    for (const round of [1, 2]) {
      for (const statement of statements) {
        await acrossCounties(database.db, 'ops.whole-database', (db) => db.execute(sql.raw(statement)))
      }
      expect(await linkRows(link.id), `round ${round}`).toEqual([
        { county_code: '370322', from_county_code: '370322', to_county_code: '370323' },
        { county_code: '370323', from_county_code: '370322', to_county_code: '370323' },
      ])
    }
  })
})
