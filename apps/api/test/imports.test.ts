import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { problem, seedDivisions, startTestApp, type TestApp } from './helpers.js'
import { CSV, csv, job, upload, VOUCHER_HEADINGS, XLSX, xlsx } from './imports-helpers.js'
import { villageBooks } from './ledger-helpers.js'

/** Imports of vouchers from .xlsx / .csv (POST /v1/imports/vouchers) and the job resource. */

const VILLAGE = '370322104203'
let t: TestApp
let books: Awaited<ReturnType<typeof villageBooks>>

beforeAll(async () => {
  t = await startTestApp('2024-06-30')
  await seedDivisions(t)
  books = await villageBooks(t, VILLAGE, 'MA3C4D5E')
}, 300_000)
afterAll(() => t?.close())

const path = () => `/v1/imports/vouchers?ledgerId=${books.ledgerId}`
const postedCount = async () => {
  const response = await t.call('GET', `/v1/ledgers/${books.ledgerId}/vouchers?status=posted&limit=200`, {
    key: books.reviewer,
  })
  return (response.json().items as unknown[]).length
}

describe('a clean voucher file', () => {
  it('imports a CSV: lines grouped by 凭证号, written posted, in the books', async () => {
    const file = csv([
      [...VOUCHER_HEADINGS, '附件数'],
      ['2024-记-1', '2024/2/1', '收到土地租金', '102', '1,200.00', null, '王会计', '李站长', 1],
      ['2024-记-1', null, '收到土地租金', '503', null, '1200', null, null, null],
      ['2024-记-2', '2024年2月3日', '支付电费', '511', '30.5', null, '王会计', '李站长', null],
      ['2024-记-2', '2024年2月3日', '支付电费', '102', null, '30.50', '王会计', '李站长', null],
    ])
    const response = await upload(t, path(), file, { key: books.reviewer })
    expect(response.statusCode, response.body).toBe(202)
    expect(response.headers.location).toBe(`/v1/villages/${VILLAGE}/imports/${response.json().id}`)
    const done = await job(t, response.json().id, books.reviewer)
    expect(done).toMatchObject({
      status: 'succeeded',
      target: 'vouchers',
      scope: books.ledgerId,
      progress: { rowsTotal: 4, rowsChecked: 4, rowsWritten: 2 },
      errorCount: 0,
      problem: null,
      result: { imported: 2 },
    })
    expect(done.result.items.map((i: { row: number; label: string }) => [i.row, i.label])).toEqual([
      [2, '2024年02月 记字第1号'],
      [4, '2024年02月 记字第2号'],
    ])
    const read = await t.call('GET', `/v1/ledgers/${books.ledgerId}/vouchers/${done.result.items[1].id}`, {
      key: books.reviewer,
    })
    expect(read.json()).toMatchObject({
      status: 'posted',
      summary: '支付电费',
      source: { ref: '2024-记-2', preparer: '王会计', reviewer: '李站长' },
      totals: { debit: '30.50', credit: '30.50' },
    })
    const tb = await t.call('GET', `/v1/ledgers/${books.ledgerId}/trial-balance?from=2024-01&to=2024-06`, {
      key: books.reviewer,
    })
    expect(tb.json().rows.find((r: { code: string }) => r.code === '102').closing.amount).toBe('1169.50')
    // One audit row for the import, by the uploading key, naming what it wrote.
    const audit = await t.call('GET', `/v1/audit?targetType=import_job&targetId=${done.id}`)
    expect(audit.statusCode, audit.body).toBe(200)
    expect(audit.json().items).toEqual([
      expect.objectContaining({
        operation: 'importVoucherFile',
        after: expect.objectContaining({
          imported: 2,
          ids: done.result.items.map((i: { id: string }) => i.id),
        }),
      }),
    ])
  })

  it('imports an .xlsx: Excel numbers and date cells converted exactly', async () => {
    const file = await xlsx([
      [...VOUCHER_HEADINGS],
      ['X-1', new Date(Date.UTC(2024, 2, 5)), '收到补助', '102', 1234.5, null, '王会计', '李站长'],
      ['X-1', new Date(Date.UTC(2024, 2, 5)), '收到补助', '503', null, 1234.5, '王会计', '李站长'],
      ['X-2', '20240306', '零星收入', '102', 0.3, null, '王会计', '李站长'],
      ['X-2', '20240306', '零星收入', '503', null, '0.30', '王会计', '李站长'],
    ])
    const response = await upload(t, `${path()}&fileName=${encodeURIComponent('三月.xlsx')}`, file, {
      key: books.reviewer,
      type: XLSX,
    })
    expect(response.statusCode, response.body).toBe(202)
    const done = await job(t, response.json().id)
    expect(done).toMatchObject({ status: 'succeeded', fileName: '三月.xlsx', result: { imported: 2 } })
    const first = await t.call('GET', `/v1/ledgers/${books.ledgerId}/vouchers/${done.result.items[0].id}`)
    expect(first.json()).toMatchObject({ date: '2024-03-05', totals: { debit: '1234.50' } })
  })
})

