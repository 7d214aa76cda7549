// Timings and rates only (milliseconds, ratios): no money passes through toFixed here.
/**
 * Collective benchmark (issue 13 "Tests and evidence"): a county's 三资 registers — BENCH_VILLAGES
 * (300) villages × BENCH_MEMBERS (1,000) members in households of about three, one 人口股 holding
 * per member plus a 集体股, and a share change history (every tenth member's holding closed and
 * reopened) — loaded by multi-row inserts, not through the service. Then, on the same database
 * and in the same run, alternating A B A B A B, medians of three rounds:
 *   - the payout of one distribution (recordPayout: the holdings on the record day split to
 *     households, the payout and its lines written) against a raw transaction doing the same
 *     (one aggregate per household, the same largest-remainder split, two multi-row inserts);
 *   - the share register as of a day (shareRegister) against raw SQL of the same result (the
 *     holdings valid that day, units per household and per kind).
 * Not a test.
 *
 *   LIANCUN_BENCH_PG_URL=postgres://… tsx bench/collective-bench.ts   (root: `npm run bench -- collective`)
 */
import { newId, splitByShares } from '@liancun/core'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { createCollectiveService, migrateCollective, PayoutInput } from '../src/index.js'
import { collectives, holdings, households, members, shareKinds } from '../src/schema.js'

const VILLAGES = Number(process.env.BENCH_VILLAGES ?? 300)
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1000)
const CALLS = Number(process.env.BENCH_CALLS ?? 20)
const adminUrl = process.env.LIANCUN_BENCH_PG_URL
if (!adminUrl) throw new Error('set LIANCUN_BENCH_PG_URL to an admin connection string (npm run bench does)')

const database = await createEmptyPostgresDatabase(adminUrl)
const pool = new pg.Pool({ connectionString: database.url, max: 4 })
pool.on('error', () => {})
const db = drizzle({ client: pool })
await migrateCollective(db)
const registers = createCollectiveService({ db })
const COUNTY = '370322'
const now = new Date()
const loadStart = process.hrtime.bigint()

/** Multi-row inserts of at most 1,000 rows (well under the 65,535 parameters of a statement). */
async function insertAll<T>(table: Parameters<typeof db.insert>[0], rows: T[]) {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(table).values(rows.slice(i, i + 1000) as never)
}

const villageIds: string[] = []
for (let v = 0; v < VILLAGES; v++) {
  const villageCode = `${COUNTY}${String(100 + (v % 12)).padStart(3, '0')}${String(200 + Math.floor(v / 12)).padStart(3, '0')}`
  const c = {
    countyCode: COUNTY,
    id: newId(COUNTY),
    villageCode,
    name: `村 ${v} 股份经济合作社`,
    uscc: `N2370322BENCH${String(v).padStart(5, '0')}`,
    ledgerId: newId(COUNTY),
    createdBy: 'bench',
    createdAt: now,
  }
  villageIds.push(c.id)
  const householdRows = Array.from({ length: Math.ceil(MEMBERS / 3) }, (_, h) => ({
    countyCode: COUNTY,
    id: newId(COUNTY),
    collectiveId: c.id,
    number: String(h + 1).padStart(4, '0'),
    headName: `户主 ${h}`,
    headPersonId: null,
    createdBy: 'bench',
    createdAt: now,
  }))
  const memberRows = Array.from({ length: MEMBERS }, (_, m) => ({
    countyCode: COUNTY,
    id: newId(COUNTY),
    collectiveId: c.id,
    householdId: householdRows[Math.floor(m / 3)]!.id,
    name: `成员 ${m}`,
    personId: null,
    joinedOn: '2020-06-30',
    joinReason: 'founding',
    // Every fiftieth member has left: on the record day they still hold (静态管理) until changed.
    leftOn: m % 50 === 49 ? '2023-03-01' : null,
    leaveReason: m % 50 === 49 ? 'death' : null,
    createdBy: 'bench',
    createdAt: now,
  }))
  const population = {
    countyCode: COUNTY,
    id: newId(COUNTY),
    collectiveId: c.id,
    name: '人口股',
    holder: 'member',
    createdAt: now,
  }
  const own = {
    countyCode: COUNTY,
    id: newId(COUNTY),
    collectiveId: c.id,
    name: '集体股',
    holder: 'collective',
    createdAt: now,
  }
  const holding = (over: Record<string, unknown>) => ({
    countyCode: COUNTY,
    id: newId(COUNTY),
    collectiveId: c.id,
    kindId: population.id,
    holderKind: 'member',
    validFrom: '2020-06-30',
    validTo: null,
    reason: 'initial',
    previousId: null,
    note: null,
    createdBy: 'bench',
    createdAt: now,
    ...over,
  })
  const holdingRows = memberRows.flatMap((m, i) => {
    // Every tenth holding was adjusted on 2023-01-01: the register of a day must pick one row.
    if (i % 10 !== 0) return [holding({ holderId: m.id, units: BigInt(1 + (i % 7)) })]
    const first = holding({ holderId: m.id, units: 5n, validTo: '2023-01-01' })
    return [
      first,
      holding({
        holderId: m.id,
        units: 6n,
        validFrom: '2023-01-01',
        reason: 'adjustment',
        previousId: first.id,
      }),
    ]
  })
  holdingRows.push(holding({ kindId: own.id, holderKind: 'collective', holderId: c.id, units: 300n }))
  await db.insert(collectives).values(c)
  await insertAll(households, householdRows)
  await insertAll(members, memberRows)
  await db.insert(shareKinds).values([population, own])
  await insertAll(holdings, holdingRows)
}
await db.execute(sql`analyze`)
const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9

