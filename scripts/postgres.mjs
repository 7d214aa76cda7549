// A throwaway PostgreSQL server for the test command: initdb into a temporary directory, start
// it on a free loopback port, hand back an admin URL, and remove everything on stop. The server
// binaries refuse to run as root, so as root they run as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Directory holding initdb and pg_ctl: PATH first, then Debian's versioned folders, newest first. */
export function findPostgresBin() {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' })
  if (onPath.status === 0 && onPath.stdout.trim()) {
    const dir = onPath.stdout.trim().replace(/\/initdb$/, '')
    if (existsSync(join(dir, 'pg_ctl'))) return dir
  }
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length ? join(base, versions[0], 'bin') : null
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Runs a server binary, as `postgres` when we are root. */
function runAs(bin, args, asPostgres) {
  const command = asPostgres ? 'runuser' : bin
  const argv = asPostgres ? ['-u', 'postgres', '--', bin, ...args] : args
  execFileSync(command, argv, { stdio: ['ignore', 'ignore', 'inherit'] })
}

export async function startPostgres(binDir) {
  const asPostgres = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'liancun-pg-'))
  const data = join(dir, 'data')
  if (asPostgres) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, uid, gid)
    chmodSync(dir, 0o700)
  }
  const port = await freePort()
  const stop = () => {
    try {
      runAs(join(binDir, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], asPostgres)
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    runAs(
      join(binDir, 'initdb'),
      ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'],
      asPostgres,
    )
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ')
    runAs(
      join(binDir, 'pg_ctl'),
      ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start'],
      asPostgres,
    )
  } catch (error) {
    stop()
    throw error
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop }
}