describe('a file with bad rows', () => {
  it('reports every (row, column, rule) and writes nothing', async () => {
    const before = await postedCount()
    const file = csv([
      [...VOUCHER_HEADINGS],
      ['B-1', '2024-13-01', '日期错', '102', '10.00', null, '王会计', '李站长'],
      ['B-1', '2024-13-01', '日期错', '503', null, '10.00', '王会计', '李站长'],
      ['B-2', '2024-04-01', '三位小数', '102', '10.005', null, '王会计', '李站长'],
      ['B-2', '2024-04-01', '三位小数', '503', null, '10.00', '王会计', '李站长'],
      ['B-3', '2024-04-02', '不平', '102', '10.00', null, '王会计', '李站长'],
      ['B-3', '2024-04-02', '不平', '503', null, '9.99', '王会计', '李站长'],
      ['B-4', '2024-04-03', '两边', '102', '5.00', '5.00', '王会计', '李站长'],
      ['B-4', '2024-04-03', '两边', '503', null, '5.00', '王会计', '李站长'],
      ['B-5', '2024-04-04', '日期不一', '102', '1.00', null, '王会计', '李站长'],
      ['B-5', '2024-04-05', '日期不一', '503', null, '1.00', '王会计', '李站长'],
      [null, '2024-04-06', '无凭证号', '102', '1.00', null, '王会计', '李站长'],
      ['OK-1', '2024-04-07', '本身无误', '102', '1.00', null, '王会计', '李站长'],
      ['OK-1', '2024-04-07', '本身无误', '503', null, '1.00', '王会计', '李站长'],
    ])
    const response = await upload(t, path(), file, { key: books.reviewer })
    expect(response.statusCode, response.body).toBe(202)
    const done = await job(t, response.json().id)
    expect(done.status).toBe('rejected')
    const found = done.errors.map((e: { row: number; column: string | null; rule: string }) => [
      e.row,
      e.column,
      e.rule,
    ])
    expect(found).toEqual([
      [2, '日期', 'date_format'],
      [3, '日期', 'date_format'],
      [4, '借方', 'amount_decimals'],
      [6, null, 'unbalanced'],
      [8, '借方', 'one_side'],
      [11, '日期', 'voucher_inconsistent'],
      [12, '凭证号', 'required'],
    ])
    expect(done.errorCount).toBe(7)
    expect(done.progress.rowsWritten).toBe(0)
    expect(done.result).toBeNull()
    expect(done.problem).toMatchObject({
      status: 422,
      code: 'imports.rows_invalid',
      type: 'urn:liancun:problem:imports.rows_invalid',
      context: { errorCount: 7, shown: 7, errors: done.errors },
    })
    expect(await postedCount()).toBe(before)
  })

  it('refuses an Excel float such as 0.1+0.2 instead of rounding it', async () => {
    const file = await xlsx([
      [...VOUCHER_HEADINGS],
      ['F-1', '2024-04-08', '浮点', '102', 0.1 + 0.2, null, '王会计', '李站长'],
      ['F-1', '2024-04-08', '浮点', '503', null, 0.3, '王会计', '李站长'],
    ])
    const done = await job(t, (await upload(t, path(), file, { key: books.reviewer, type: XLSX })).json().id)
    expect(done.errors).toEqual([
      { row: 2, column: '借方', rule: 'amount_decimals', message: expect.stringContaining('two decimals') },
    ])
  })

  it('reports the ledger’s refusals row by row (accounts, 记账 = 审核), and writes none of the file', async () => {
    const before = await postedCount()
    const file = csv([
      [...VOUCHER_HEADINGS],
      ['L-1', '2024-05-01', '好的', '102', '2.00', null, '王会计', '李站长'],
      ['L-1', '2024-05-01', '好的', '503', null, '2.00', '王会计', '李站长'],
      ['L-2', '2024-05-02', '无此科目', '102', '3.00', null, '王会计', '李站长'],
      ['L-2', '2024-05-02', '无此科目', '999', null, '3.00', '王会计', '李站长'],
      ['L-3', '2024-05-03', '同一人', '102', '4.00', null, '王会计', '王会计'],
      ['L-3', '2024-05-03', '同一人', '503', null, '4.00', '王会计', '王会计'],
    ])
    const done = await job(t, (await upload(t, path(), file, { key: books.reviewer })).json().id)
    expect(done.status).toBe('rejected')
    expect(done.errors.map((e: { row: number; column: string | null }) => [e.row, e.column])).toEqual([
      [5, '科目编码'],
      [6, null],
    ])
    expect(done.errors.every((e: { rule: string }) => e.rule.startsWith('ledger.'))).toBe(true)
    expect(await postedCount()).toBe(before)
  })

  it('names a missing or unknown column on the heading row', async () => {
    const file = csv([
      ['凭证号', '日期', '摘要', '科目编码', '借方', '制单人', '审核人', '余额'],
      ['M-1', '2024-05-01', '缺贷方', '102', '1.00', '王会计', '李站长', '1.00'],
    ])
    const done = await job(t, (await upload(t, path(), file, { key: books.reviewer })).json().id)
    expect(
      done.errors.map((e: { row: number; column: string; rule: string }) => [e.row, e.column, e.rule]),
    ).toEqual([
      [1, '余额', 'unknown_column'],
      [1, '贷方', 'missing_column'],
    ])
  })

  it('refuses a file of headings only, and one that is not a spreadsheet at all', async () => {
    const headings = await job(t, (await upload(t, path(), csv([[...VOUCHER_HEADINGS]]))).json().id)
    expect(headings.errors).toEqual([expect.objectContaining({ row: 2, column: null, rule: 'no_rows' })])
    const garbage = await upload(t, path(), Buffer.from('not a zip'), { type: XLSX })
    expect((await job(t, garbage.json().id)).errors).toEqual([
      expect.objectContaining({ row: 1, rule: 'unreadable' }),
    ])
  })
})