/** Median ms per call of `run`, over `calls` calls. */
async function timeCalls(calls: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint()
    await run(i)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

/** A B A B A B after a warm-up; medians of the three round medians. */
async function compare(
  name: string,
  service: (i: number) => Promise<unknown>,
  raw: (i: number) => Promise<unknown>,
) {
  await timeCalls(3, service)
  await timeCalls(3, raw)
  const a: number[] = []
  const b: number[] = []
  for (let round = 0; round < 3; round++) {
    a.push(await timeCalls(CALLS, service))
    b.push(await timeCalls(CALLS, raw))
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1]!
  const [s, r] = [median(a), median(b)]
  console.log(`| ${name} | ${s.toFixed(2)} | ${r.toFixed(2)} | ${(r / s).toFixed(2)} |`)
}

const client = await pool.connect()
const village = (i: number) => villageIds[(i * 7) % VILLAGES]!

console.log(
  `\ncollective bench: ${VILLAGES} villages × ${MEMBERS} members (${Math.ceil(MEMBERS / 3)} households each), ` +
    `${Math.round(MEMBERS * 1.1) + 1} holding rows a village; loaded in ${loadSeconds.toFixed(0)} s`,
)
console.log('| measure | service ms/op | raw SQL ms/op | R = raw ÷ service |')
console.log('|---|---:|---:|---:|')

// Units per household on the record day: a member's shares count to the member's household.
const HOUSEHOLD_UNITS = `
  select coalesce(m.household_id, h.holder_id) as household_id, sum(h.units)::bigint as units, h.holder_kind
    from collective.holdings h
    left join collective.members m
      on m.county_code = h.county_code and m.id = h.holder_id and h.holder_kind = 'member'
   where h.county_code = $1 and h.collective_id = $2
     and h.valid_from <= $3 and (h.valid_to is null or h.valid_to > $3)
     and (m.county_code is null or m.county_code = $1)
   group by 1, 3`

// The raw SQL gives the same result as the service (checked once, on the first village).
{
  const id = village(0)
  const service = await registers.shareRegister(id, '2024-06-30')
  const raw = (await client.query(HOUSEHOLD_UNITS, [COUNTY, id, '2024-06-30'])).rows as {
    household_id: string
    units: string
    holder_kind: string
  }[]
  const byHousehold = new Map(
    raw.filter((r) => r.holder_kind !== 'collective').map((r) => [r.household_id, BigInt(r.units)]),
  )
  const same =
    service.households.length === byHousehold.size &&
    service.households.every((h) => byHousehold.get(h.householdId) === h.units)
  if (!same) throw new Error('raw SQL and the service disagree on the register')
  console.log(`checked: service and raw SQL agree on ${byHousehold.size} households' units`)
}

await compare(
  `payout of one distribution (${MEMBERS} members → ${Math.ceil(MEMBERS / 3)} households)`,
  (i) =>
    registers.recordPayout(
      village(i),
      PayoutInput.parse({
        amount: '123456.78',
        recordDate: '2024-12-20',
        payDate: '2024-12-31',
        summary: '分红',
      }),
      'bench',
    ),
  async (i) => {
    const id = village(i)
    await client.query('begin')
    try {
      const rows = (await client.query(HOUSEHOLD_UNITS, [COUNTY, id, '2024-12-20'])).rows as {
        household_id: string
        units: string
        holder_kind: string
      }[]
      const split = splitByShares(
        12_345_678n,
        rows.map((r) => ({
          key: r.holder_kind === 'collective' ? '集体股' : r.household_id,
          units: BigInt(r.units),
        })),
      )
      const payoutId = newId(COUNTY)
      const retained = split.shares.find((s) => s.key === '集体股')?.amount ?? 0n
      await client.query(
        `insert into collective.payouts (county_code, id, collective_id, ledger_id, record_date, pay_date, amount, retained,
           distribution_run_id, summary, payable_voucher_ids, payment_voucher_ids, created_by, created_at)
         select county_code, $2, id, ledger_id, '2024-12-20', '2024-12-31', $3, $4, null, '分红', '[]', '[]', 'bench', now()
           from collective.collectives where county_code = $1 and id = $5`,
        [COUNTY, payoutId, '12345678', retained.toString(), id],
      )
      const lines = split.shares.filter((s) => s.key !== '集体股')
      await client.query(
        `insert into collective.payout_lines (county_code, payout_id, household_id, units, amount)
         select $1, $2, l.household_id, l.units, l.amount
           from jsonb_to_recordset($3::jsonb) as l(household_id text, units bigint, amount bigint)`,
        [
          COUNTY,
          payoutId,
          JSON.stringify(
            lines.map((l) => ({
              household_id: l.key,
              units: l.units.toString(),
              amount: l.amount.toString(),
            })),
          ),
        ],
      )
      await client.query('commit')
    } catch (error) {
      await client.query('rollback')
      throw error
    }
  },
)

await compare(
  `share register as of a day (${Math.round(MEMBERS * 1.1) + 1} rows → ${MEMBERS + 1} valid)`,
  (i) => registers.shareRegister(village(i), '2024-06-30'),
  async (i) => {
    const id = village(i)
    const valid = `h.county_code = $1 and h.collective_id = $2 and h.valid_from <= $3 and (h.valid_to is null or h.valid_to > $3)`
    await client.query(
      `select h.* from collective.holdings h where ${valid} order by h.holder_id, h.valid_from, h.id`,
      [COUNTY, id, '2024-06-30'],
    )
    await client.query(
      `select x.household_id, hh.number, hh.head_name, x.units from (${HOUSEHOLD_UNITS}) x
         join collective.households hh on hh.county_code = $1 and hh.id = x.household_id
        where x.holder_kind <> 'collective' order by hh.number`,
      [COUNTY, id, '2024-06-30'],
    )
    await client.query(
      `select k.id, k.name, k.holder, coalesce(sum(h.units), 0)::bigint as units
         from collective.share_kinds k
         left join collective.holdings h on h.county_code = k.county_code and h.collective_id = k.collective_id
           and h.kind_id = k.id
           and h.valid_from <= $3 and (h.valid_to is null or h.valid_to > $3)
        where k.county_code = $1 and k.collective_id = $2 group by k.id, k.name, k.holder order by k.name`,
      [COUNTY, id, '2024-06-30'],
    )
  },
)

client.release()
await pool.end()
await database.drop()
