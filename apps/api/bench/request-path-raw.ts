/**
 * The physical baseline of the request-path benchmark: plain node-postgres (a pool of 8,
 * positional parameters, no ORM, no rules) writing and reading the same rows in the same tables
 * as the API. It does the least a correct client could: no authentication, idempotency, audit,
 * validation or rule checks, only the rows a posted voucher consists of.
 */
import { createHash } from 'node:crypto'
import { newId } from '@liancun/core'
import pg from 'pg'
import { COUNTY, type importedBody, voucherBody } from './request-path-setup.js'

const fen = (money: string) => BigInt(money.replace('.', ''))

export function rawPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 8 })
  pool.on('error', () => {})
  return pool
}

async function inTx<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    const result = await work(client)
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/**
 * Draft (BEGIN; INSERT voucher; INSERT its lines; COMMIT), then post (BEGIN; next number from the
 * month's counter row; lock and read the chain head; hash in process; move the head; UPDATE the
 * voucher with number, hash, chain seq and posted fields; upsert the month's balances; COMMIT).
 */
export async function rawDraftAndPost(pool: pg.Pool, ledgerId: string, i: number, salt: string) {
  const v = voucherBody(i, salt)
  const id = newId(COUNTY)
  const period = v.date.slice(0, 7)
  const lines = v.lines.map((l, j) => ({
    lineNo: j + 1,
    account: l.account,
    debit: l.debit ? fen(l.debit) : 0n,
    credit: l.credit ? fen(l.credit) : 0n,
  }))
  await inTx(pool, async (c) => {
    await c.query(
      `insert into ledger.vouchers (county_code, id, ledger_id, status, kind, date, period, summary, attachments, prepared_by)
       values ($1, $2, $3, 'draft', 'regular', $4, $5, $6, $7, 'raw:bookkeeper')`,
      [COUNTY, id, ledgerId, v.date, period, v.summary, v.attachments],
    )
    const values: unknown[] = []
    const rows = lines.map((l) => {
      const p = values.push(
        COUNTY,
        id,
        l.lineNo,
        ledgerId,
        l.account,
        l.debit.toString(),
        l.credit.toString(),
      )
      return `($${p - 6}, $${p - 5}, $${p - 4}, $${p - 3}, $${p - 2}, $${p - 1}, $${p})`
    })
    await c.query(
      `insert into ledger.voucher_lines (county_code, voucher_id, line_no, ledger_id, account_code, debit, credit) values ${rows.join(', ')}`,
      values,
    )
  })
  await inTx(pool, async (c) => {
    const counter = await c.query(
      `insert into ledger.voucher_counters (county_code, ledger_id, period, last_number) values ($1, $2, $3, 1)
       on conflict (county_code, ledger_id, period) do update set last_number = ledger.voucher_counters.last_number + 1
       returning last_number`,
      [COUNTY, ledgerId, period],
    )
    const number = counter.rows[0].last_number as number
    const head = await c.query(
      'select last_hash, posted_count from ledger.ledgers where county_code = $1 and id = $2 for update',
      [COUNTY, ledgerId],
    )
    const seq = (head.rows[0].posted_count as number) + 1
    const hash = createHash('sha256')
      .update(head.rows[0].last_hash ?? '')
      .update('\n')
      .update(
        JSON.stringify([
          id,
          v.date,
          number,
          v.summary,
          lines.map((l) => [l.account, `${l.debit}`, `${l.credit}`]),
        ]),
      )
      .digest('hex')
    await c.query(
      'update ledger.ledgers set last_hash = $3, posted_count = $4 where county_code = $1 and id = $2',
      [COUNTY, ledgerId, hash, seq],
    )
    await c.query(
      `update ledger.vouchers set status = 'posted', number = $3, hash = $4, chain_seq = $5, posted_by = 'raw:reviewer', posted_at = now()
       where county_code = $1 and id = $2`,
      [COUNTY, id, number, hash, seq],
    )
    // One row per account (an upsert may not touch a row twice).
    const byAccount = new Map<string, { debit: bigint; credit: bigint }>()
    for (const l of lines) {
      const sum = byAccount.get(l.account) ?? { debit: 0n, credit: 0n }
      byAccount.set(l.account, { debit: sum.debit + l.debit, credit: sum.credit + l.credit })
    }
    const values: unknown[] = [COUNTY, ledgerId, period]
    const rows = [...byAccount].map(([account, sum]) => {
      const p = values.push(account, sum.debit.toString(), sum.credit.toString())
      return `($1, $2, $3, $${p - 2}, $${p - 1}, $${p})`
    })
    await c.query(
      `insert into ledger.balances (county_code, ledger_id, period, account_code, debit, credit) values ${rows.join(', ')}
       on conflict (county_code, ledger_id, period, account_code)
       do update set debit = ledger.balances.debit + excluded.debit, credit = ledger.balances.credit + excluded.credit`,
      values,
    )
  })
  return id
}