describe('the same file twice', () => {
  it('is one import: the second upload answers 200 with the first job', async () => {
    const file = csv([
      [...VOUCHER_HEADINGS],
      ['D-1', '2024-06-01', '重复上传', '102', '7.00', null, '王会计', '李站长'],
      ['D-1', '2024-06-01', '重复上传', '503', null, '7.00', '王会计', '李站长'],
    ])
    const first = await upload(t, path(), file, { key: books.reviewer })
    expect(first.statusCode).toBe(202)
    const count = await postedCount()
    const again = await upload(t, path(), file, { key: books.reviewer })
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json()).toMatchObject({ id: first.json().id, status: 'succeeded' })
    expect(await postedCount()).toBe(count)
  })

  it('a rejected file may be sent again (the books may have changed meanwhile)', async () => {
    const file = csv([[...VOUCHER_HEADINGS], ['R-1', 'bad', '坏', '102', '1.00', null, '王会计', '李站长']])
    const first = await upload(t, path(), file, { key: books.reviewer })
    const again = await upload(t, path(), file, { key: books.reviewer })
    expect(again.statusCode).toBe(202)
    expect(again.json().id).not.toBe(first.json().id)
  })
})

describe('progress', () => {
  it('shows rows checked before writing, and rows written when done', async () => {
    const rows: (string | null)[][] = [[...VOUCHER_HEADINGS]]
    for (let n = 1; n <= 40; n++) {
      rows.push([`P-${n}`, '2024-06-10', '批量', '102', '1.00', null, '王会计', '李站长'])
      rows.push([`P-${n}`, '2024-06-10', '批量', '503', null, '1.00', '王会计', '李站长'])
    }
    let release!: () => void
    const paused = new Promise<void>((resolve) => {
      release = resolve
    })
    let reached!: () => void
    const atWrite = new Promise<void>((resolve) => {
      reached = resolve
    })
    t.app.imports.beforeWrite = async () => {
      reached()
      await paused
    }
    try {
      const response = await t.call('POST', path(), {
        key: books.reviewer,
        body: csv(rows),
        headers: { 'content-type': CSV },
      })
      expect(response.json()).toMatchObject({
        status: 'queued',
        progress: { rowsChecked: 0, rowsWritten: 0 },
      })
      await atWrite
      expect(await job(t, response.json().id)).toMatchObject({
        status: 'checking',
        progress: { rowsTotal: 80, rowsChecked: 80, rowsWritten: 0 },
        finishedAt: null,
      })
      release()
      await t.app.imports.whenDone(response.json().id)
      expect(await job(t, response.json().id)).toMatchObject({
        status: 'succeeded',
        progress: { rowsTotal: 80, rowsChecked: 80, rowsWritten: 40 },
      })
    } finally {
      t.app.imports.beforeWrite = null
      release()
    }
  })
})

