import { formatMoney } from '@liancun/core'
import { createEmptyPostgresDatabase, testEngine } from '@liancun/core/testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChildServer, childServer, freePort } from './child-server.js'
import { collectiveUscc } from './ledger-helpers.js'

/**
 * Crash safety on PostgreSQL: the real server process is killed with SIGKILL while clients write
 * vouchers with `Idempotency-Key`s, restarted on the same database, three times. Afterwards every
 * key must replay (or, if its first attempt died with the process, perform) its write exactly
 * once, and the books must be as consistent as if nothing had happened.
 */

const BOOTSTRAP_KEY = 'lc_crash_bootstrap_admin_key_0123456789'
const VILLAGE = '370322104203'
const ROUNDS = 3
const CLIENTS = 6
const OPS_PER_ROUND = 40
const MONTHS = ['2024-01', '2024-02', '2024-03']

/** The few fields of a voucher or a problem the checks read. */
type Body = { id?: string; number?: number | null; status?: string | number; code?: string }
type Outcome = { status: number; body: Body; replayed: boolean } | { error: string }
interface Attempt {
  idempotencyKey: string
  apiKey: string
  url: string
  body: unknown
  /** What the first attempt saw: an answer, or a connection error when the process died. */
  first?: Outcome
}
interface Op {
  /** `round-index`, ASCII for the keys. */
  tag: string
  summary: string
  create: Attempt
  post?: Attempt
}

const answered = (o: Outcome | undefined): o is Extract<Outcome, { status: number }> =>
  o !== undefined && 'status' in o
const ok = (o: Outcome | undefined): o is Extract<Outcome, { status: number }> =>
  answered(o) && o.status >= 200 && o.status < 300
/** The voucher a 2xx answer is about. */
const idOf = (o: Outcome | undefined) => (ok(o) ? (o.body.id ?? null) : null)
const show = (o: Outcome | undefined) =>
  o === undefined
    ? 'never sent'
    : answered(o)
      ? `${o.status} ${o.body?.code ?? o.body?.status ?? ''}`.trim()
      : `no answer (${o.error})`

let database: { url: string; drop(): Promise<void> } | null = null
let server: ChildServer | null = null
let sql: pg.Pool | null = null
let bookkeeper = ''
let reviewer = ''
let ledgerId = ''
const ops: Op[] = []

async function send(attempt: Omit<Attempt, 'first'>): Promise<Outcome> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${attempt.apiKey}`,
    'idempotency-key': attempt.idempotencyKey,
  }
  if (attempt.body !== undefined) headers['content-type'] = 'application/json'
  try {
    const response = await fetch(`${server!.baseUrl}${attempt.url}`, {
      method: 'POST',
      headers,
      ...(attempt.body === undefined ? {} : { body: JSON.stringify(attempt.body) }),
      signal: AbortSignal.timeout(60_000),
    })
    const text = await response.text()
    let body: Body = {}
    try {
      body = JSON.parse(text)
    } catch {}
    return { status: response.status, body, replayed: response.headers.get('idempotent-replayed') === 'true' }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return { error: cause?.code ?? cause?.message ?? String(error) }
  }
}

/** What a careful client does after a crash: the same request, same key, until it is answered. */
async function resend(attempt: Attempt): Promise<Outcome> {
  let outcome: Outcome = { error: 'not sent' }
  for (let i = 0; i < 8; i++) {
    outcome = await send(attempt)
    const busy = answered(outcome) && (outcome.status === 429 || outcome.status === 503)
    if (answered(outcome) && !busy) return outcome
    await new Promise((resolve) => setTimeout(resolve, 250 * (i + 1)))
  }
  return outcome
}

/** Seeding calls; any failure here is a broken fixture, not a finding. */
async function call(method: string, url: string, key: string, body?: unknown) {
  const response = await fetch(`${server!.baseUrl}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
    },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  })
  const text = await response.text()
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`)
  return JSON.parse(text)
}

async function mint(role: string) {
  return (await call('POST', '/v1/api-keys', BOOTSTRAP_KEY, { name: `crash ${role}`, role, scope: VILLAGE }))
    .secret as string
}

function createAttempt(round: number, i: number): Op {
  const summary = `崩溃测试 r${round} #${i}`
  const month = MONTHS[i % MONTHS.length]!
  const day = String(1 + (i % 28)).padStart(2, '0')
  const amount = `${100 + round * 10 + i}.${String(i % 100).padStart(2, '0')}`
  return {
    tag: `${round}-${i}`,
    summary,
    create: {
      idempotencyKey: `crash-create-${round}-${i}`,
      apiKey: bookkeeper,
      url: `/v1/ledgers/${ledgerId}/vouchers`,
      body: {
        date: `${month}-${day}`,
        summary,
        attachments: 1,
        lines: [
          { account: i % 2 ? '101' : '102', debit: amount },
          { account: i % 3 ? '501' : '502', credit: amount },
        ],
      },
    },
  }
}