/** The lines of voucher `v` with their account names, as one JSON array. */
const LINES = `(select json_agg(json_build_object('lineNo', l.line_no, 'account', l.account_code, 'accountName', a.name,
    'summary', l.summary, 'debit', l.debit, 'credit', l.credit, 'counterparty', l.counterparty, 'reference', l.reference)
    order by l.line_no)
  from ledger.voucher_lines l
  left join ledger.accounts a on a.county_code = l.county_code and a.ledger_id = l.ledger_id and a.code = l.account_code
  where l.county_code = v.county_code and l.voucher_id = v.id) as lines`

export const rawGetVoucher = (pool: pg.Pool, ledgerId: string, voucherId: string) =>
  pool.query(
    `select v.*, ${LINES} from ledger.vouchers v where v.county_code = $1 and v.ledger_id = $2 and v.id = $3`,
    [COUNTY, ledgerId, voucherId],
  )

/** The first page (51 rows, to know whether there is a next) of a period range, by id. */
export const rawVoucherPage = (pool: pg.Pool, ledgerId: string, from: string, to: string) =>
  pool.query(
    `select v.*, ${LINES} from ledger.vouchers v
     where v.county_code = $1 and v.ledger_id = $2 and v.period >= $3 and v.period <= $4
     order by v.id limit 51`,
    [COUNTY, ledgerId, from, to],
  )

/** The alliance with its members (named) and posts valid on a day, one statement. */
export const rawAlliance = (pool: pg.Pool, id: string, asOf: string) =>
  pool.query(
    `select a.*,
      (select json_agg(json_build_object('id', m.id, 'villageCode', m.village_code, 'partnerId', m.partner_id,
         'role', m.role, 'from', m.valid_from, 'to', m.valid_to, 'name', coalesce(d.name, p.name)))
         from organization.alliance_members m
         left join organization.divisions d on d.county_code = m.county_code and d.code = m.village_code
         left join organization.partners p on p.county_code = m.county_code and p.id = m.partner_id
        where m.county_code = a.county_code and m.alliance_id = a.id
          and m.valid_from <= $2 and (m.valid_to is null or m.valid_to >= $2)) as members,
      (select json_agg(json_build_object('id', s.id, 'title', s.title, 'source', s.source, 'personId', s.person_id,
         'name', pe.name, 'from', s.valid_from, 'to', s.valid_to))
         from organization.alliance_posts s
         join organization.people pe on pe.county_code = s.county_code and pe.id = s.person_id
        where s.county_code = a.county_code and s.alliance_id = a.id
          and s.valid_from <= $2 and (s.valid_to is null or s.valid_to >= $2)) as posts
    from organization.alliances a where a.county_code = $1 and a.id = $3`,
    [COUNTY, asOf, id],
  )

/** The naive trial balance: period debit and credit per account from every line of the ledger. */
export const rawTrialBalance = (pool: pg.Pool, ledgerId: string) =>
  pool.query(
    `select account_code, sum(debit)::text as debit, sum(credit)::text as credit
     from ledger.voucher_lines where county_code = $1 and ledger_id = $2 group by account_code`,
    [COUNTY, ledgerId],
  )

/**
 * The import baseline: the same vouchers written posted in one transaction — lock the month
 * counters and the chain head, number (in date order) and hash in process, then one multi-row
 * INSERT of the vouchers, one of their lines, one upsert of the counters and one of the balances,
 * and move the chain head.
 */
