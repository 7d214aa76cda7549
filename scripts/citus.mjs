// A throwaway Citus cluster (coordinator + 2 workers) for the test command, from the Citus build
// kept beside the project (`../shared/citus`, or LIANCUN_CITUS_DIR): its start-cluster.sh copies
// the machine's PostgreSQL 15 into a temporary directory, adds Citus, and starts three nodes on
// loopback ports. Nothing is written outside that directory, and stop removes it. The project
// never needs Citus to run; a user's Citus comes from Citus's own packages or images.
import { execFileSync } from 'node:child_process'
import { appendFileSync, chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The directory holding start-cluster.sh, or null when this machine has no Citus build. */
export function findCitusBuild() {
  const candidates = [
    process.env.LIANCUN_CITUS_DIR,
    join(root, '..', 'shared', 'citus'),
    '/work/shared/citus',
  ]
  for (const dir of candidates) {
    if (
      dir &&
      existsSync(join(dir, 'start-cluster.sh')) &&
      existsSync('/usr/lib/postgresql/15/bin/postgres')
    ) {
      return dir
    }
  }
  return null
}

function portFree(port) {
  return new Promise((done) => {
    const server = createServer()
    server.unref()
    server.on('error', () => done(false))
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)))
  })
}

/** Three consecutive free loopback ports: the coordinator's and its two workers'. */
async function freePortRun() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20000 + Math.floor(Math.random() * 30000)
    if ((await portFree(first)) && (await portFree(first + 1)) && (await portFree(first + 2))) return first
  }
  throw new Error('no three consecutive free ports for the Citus cluster')
}

export async function startCitus(buildDir) {
  const dir = mkdtempSync(join(tmpdir(), 'liancun-citus-'))
  // The nodes run as `postgres` when we are root: it must reach the directory.
  chmodSync(dir, 0o755)
  const script = join(buildDir, 'start-cluster.sh')
  const stop = () => {
    try {
      execFileSync('bash', [script, 'stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] })
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const port = await freePortRun()
  try {
    execFileSync('bash', [script, dir, String(port)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 300_000,
    })
    // Every database with Citus runs a maintenance background worker, and the test suites hold
    // dozens of databases at once: the default of 8 worker processes runs out. Raise it, restart.
    const pgCtl = join(dir, 'pg', 'lib', 'postgresql', '15', 'bin', 'pg_ctl')
    const asPostgres = process.getuid?.() === 0
    for (const node of [port, port + 1, port + 2]) {
      const data = join(dir, 'data', `n${node}`)
      appendFileSync(join(data, 'postgresql.conf'), 'max_worker_processes = 128\n')
      const argv = ['-D', data, '-m', 'fast', '-w', '-t', '120', '-l', `${data}.log`, 'restart']
      execFileSync(
        asPostgres ? 'runuser' : pgCtl,
        asPostgres ? ['-u', 'postgres', '--', pgCtl, ...argv] : argv,
        {
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      )
    }
  } catch (error) {
    stop()
    throw error
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop }
}