const postAttempt = (key: string, voucherId: string): Attempt => ({
  idempotencyKey: key,
  apiKey: reviewer,
  url: `/v1/ledgers/${ledgerId}/vouchers/${voucherId}/post`,
  body: undefined,
})

/** CLIENTS clients draft and post vouchers until the server is killed after `killAfter` requests. */
async function loadAndKill(round: number, killAfter: number) {
  let requests = 0
  let next = 0
  let killed = false
  const counted = async (attempt: Attempt) => {
    const pending = send(attempt)
    if (++requests === killAfter) {
      killed = true
      // Let the round's in-flight requests reach the database before the process dies.
      setTimeout(() => server!.kill(), round * 4)
    }
    attempt.first = await pending
  }
  const client = async () => {
    while (!killed && next < OPS_PER_ROUND) {
      const op = createAttempt(round, next++)
      ops.push(op)
      await counted(op.create)
      const id = idOf(op.create.first)
      if (!id || killed) continue
      op.post = postAttempt(`crash-post-${op.tag}`, id)
      await counted(op.post)
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client))
  server!.kill()
  await server!.exited()
}

/** The child's last error log lines, shortened, for a failure message. */
function lastErrors() {
  const lines = server!
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .slice(-3)
    .map((line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } }
        return `${entry.msg}: ${entry.err?.message?.slice(0, 200) ?? ''}`
      } catch {
        return line.slice(0, 200)
      }
    })
  return lines.join('\n') || '(none)'
}