export async function rawImport(pool: pg.Pool, ledgerId: string, input: ReturnType<typeof importedBody>[]) {
  const items = [...input].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  await inTx(pool, async (c) => {
    const counters = await c.query(
      'select period, last_number from ledger.voucher_counters where county_code = $1 and ledger_id = $2 for update',
      [COUNTY, ledgerId],
    )
    const last = new Map<string, number>(counters.rows.map((r) => [r.period, r.last_number]))
    const head = await c.query(
      'select last_hash, posted_count from ledger.ledgers where county_code = $1 and id = $2 for update',
      [COUNTY, ledgerId],
    )
    let hash: string | null = head.rows[0].last_hash
    let seq = head.rows[0].posted_count as number
    const vValues: unknown[] = []
    const vRows: string[] = []
    const lValues: unknown[] = []
    const lRows: string[] = []
    const sums = new Map<string, { debit: bigint; credit: bigint }>()
    for (const v of items) {
      const id = newId(COUNTY)
      const period = v.date.slice(0, 7)
      const number = (last.get(period) ?? 0) + 1
      last.set(period, number)
      seq++
      const lines = v.lines.map((l) => ({
        account: l.account,
        debit: l.debit ? fen(l.debit) : 0n,
        credit: l.credit ? fen(l.credit) : 0n,
      }))
      hash = createHash('sha256')
        .update(hash ?? '')
        .update('\n')
        .update(
          JSON.stringify([
            id,
            v.date,
            number,
            v.summary,
            lines.map((l) => [l.account, `${l.debit}`, `${l.credit}`]),
          ]),
        )
        .digest('hex')
      const p = vValues.push(
        id,
        ledgerId,
        v.date,
        period,
        number,
        v.summary,
        v.attachments,
        seq,
        hash,
        v.source.ref,
        v.source.preparer,
        v.source.reviewer,
      )
      const at = (k: number) => `$${p - 11 + k}`
      vRows.push(
        `('${COUNTY}', ${at(0)}, ${at(1)}, 'posted', 'regular', ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}, ${at(6)}, 'raw:import', 'raw:import', now(), ${at(7)}, ${at(8)}, ${at(9)}, ${at(10)}, ${at(11)})`,
      )
      lines.forEach((l, j) => {
        const q = lValues.push(id, j + 1, ledgerId, l.account, l.debit.toString(), l.credit.toString())
        lRows.push(`('${COUNTY}', $${q - 5}, $${q - 4}, $${q - 3}, $${q - 2}, $${q - 1}, $${q})`)
        const key = `${period}|${l.account}`
        const sum = sums.get(key) ?? { debit: 0n, credit: 0n }
        sums.set(key, { debit: sum.debit + l.debit, credit: sum.credit + l.credit })
      })
    }
    await c.query(
      `insert into ledger.vouchers (county_code, id, ledger_id, status, kind, date, period, number, summary, attachments,
         prepared_by, posted_by, posted_at, chain_seq, hash, source_ref, source_preparer, source_reviewer)
       values ${vRows.join(', ')}`,
      vValues,
    )
    await c.query(
      `insert into ledger.voucher_lines (county_code, voucher_id, line_no, ledger_id, account_code, debit, credit) values ${lRows.join(', ')}`,
      lValues,
    )
    const cValues: unknown[] = [COUNTY, ledgerId]
    const cRows = [...last].map(([period, number]) => {
      const p = cValues.push(period, number)
      return `($1, $2, $${p - 1}, $${p})`
    })
    await c.query(
      `insert into ledger.voucher_counters (county_code, ledger_id, period, last_number) values ${cRows.join(', ')}
       on conflict (county_code, ledger_id, period) do update set last_number = excluded.last_number`,
      cValues,
    )
    const bValues: unknown[] = [COUNTY, ledgerId]
    const bRows = [...sums].map(([key, sum]) => {
      const [period, account] = key.split('|')
      const p = bValues.push(period, account, sum.debit.toString(), sum.credit.toString())
      return `($1, $2, $${p - 3}, $${p - 2}, $${p - 1}, $${p})`
    })
    await c.query(
      `insert into ledger.balances (county_code, ledger_id, period, account_code, debit, credit) values ${bRows.join(', ')}
       on conflict (county_code, ledger_id, period, account_code)
       do update set debit = ledger.balances.debit + excluded.debit, credit = ledger.balances.credit + excluded.credit`,
      bValues,
    )
    await c.query(
      'update ledger.ledgers set last_hash = $3, posted_count = $4 where county_code = $1 and id = $2',
      [COUNTY, ledgerId, hash, seq],
    )
  })
}

/** The naive county trial balance: every line of the county, grouped by account. */
export const rawCountyTrialBalance = (pool: pg.Pool, county: string) =>
  pool.query(
    `select account_code, sum(debit)::text as debit, sum(credit)::text as credit
     from ledger.voucher_lines where county_code = $1 group by account_code`,
    [county],
  )
