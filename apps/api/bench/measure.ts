// Timings and rates only (milliseconds, operations per second): no money passes through toFixed here.
/**
 * Load shapes for the request-path benchmark: a closed loop of N concurrent clients (throughput),
 * an open loop at a fixed offered rate (latency without coordinated omission), and the A B A B
 * A B rotation with medians. Latencies come from `performance.now()` (µs resolution), not from a
 * load tool with 1 ms buckets (reference/performance.md §5.1).
 */

export interface Run {
  /** Operations per second over the whole run. */
  rate: number
  /** Per-operation latencies, ms. */
  latencies: number[]
  /**
   * CPU of this whole process (server, its PGlite worker, clients) per operation, ms: less
   * sensitive than wall time to what other work the machine runs. The PostgreSQL server's own
   * CPU is not in it, so it is the API's overhead for the API side and nearly nothing for raw.
   */
  cpu: number
}

function cpuSince(start: NodeJS.CpuUsage, n: number): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000 / n
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

export const median = (values: number[]) => percentile(values, 50)

/** `n` operations shared by `clients` concurrent loops; `op(i, client)` does operation i. */
export async function closedLoop(
  n: number,
  clients: number,
  op: (i: number, client: number) => Promise<unknown>,
): Promise<Run> {
  let next = 0
  const latencies: number[] = []
  const cpu = process.cpuUsage()
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now()
        await op(i, client)
        latencies.push(performance.now() - t)
      }
    }),
  )
  return { rate: n / ((performance.now() - started) / 1000), latencies, cpu: cpuSince(cpu, n) }
}

/**
 * `n` operations arriving at `rate` per second whatever the earlier ones are doing; each latency
 * counts from when the operation was due, so a stall shows as the wait it causes.
 */
export async function openLoop(n: number, rate: number, op: (i: number) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = []
  const pending: Promise<void>[] = []
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < n; i++) {
    const due = started + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    pending.push(
      op(i).then(() => {
        latencies.push(performance.now() - due)
      }),
    )
  }
  await Promise.all(pending)
  return { rate: n / ((performance.now() - started) / 1000), latencies, cpu: cpuSince(cpu, n) }
}

/**
 * Runs every side once per round, in the same order each round (A B C A B C A B C), after one
 * warm-up call of each; returns each side's runs.
 */
export async function rotate<K extends string>(
  rounds: number,
  sides: Record<K, (round: number) => Promise<Run>>,
  warmUp?: Record<K, () => Promise<unknown>>,
): Promise<Record<K, Run[]>> {
  const names = Object.keys(sides) as K[]
  if (warmUp) for (const name of names) await warmUp[name]()
  const out = Object.fromEntries(names.map((name) => [name, [] as Run[]])) as unknown as Record<K, Run[]>
  for (let round = 0; round < rounds; round++) {
    for (const name of names) out[name].push(await sides[name](round))
  }
  return out
}

/** Median rate and median of the rounds' p50/p99 latencies. */
export function summary(runs: Run[]) {
  return {
    rate: median(runs.map((r) => r.rate)),
    p50: median(runs.map((r) => percentile(r.latencies, 50))),
    p99: median(runs.map((r) => percentile(r.latencies, 99))),
    cpu: median(runs.map((r) => r.cpu)),
  }
}

export const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : String(x))
