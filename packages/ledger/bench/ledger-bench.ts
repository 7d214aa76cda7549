// Timings and rates only (milliseconds, vouchers per second): no money passes through toFixed here.
/**
 * Ledger benchmark (issue 3): posting through the service against a raw multi-row INSERT of the
 * same rows into the same tables, and the trial balance against a raw GROUP BY over the lines.
 * Prints ratios measured in the same run on the same database. Not a test.
 *
 *   LIANCUN_BENCH_PG_URL=postgres://… tsx bench/ledger-bench.ts   (root: `npm run bench`)
 * Sizes: BENCH_LEDGERS (300), BENCH_VOUCHERS (100000), BENCH_TB_VOUCHERS (50000).
 */
import { createEmptyPostgresDatabase } from '@liancun/core/testing'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { createLedgerService, migrateLedger } from '../src/index.js'
import type { CreateVoucherInput } from '../src/inputs.js'

const LEDGERS = Number(process.env.BENCH_LEDGERS ?? 300)
const VOUCHERS = Number(process.env.BENCH_VOUCHERS ?? 100_000)
const TB_VOUCHERS = Number(process.env.BENCH_TB_VOUCHERS ?? 50_000)
const BATCH = 500
const adminUrl = process.env.LIANCUN_BENCH_PG_URL
if (!adminUrl) throw new Error('set LIANCUN_BENCH_PG_URL to an admin connection string (npm run bench does)')

const database = await createEmptyPostgresDatabase(adminUrl)
const pool = new pg.Pool({ connectionString: database.url, max: 8 })
const db = drizzle({ client: pool })
await migrateLedger(db)
const books = createLedgerService({ db })

function uscc(i: number): string {
  // Structure only; checksums are not what is measured.
  return `N2370322${String(i).padStart(8, '0')}00`
}

