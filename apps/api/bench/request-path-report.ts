// Timings and rates only (milliseconds, operations per second): no money passes through toFixed here.
/** Prints the request-path benchmark's results as the markdown tables of BENCHMARKS.md. */
import { cpus, loadavg } from 'node:os'
import { fmt, type Run, summary } from './measure.js'

/** Each side's runs: the API on PostgreSQL, the raw baseline, and the API on PGlite when it ran. */
export type Sides = { api: Run[]; raw: Run[]; pglite?: Run[] }

export interface Results {
  loadBefore: number[]
  ROUNDS: number
  CLIENTS: number
  VOUCHERS: number
  write: Sides
  writeApi: ReturnType<typeof summary>
  writeRaw: ReturnType<typeof summary>
  rate: number
  n: number
  latApi: ReturnType<typeof summary>
  latRaw: ReturnType<typeof summary>
  latency: Sides
  reads: { name: string; calls: number; floor?: boolean; runs: Sides }[]
  tb: Sides
  TB_VOUCHERS: number
  /** Whether PGlite ran. */
  lite: boolean
  imports: Sides
  IMPORT_CALLS: number
  IMPORT_VOUCHERS: number
  countyTb: Sides
  COUNTY_LEDGERS: number
  COUNTY_VOUCHERS: number
  rawRows: unknown[]
  countyRaw: unknown[]
}

