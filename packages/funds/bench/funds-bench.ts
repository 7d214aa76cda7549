// Timings and rates only (milliseconds, operations per second): no money passes through toFixed here.
/**
 * Funds benchmark (issue 5): the service against hand-written SQL on the same database, in the
 * same run — the county statistics (one raw statement of aggregates), a source trace (one raw
 * join), and allocation (a raw transaction taking the same row lock and sums). Not a test.
 *
 *   LIANCUN_BENCH_PG_URL=postgres://… tsx bench/funds-bench.ts   (root: `npm run bench -- funds`)
 * Sizes: BENCH_SOURCES (200), BENCH_PROJECTS (2000), BENCH_CALLS (200).
 */
import { newId } from '@liancun/core'
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { createFundsService, migrateFunds } from '../src/index.js'
import { allocations, disbursements, fundSources, projects, tranches } from '../src/schema.js'

const SOURCES = Number(process.env.BENCH_SOURCES ?? 200)
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 2000)
const CALLS = Number(process.env.BENCH_CALLS ?? 200)
const adminUrl = process.env.LIANCUN_BENCH_PG_URL
if (!adminUrl) throw new Error('set LIANCUN_BENCH_PG_URL to an admin connection string (npm run bench does)')

const database = await createEmptyPostgresDatabase(adminUrl)
const pool = new pg.Pool({ connectionString: database.url, max: 4 })
pool.on('error', () => {})
const db = drizzle({ client: pool })
await migrateFunds(db)
const funds = createFundsService({ db })
const COUNTY = '370322'
const township = (i: number) => `${COUNTY}${String(100 + (i % 10)).padStart(3, '0')}`

// Bulk set-up with multi-row inserts: what is measured is reading and allocating, not loading.
const now = new Date()
const sourceRows = Array.from({ length: SOURCES }, (_, i) => ({
  countyCode: COUNTY,
  id: newId(),
  name: `资金 ${i}`,
  kind: 'connection_fund',
  level: 'provincial',
  documentNo: `文号 ${i}`,
  fiscalYear: 2024,
  amount: 10_000_000_000n,
  receivedOn: '2024-02-01',
  holderKind: 'township',
  holderId: township(i),
  divisionCode: township(i),
  allowedCategories: JSON.stringify(['industry', 'livelihood', 'infrastructure', 'public_welfare']),
  excludedUses: '[]',
  minIndustryShareBp: null,
  directFund: false,
  createdBy: 'bench',
  createdAt: now,
}))
await db.insert(fundSources).values(sourceRows)
const categories = ['industry', 'livelihood', 'infrastructure', 'public_welfare']
const projectRows = Array.from({ length: PROJECTS }, (_, i) => ({
  countyCode: COUNTY,
  id: newId(),
  name: `项目 ${i}`,
  category: categories[i % 4]!,
  allianceId: null,
  townshipCode: township(i),
  implementerVillageCode: `${township(i)}${String(200 + (i % 50)).padStart(3, '0')}`,
  implementerPartnerId: null,
  budget: 100_000_000n,
  location: '村',
  startOn: '2024-03-01',
  endOn: '2024-12-31',
  benefitMechanism: '分红',
  proposedBy: 'village',
  status: 'started',
  createdBy: 'bench',
  createdAt: now,
}))
for (let i = 0; i < projectRows.length; i += 500)
  await db.insert(projects).values(projectRows.slice(i, i + 500))
const allocationRows = projectRows.map((p, i) => ({
  countyCode: COUNTY,
  id: newId(),
  fundSourceId: sourceRows[i % SOURCES]!.id,
  projectId: p.id,
  amount: 1_000_000n,
  createdBy: 'bench',
  createdAt: now,
}))
for (let i = 0; i < allocationRows.length; i += 500)
  await db.insert(allocations).values(allocationRows.slice(i, i + 500))
const trancheRows = projectRows.map((p) => ({
  countyCode: COUNTY,
  id: newId(),
  projectId: p.id,
  position: 0,
  label: '全额',
  trigger: 'start',
  percentBp: null,
  amount: 1_000_000n,
  retention: false,
  dueOn: null,
  createdAt: now,
}))
for (let i = 0; i < trancheRows.length; i += 500)
  await db.insert(tranches).values(trancheRows.slice(i, i + 500))