/** A four-line voucher: two expenses paid from the bank, balanced by income into the bank. */
function voucher(i: number, month: number): CreateVoucherInput {
  const a = BigInt(100 + (i % 900))
  const b = BigInt(50 + (i % 400))
  return {
    date: `2024-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    summary: `业务 ${i}`,
    attachments: 1,
    lines: [
      { account: '102', debit: a + b },
      { account: '501', credit: a + b },
      { account: '513', debit: a },
      { account: '102', credit: a },
    ],
  }
}

async function createLedgers(n: number, offset: number) {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const village = `370322104${String(200 + ((offset + i) % 800)).padStart(3, '0')}`
    const ledger = await books.createLedger({
      villageCode: village,
      collective: { name: `村集体 ${offset + i}`, uscc: uscc(offset + i) },
      firstPeriod: '2024-01',
      chart: 'rcea-2023',
    })
    await books.setOpeningBalances(ledger.id, {
      lines: [
        { account: '102', debit: 10n ** 12n },
        { account: '301', credit: 10n ** 12n },
      ],
    })
    ids.push(ledger.id)
  }
  return ids
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9

// 1. Posting through the service: create + post in batches, ledgers in parallel (pool of 8).
const ledgerIds = await createLedgers(LEDGERS, 0)
const perLedger = Math.ceil(VOUCHERS / LEDGERS)
let started = process.hrtime.bigint()
let cursor = 0
async function worker() {
  while (cursor < ledgerIds.length) {
    const ledgerId = ledgerIds[cursor++]!
    for (let done = 0; done < perLedger; done += BATCH) {
      const inputs = Array.from({ length: Math.min(BATCH, perLedger - done) }, (_, k) =>
        voucher(done + k, 1 + ((done + k) % 12)),
      )
      const drafts = await books.createVouchers(ledgerId, inputs, 'bench:bookkeeper')
      await books.postVouchers(
        ledgerId,
        drafts.map((d) => d.id),
        'bench:reviewer',
      )
    }
  }
}
await Promise.all(Array.from({ length: 8 }, worker))
const serviceSeconds = seconds(started)
const posted = perLedger * LEDGERS

// 2. Raw baseline: the same rows into the same tables with multi-row INSERTs, 8 in parallel.
const rawLedgers = await createLedgers(LEDGERS, LEDGERS)
started = process.hrtime.bigint()
cursor = 0
async function rawWorker() {
  while (cursor < rawLedgers.length) {
    const ledgerId = rawLedgers[cursor++]!
    for (let done = 0; done < perLedger; done += BATCH) {
      const n = Math.min(BATCH, perLedger - done)
      // Plain node-postgres with positional parameters: the least a client can do per row.
      const headerValues: unknown[] = []
      const headerRows: string[] = []
      const lineValues: unknown[] = []
      const lineRows: string[] = []
      for (let k = 0; k < n; k++) {
        const v = voucher(done + k, 1 + ((done + k) % 12))
        const id = `${ledgerId.slice(0, 24)}${String(done + k).padStart(12, '0')}`
        const h = headerValues.length
        headerRows.push(
          `('370322', $${h + 1}, $${h + 2}, 'posted', 'regular', $${h + 3}, $${h + 4}, $${h + 5}, $${h + 6}, 1, 'raw', 'raw')`,
        )
        headerValues.push(id, ledgerId, v.date, v.date.slice(0, 7), done + k + 1, v.summary)
        v.lines.forEach((l, j) => {
          const p = lineValues.length
          lineRows.push(`('370322', $${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`)
          lineValues.push(
            id,
            j + 1,
            ledgerId,
            l.account,
            (l.debit ?? 0n).toString(),
            (l.credit ?? 0n).toString(),
          )
        })
      }
      const client = await pool.connect()
      try {
        await client.query('begin')
        await client.query(
          `insert into ledger.vouchers (county_code, id, ledger_id, status, kind, date, period, number, summary, attachments, prepared_by, posted_by) values ${headerRows.join(', ')}`,
          headerValues,
        )
        await client.query(
          `insert into ledger.voucher_lines (county_code, voucher_id, line_no, ledger_id, account_code, debit, credit) values ${lineRows.join(', ')}`,
          lineValues,
        )
        await client.query('commit')
      } finally {
        client.release()
      }
    }
  }
}
await Promise.all(Array.from({ length: 8 }, rawWorker))
const rawSeconds = seconds(started)

// 3. Trial balance over one ledger of TB_VOUCHERS vouchers against a raw GROUP BY of its lines.
const [tbLedger] = await createLedgers(1, LEDGERS * 2)
for (let done = 0; done < TB_VOUCHERS; done += BATCH) {
  const inputs = Array.from({ length: Math.min(BATCH, TB_VOUCHERS - done) }, (_, k) =>
    voucher(done + k, 1 + ((done + k) % 12)),
  )
  const drafts = await books.createVouchers(tbLedger!, inputs, 'bench:bookkeeper')
  await books.postVouchers(
    tbLedger!,
    drafts.map((d) => d.id),
    'bench:reviewer',
  )
}
async function median(run: () => Promise<unknown>) {
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const s = process.hrtime.bigint()
    await run()
    times.push(seconds(s) * 1000)
  }
  return times.sort((a, b) => a - b)[2]!
}
const tbService = await median(() => books.trialBalance(tbLedger!, '2024-01', '2024-12'))
const tbRaw = await median(() =>
  db.execute(
    sql`select account_code, sum(debit), sum(credit) from ledger.voucher_lines where county_code = '370322' and ledger_id = ${tbLedger!} group by account_code`,
  ),
)

console.log(`\nledger benchmark — PostgreSQL via node-postgres, pool 8, ${LEDGERS} ledgers\n`)
console.log('| measure | service | raw baseline | ratio |')
console.log('|---|---:|---:|---:|')
console.log(
  `| posting ${posted} four-line vouchers (create + post, batches of ${BATCH}) | ${(posted / serviceSeconds).toFixed(0)} vouchers/s | ${(posted / rawSeconds).toFixed(0)} vouchers/s (multi-row INSERT) | ${(rawSeconds / serviceSeconds).toFixed(2)} |`,
)
console.log(
  `| trial balance, one ledger of ${TB_VOUCHERS} vouchers, a year | ${tbService.toFixed(1)} ms | ${tbRaw.toFixed(1)} ms (GROUP BY over lines) | service/raw = ${(tbService / tbRaw).toFixed(2)}× |`,
)
await pool.end()
await database.drop()
