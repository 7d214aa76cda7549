// Timings and rates only (milliseconds, vouchers per second): no money passes through toFixed here.
/**
 * Read benchmark: the API (routing, auth, zod validation and serialisation, service queries)
 * against a physical baseline on the same database in the same run — one hand-written SQL
 * query returning the same data. Prints ratios, not absolute times (2-core box; see
 * reference/performance.md §5.2). Run: pnpm --filter @liancun/api bench [-- iterations]
 * With DATABASE_URL set it runs on that PostgreSQL server, else on in-memory PGlite.
 */
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'

const ITERATIONS = Number(process.argv[2] ?? 1000)
const KEY = 'lc_bench_admin_key_000000000000000000'
const AS_OF = '2024-06-30'

const app = await buildApp(
  testConfig({ demo: true, bootstrapKey: KEY, databaseUrl: process.env.DATABASE_URL }),
)
const headers = { authorization: `Bearer ${KEY}` }
const list = (
  await app.inject({ method: 'GET', url: `/v1/alliances?asOf=${AS_OF}&limit=100`, headers })
).json()
const ids: string[] = list.items.map((a: { id: string }) => a.id)

/** Median of per-round throughput over `rounds` rounds of `n` calls, alternating with the other side. */
async function time(run: (i: number) => Promise<unknown>, n: number): Promise<number> {
  const started = process.hrtime.bigint()
  for (let i = 0; i < n; i++) await run(i)
  return Number(process.hrtime.bigint() - started) / 1e6 / n
}

const rawAlliance = (id: string) =>
  app.db.execute(sql`
    select a.*, 
      (select json_agg(json_build_object('id', m.id, 'village_code', m.village_code, 'partner_id', m.partner_id,
         'role', m.role, 'from', m.valid_from, 'to', m.valid_to,
         'name', coalesce(d.name, p.name)))
         from organization.alliance_members m
         left join organization.divisions d on d.county_code = m.county_code and d.code = m.village_code
         left join organization.partners p on p.county_code = m.county_code and p.id = m.partner_id
        where m.county_code = a.county_code and m.alliance_id = a.id
          and m.valid_from <= ${AS_OF} and (m.valid_to is null or m.valid_to >= ${AS_OF})) as members,
      (select json_agg(json_build_object('id', s.id, 'title', s.title, 'name', pe.name))
         from organization.alliance_posts s
         join organization.people pe on pe.county_code = s.county_code and pe.id = s.person_id
        where s.county_code = a.county_code and s.alliance_id = a.id
          and s.valid_from <= ${AS_OF} and (s.valid_to is null or s.valid_to >= ${AS_OF})) as posts
    from organization.alliances a where a.id = ${id}`)

const rawStats = () =>
  app.db.execute(sql`
    select count(*) as total,
      count(*) filter (where exists (select 1 from organization.alliance_members m
        where m.county_code = d.county_code and m.village_code = d.code
          and m.valid_from <= ${AS_OF} and (m.valid_to is null or m.valid_to >= ${AS_OF}))) as covered
    from organization.divisions d where d.kind in ('village', 'community') and d.code like '3703%'`)

const cases = [
  {
    name: 'GET /v1/alliances/{id} (members + posts on a day)',
    api: (i: number) =>
      app.inject({ method: 'GET', url: `/v1/alliances/${ids[i % ids.length]}?asOf=${AS_OF}`, headers }),
    raw: (i: number) => rawAlliance(ids[i % ids.length]!),
  },
  {
    name: 'GET /v1/stats/alliances (city coverage)',
    api: () => app.inject({ method: 'GET', url: `/v1/stats/alliances?within=3703&asOf=${AS_OF}`, headers }),
    raw: () => rawStats(),
  },
]

console.log(`engine ${app.engine}, ${ITERATIONS} calls per side per round, 3 rounds (A B A B A B), medians`)
for (const c of cases) {
  await time(c.api, 50) // warm-up: JIT and plan caches
  await time(c.raw, 50)
  const api: number[] = []
  const raw: number[] = []
  for (let round = 0; round < 3; round++) {
    api.push(await time(c.api, ITERATIONS))
    raw.push(await time(c.raw, ITERATIONS))
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!
  const ratio = median(raw) / median(api)
  console.log(
    `${c.name}\n  api ${median(api).toFixed(3)} ms/op, raw SQL ${median(raw).toFixed(3)} ms/op → R = raw/api = ${ratio.toFixed(2)}`,
  )
}
await app.close()