export function printReport(results: Results): void {
  const {
    loadBefore,
    ROUNDS,
    CLIENTS,
    VOUCHERS,
    write,
    writeApi,
    writeRaw,
    rate,
    n,
    latApi,
    latRaw,
    latency,
    reads,
    tb,
    TB_VOUCHERS,
    lite,
    imports,
    IMPORT_CALLS,
    IMPORT_VOUCHERS,
    countyTb,
    COUNTY_LEDGERS,
    COUNTY_VOUCHERS,
    rawRows,
    countyRaw,
  } = results
  const loadAfter = loadavg()
  const cpu = (runs: Run[]) => fmt(summary(runs).cpu)
  console.log(
    `\nrequest-path benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${fmt(loadBefore[0]!)} before / ${fmt(loadAfter[0]!)} after; ${ROUNDS} rounds, medians\n`,
  )
  console.log(
    '| measure | API (PostgreSQL) | raw node-postgres | API ÷ raw | target | bench-process CPU ms/op, API · raw |',
  )
  console.log('|---|---:|---:|---:|---|---:|')
  const row = (cells: (string | number)[]) => console.log(`| ${cells.join(' | ')} |`)
  row([
    `draft + post, ${CLIENTS} clients, ${VOUCHERS} vouchers/round`,
    `${fmt(writeApi.rate, 0)} vouchers/s`,
    `${fmt(writeRaw.rate, 0)} vouchers/s`,
    `**${fmt(writeApi.rate / writeRaw.rate)}**`,
    '≥ 0.5',
    `${cpu(write.api)} · ${cpu(write.raw)}`,
  ])
  row([
    `draft + post at ${fmt(rate, 1)}/s (½ API max), ${n} vouchers/round: p50 / p99`,
    `${fmt(latApi.p50, 1)} / ${fmt(latApi.p99, 1)} ms`,
    `${fmt(latRaw.p50, 1)} / ${fmt(latRaw.p99, 1)} ms`,
    `p99 **${fmt(latApi.p99 / latRaw.p99)}×**`,
    '≤ 2×',
    `${cpu(latency.api)} · ${cpu(latency.raw)}`,
  ])
  for (const r of reads) {
    const a = summary(r.runs.api!)
    const w = summary(r.runs.raw!)
    row([
      `${r.name}, ${CLIENTS} clients, ${r.calls} calls/round`,
      `${fmt(a.rate, 0)} req/s`,
      `${fmt(w.rate, 0)} req/s`,
      `**${fmt(a.rate / w.rate)}**`,
      r.floor ? '—' : '≥ 0.5',
      `${fmt(a.cpu)} · ${fmt(w.cpu)}`,
    ])
  }
  const tbApi = summary(tb.api)
  const tbRaw = summary(tb.raw)
  row([
    `trial balance of one village, ${TB_VOUCHERS * 4} lines, one caller (p50 per call)`,
    `${fmt(tbApi.p50)} ms`,
    `${fmt(tbRaw.p50)} ms (GROUP BY over lines)`,
    `API takes **${fmt(tbApi.p50 / tbRaw.p50)}×** raw`,
    '≤ 2×',
    `${fmt(tbApi.cpu)} · ${fmt(tbRaw.cpu)}`,
  ])
  const impApi = summary(imports.api)
  const impRaw = summary(imports.raw)
  row([
    `import, ${IMPORT_CALLS} calls of ${IMPORT_VOUCHERS} four-line vouchers/round, one caller`,
    `${fmt(impApi.rate, 0)} vouchers/s`,
    `${fmt(impRaw.rate, 0)} vouchers/s (multi-row INSERT, posted)`,
    `**${fmt(impApi.rate / impRaw.rate)}**`,
    '≥ 0.5',
    `${fmt(impApi.cpu)} · ${fmt(impRaw.cpu)}`,
  ])
  const cApi = summary(countyTb.api)
  const cRaw = summary(countyTb.raw)
  row([
    `county trial balance (\`/v1/books/trial-balance\`), ${COUNTY_LEDGERS} ledgers, ${COUNTY_LEDGERS * COUNTY_VOUCHERS * 4} lines (p50 per call)`,
    `${fmt(cApi.p50)} ms`,
    `${fmt(cRaw.p50)} ms (GROUP BY over the county's lines)`,
    `raw ÷ API **${fmt(cRaw.p50 / cApi.p50, 1)}×**`,
    '≥ 10× faster',
    `${fmt(cApi.cpu)} · ${fmt(cRaw.cpu)}`,
  ])
  if (lite) {
    console.log(
      '\n| measure (through the API) | PGlite | PostgreSQL | PGlite ÷ PostgreSQL | target | CPU ms/op, PGlite · PostgreSQL |',
    )
    console.log('|---|---:|---:|---:|---|---:|')
    const l = summary(write.pglite!)
    row([
      `draft + post, ${CLIENTS} clients`,
      `${fmt(l.rate, 0)} vouchers/s`,
      `${fmt(writeApi.rate, 0)} vouchers/s`,
      `**${fmt(l.rate / writeApi.rate)}**`,
      '≥ 0.5',
      `${fmt(l.cpu)} · ${fmt(writeApi.cpu)}`,
    ])
    for (const r of reads) {
      const p = summary(r.runs.pglite!)
      const a = summary(r.runs.api!)
      row([
        r.name,
        `${fmt(p.rate, 0)} req/s`,
        `${fmt(a.rate, 0)} req/s`,
        `**${fmt(p.rate / a.rate)}**`,
        r.floor ? '—' : '≥ 0.5',
        `${fmt(p.cpu)} · ${fmt(a.cpu)}`,
      ])
    }
    const tbLite = summary(tb.pglite!)
    row([
      `trial balance, ${TB_VOUCHERS * 4} lines (p50 per call; ratio = PostgreSQL time ÷ PGlite time)`,
      `${fmt(tbLite.p50)} ms`,
      `${fmt(tbApi.p50)} ms`,
      `**${fmt(tbApi.p50 / tbLite.p50)}**`,
      '≥ 0.33',
      `${fmt(tbLite.cpu)} · ${fmt(tbApi.cpu)}`,
    ])
  }
  console.log(
    `\ntrial balances identical to the raw GROUP BY to the fen: village yes (${rawRows.length} accounts), county yes (${countyRaw.length} accounts, ${COUNTY_LEDGERS} ledgers)`,
  )
}