describe.skipIf(testEngine() !== 'postgres')('crash: kill -9 under load (PostgreSQL)', () => {
  beforeAll(async () => {
    database = await createEmptyPostgresDatabase(process.env.LIANCUN_TEST_PG_URL!)
    // The checks below read the ledger whole, as an operator would: on Citus, across shards.
    sql = new pg.Pool({
      connectionString: database.url,
      max: 2,
      options: '-c citus.multi_task_query_log_level=off',
    })
    sql.on('error', () => {})
    server = childServer({
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      LIANCUN_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
      // Errors only: kept (the tail) for the failure message, nothing else.
      LOG_LEVEL: 'error',
    })
    await server.start()
    for (const [code, body] of [
      ['370322', { name: '高青县', kind: 'county' }],
      ['370322104', { name: '唐坊镇', kind: 'township' }],
      [VILLAGE, { name: '李孟德村', kind: 'village', population: 610, households: 190, adults: 470 }],
    ] as const)
      await call('PUT', `/v1/divisions/${code}`, BOOTSTRAP_KEY, body)
    bookkeeper = await mint('bookkeeper')
    reviewer = await mint('reviewer')
    ledgerId = (
      await call('POST', '/v1/ledgers', bookkeeper, {
        villageCode: VILLAGE,
        collective: { name: '李孟德村股份经济合作社', uscc: collectiveUscc('MC7R4TH1') },
        firstPeriod: '2024-01',
        chart: 'rcea-2023',
      })
    ).id
  }, 120_000)

  afterAll(async () => {
    server?.kill()
    await server?.exited()
    await sql?.end()
    await database?.drop()
  })

  it('is killed mid-load and restarts on the same database, three times', { timeout: 240_000 }, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      if (!server!.running) await server!.start()
      await loadAndKill(round, 14 + 9 * round)
      expect(server!.running).toBe(false)
    }
    await server!.start()
    const cut = (o: Outcome | undefined) => o !== undefined && !answered(o)
    const died = ops.filter((op) => cut(op.create.first) || cut(op.post?.first))
    // The kill must have cut requests off mid-flight, or the rounds proved nothing.
    expect(died.length).toBeGreaterThan(0)
  })

  it('replays every Idempotency-Key, or performs its write exactly once', { timeout: 120_000 }, async () => {
    const failures: string[] = []
    const check = (attempt: Attempt, retry: Outcome, expectId: string | null) => {
      const tag = `${attempt.idempotencyKey} (first: ${show(attempt.first)})`
      if (!ok(retry)) {
        failures.push(`${tag}: retry got ${show(retry)}`)
        return null
      }
      const id = idOf(retry)
      if (expectId && id !== expectId)
        failures.push(`${tag}: retry answered voucher ${id}, first ${expectId}`)
      return id
    }
    for (const op of ops) {
      const firstId = idOf(op.create.first)
      const retried = await resend(op.create)
      const id = check(op.create, retried, firstId)
      if (!id) continue
      // A retry that performed the write is itself replayed from now on.
      check(op.create, await resend(op.create), id)
      if (op.post) {
        const post = await resend(op.post)
        if (check(op.post, post, id) && ok(post) && ok(op.post.first)) {
          if (post.body.number !== op.post.first.body.number)
            failures.push(`${op.post.idempotencyKey}: the replay renumbered the voucher`)
        }
      } else {
        // Its first attempt never got as far as posting: post it now, under a fresh key.
        const late = postAttempt(`crash-post-late-${op.tag}`, id)
        check(late, await resend(late), id)
      }
    }
    const { rows } = await sql!.query<{ summary: string; n: number }>(
      `select summary, count(*)::int as n from ledger.vouchers where ledger_id = $1 group by summary`,
      [ledgerId],
    )
    const count = new Map(rows.map((row) => [row.summary, row.n]))
    for (const op of ops) {
      const n = count.get(op.summary) ?? 0
      if (n !== 1) failures.push(`${op.summary} (first: ${show(op.create.first)}): ${n} vouchers`)
    }
    expect(failures, `the server's last errors:\n${lastErrors()}`).toEqual([])
  })

  it('leaves the books consistent: balanced, gapless, chained, balances = lines', async () => {
    // Every table filtered by the county too ($2), so each check is a single-shard query on Citus.
    const q = async (text: string) => (await sql!.query(text, [ledgerId, VILLAGE.slice(0, 6)])).rows
    const unbalanced = await q(
      `select v.id, count(l.line_no)::int as lines, coalesce(sum(l.debit), 0)::text as debit,
              coalesce(sum(l.credit), 0)::text as credit
         from ledger.vouchers v
         left join ledger.voucher_lines l on l.county_code = v.county_code and l.voucher_id = v.id
        where v.county_code = $2 and v.ledger_id = $1
        group by v.id
       having count(l.line_no) < 2 or coalesce(sum(l.debit), 0) <> coalesce(sum(l.credit), 0)`,
    )
    expect(unbalanced).toEqual([])

    const numbering = await q(
      `select period, array_agg(number order by number) as numbers, max(c.last_number) as counter
         from ledger.vouchers v
         left join ledger.voucher_counters c using (county_code, ledger_id, period)
        where v.county_code = $2 and v.ledger_id = $1 and v.status = 'posted'
        group by period order by period`,
    )
    expect(numbering.length).toBeGreaterThan(0)
    for (const { period, numbers, counter } of numbering) {
      const expected = numbers.map((_: number, i: number) => i + 1)
      expect({ period, numbers }).toEqual({ period, numbers: expected })
      expect({ period, counter }).toEqual({ period, counter: numbers.length })
    }

    const [chain] = await q(
      `select count(*)::int as posted, coalesce(max(chain_seq), 0) as max_seq, count(distinct chain_seq)::int as seqs,
              (select posted_count from ledger.ledgers where county_code = $2 and id = $1) as ledger_count
         from ledger.vouchers where county_code = $2 and ledger_id = $1 and status = 'posted'`,
    )
    expect(chain).toEqual({
      posted: chain.posted,
      max_seq: chain.posted,
      seqs: chain.posted,
      ledger_count: chain.posted,
    })
    const integrity = await call('GET', `/v1/ledgers/${ledgerId}/integrity`, reviewer)
    expect(integrity).toMatchObject({ valid: true, vouchers: chain.posted, firstBreak: null })

    const drift = await q(
      `with lines as (
         select v.period, l.account_code, sum(l.debit) as debit, sum(l.credit) as credit
           from ledger.voucher_lines l
           join ledger.vouchers v on v.county_code = l.county_code and v.id = l.voucher_id
          where v.county_code = $2 and v.ledger_id = $1 and v.status = 'posted'
          group by v.period, l.account_code),
       kept as (
         select period, account_code, debit, credit from ledger.balances
          where county_code = $2 and ledger_id = $1 and period <> '0000-00')
       select coalesce(lines.period, kept.period) as period,
              coalesce(lines.account_code, kept.account_code) as account,
              lines.debit::text as line_debit, kept.debit::text as kept_debit,
              lines.credit::text as line_credit, kept.credit::text as kept_credit
         from lines full join kept on kept.period = lines.period and kept.account_code = lines.account_code
        where coalesce(lines.debit, 0) <> coalesce(kept.debit, 0)
           or coalesce(lines.credit, 0) <> coalesce(kept.credit, 0)`,
    )
    expect(drift).toEqual([])

    const sums = await q(
      `select l.account_code as code, sum(l.debit)::text as debit, sum(l.credit)::text as credit
         from ledger.voucher_lines l
         join ledger.vouchers v on v.county_code = l.county_code and v.id = l.voucher_id
        where v.county_code = $2 and v.ledger_id = $1 and v.status = 'posted'
        group by l.account_code order by l.account_code`,
    )
    const tb = await call('GET', `/v1/ledgers/${ledgerId}/trial-balance?from=2024-01&to=2024-03`, reviewer)
    const reported = new Map<string, { debit: string; credit: string }>(
      tb.rows.map((row: { code: string; debit: string; credit: string }) => [row.code, row]),
    )
    for (const { code, debit, credit } of sums) {
      const row = reported.get(code)
      expect({ code, debit: row?.debit, credit: row?.credit }).toEqual({
        code,
        debit: formatMoney(BigInt(debit)),
        credit: formatMoney(BigInt(credit)),
      })
    }
    expect(tb.totals.debit).toBe(tb.totals.credit)
  })
})