describe('refusals of the upload itself', () => {
  const file = csv([[...VOUCHER_HEADINGS], ['Z-1', '2024-06-01', 'x', '102', '1.00', null, 'a', 'b']])

  it('401 without a key, 403 for a bookkeeper or a key of another village', async () => {
    problem(await upload(t, path(), file, { key: null }), 401, 'auth.missing_key')
    problem(await upload(t, path(), file, { key: books.bookkeeper }), 403, 'auth.forbidden')
    const elsewhere = await t.mintKey('reviewer', '370322104201')
    problem(await upload(t, path(), file, { key: elsewhere }), 403, 'auth.forbidden')
  })

  it('400 without a ledger or with an empty body, 404 for an unknown ledger', async () => {
    problem(await upload(t, '/v1/imports/vouchers', file), 400, 'request.invalid')
    problem(await upload(t, path(), Buffer.alloc(0)), 400)
    const empty = await t.call('POST', path(), { body: ' ', headers: { 'content-type': CSV } })
    expect(empty.statusCode).toBe(202)
    problem(await upload(t, '/v1/imports/vouchers?ledgerId=019a4c1e-7b2a-7c3d-8e4f-0123456789ab', file), 404)
  })

  it('415 for another type, 413 beyond the size limit', async () => {
    const json = problem(
      await upload(t, path(), file, { type: 'application/json' }),
      415,
      'imports.unsupported_media_type',
    )
    expect(json.errors?.[0]?.field).toBe('headers.content-type')
    problem(await upload(t, path(), file, { type: 'text/plain' }), 415)
    const large = Buffer.alloc(8 * 1024 * 1024 + 1, 0x41)
    problem(await upload(t, path(), large), 413, 'request.ctp_body_too_large')
  })

  it('honours Idempotency-Key as every POST does: a replay answers the first response, another file is 409', async () => {
    const headers = { 'content-type': CSV, 'idempotency-key': 'import-k-1' }
    const keyed = csv([[...VOUCHER_HEADINGS], ['K-1', '2024-06-02', 'x', '102', '1.00', null, 'a', 'b']])
    const first = await t.call('POST', path(), { body: keyed, headers })
    expect(first.statusCode, first.body).toBe(202)
    await t.app.imports.whenDone(first.json().id)
    const replay = await t.call('POST', path(), { body: keyed, headers })
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json().id]).toEqual([
      202,
      'true',
      first.json().id,
    ])
    problem(await t.call('POST', path(), { body: file, headers }), 409, 'idempotency.key_reused')
  })

  it('a job: 404 when unknown or asked through another village, 403 outside the key’s scope', async () => {
    const unknown = '019a4c1e-7b2a-7c3d-8e4f-0123456789ab'
    problem(await t.call('GET', `/v1/villages/${VILLAGE}/imports/${unknown}`), 404, 'imports.job_not_found')
    const response = await upload(t, path(), file, { key: books.reviewer })
    const id = response.json().id
    problem(await t.call('GET', `/v1/villages/370322104201/imports/${id}`), 404, 'imports.job_not_found')
    const elsewhere = await t.mintKey('auditor', '370322104201')
    problem(
      await t.call('GET', `/v1/villages/${VILLAGE}/imports/${id}`, { key: elsewhere }),
      403,
      'auth.forbidden',
    )
    const auditor = await t.mintKey('auditor', '370322104')
    expect((await t.call('GET', `/v1/villages/${VILLAGE}/imports/${id}`, { key: auditor })).statusCode).toBe(
      200,
    )
    problem(await t.call('GET', `/v1/villages/${VILLAGE}/imports/not-an-id`), 400, 'request.invalid')
  })
})