const paidRows = projectRows.map((p, i) => ({
  countyCode: COUNTY,
  id: newId(),
  projectId: p.id,
  trancheId: trancheRows[i]!.id,
  fundSourceId: sourceRows[i % SOURCES]!.id,
  amount: 400_000n,
  date: '2024-04-01',
  ledgerId: newId(),
  voucherId: newId(),
  createdBy: 'bench',
  createdAt: now,
}))
for (let i = 0; i < paidRows.length; i += 500)
  await db.insert(disbursements).values(paidRows.slice(i, i + 500))
await db.execute(sql`analyze`)

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

/** A B A B A B after a warm-up; medians of the round medians. */
async function compare(
  name: string,
  service: (i: number) => Promise<unknown>,
  raw: (i: number) => Promise<unknown>,
) {
  await timeCalls(20, service)
  await timeCalls(20, raw)
  const a: number[] = []
  const b: number[] = []
  for (let round = 0; round < 3; round++) {
    a.push(await timeCalls(CALLS, service))
    b.push(await timeCalls(CALLS, raw))
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1]!
  const [s, r] = [median(a), median(b)]
  console.log(`| ${name} | ${s.toFixed(3)} | ${r.toFixed(3)} | ${(r / s).toFixed(2)} |`)
}

const client = await pool.connect()
const rawQuery = (text: string, values: unknown[]) => client.query(text, values)

console.log(
  `\nfunds bench: ${SOURCES} sources, ${PROJECTS} projects, ${PROJECTS} allocations and disbursements`,
)
console.log('| measure | service ms/op | raw SQL ms/op | R = raw ÷ service |')
console.log('|---|---:|---:|---:|')

await compare(
  `stats of a county (${PROJECTS} projects)`,
  () => funds.stats({ within: COUNTY, year: 2024 }),
  () =>
    rawQuery(
      `select
        (select coalesce(sum(amount), 0) from funds.fund_sources where division_code like $1 and fiscal_year = 2024) as pooled,
        (select json_agg(x) from (select category, status, count(*), sum(budget) from funds.projects
          where township_code like $1 and start_on between '2024-01-01' and '2024-12-31' group by 1, 2) x) as projects,
        (select coalesce(sum(d.amount), 0) from funds.disbursements d join funds.projects p
          on p.county_code = d.county_code and p.id = d.project_id
          where p.township_code like $1 and d.date between '2024-01-01' and '2024-12-31') as disbursed`,
      [`${COUNTY}%`],
    ),
)

await compare(
  `trace of a source (${Math.round(PROJECTS / SOURCES)} allocations and payments)`,
  (i) => funds.traceSource(sourceRows[i % SOURCES]!.id),
  (i) =>
    rawQuery(
      `select a.id, a.amount, p.name, p.status,
        (select json_agg(d) from funds.disbursements d where d.county_code = a.county_code and d.fund_source_id = a.fund_source_id) as paid
       from funds.allocations a join funds.projects p on p.county_code = a.county_code and p.id = a.project_id
       where a.county_code = $1 and a.fund_source_id = $2`,
      [COUNTY, sourceRows[i % SOURCES]!.id],
    ),
)

let k = 0
await compare(
  'allocate (locked source, sums, insert)',
  () => {
    const i = k++
    return funds.allocate(
      projectRows[i % PROJECTS]!.id,
      { fundSourceId: sourceRows[i % SOURCES]!.id, amount: 1n },
      'bench',
    )
  },
  async () => {
    const i = k++
    const source = sourceRows[i % SOURCES]!.id
    const project = projectRows[i % PROJECTS]!.id
    await rawQuery('begin', [])
    await rawQuery('select budget from funds.projects where county_code = $1 and id = $2 for update', [
      COUNTY,
      project,
    ])
    await rawQuery('select amount from funds.fund_sources where county_code = $1 and id = $2 for update', [
      COUNTY,
      source,
    ])
    await rawQuery(
      'select coalesce(sum(amount), 0) from funds.allocations where county_code = $1 and fund_source_id = $2',
      [COUNTY, source],
    )
    await rawQuery(
      `insert into funds.allocations (county_code, id, fund_source_id, project_id, amount, created_by)
       values ($1, $2, $3, $4, 1, 'bench')`,
      [COUNTY, newId(), source, project],
    )
    await rawQuery('commit', [])
  },
)

client.release()
await pool.end()
await database.drop()
