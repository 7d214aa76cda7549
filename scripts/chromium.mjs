// Chromium and CJK fonts for the printable-board tests (apps/api/test/boards.browser.test.ts) and
// the PDF boards: Debian's `chromium` and `fonts-noto-cjk`, driven by puppeteer-core, which never
// downloads a browser. `npm test` calls ensureChromium() before the integration suites: on a fresh
// machine, as root with apt-get, it installs both; otherwise it says what is missing and the
// browser tests skip (the HTML boards need neither; the PDF route answers 503 without Chromium).
import { spawnSync } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'

// PUPPETEER_EXECUTABLE_PATH is puppeteer's own variable for a browser elsewhere (not a turbo input).
const { env } = process
const CANDIDATES = [env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']

export function chromiumPath() {
  for (const path of CANDIDATES) {
    if (!path) continue
    try {
      accessSync(path, constants.X_OK)
      if (statSync(path).isFile()) return path
    } catch {}
  }
  return null
}

function hasCjkFonts() {
  const listed = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  return listed.status === 0 && /Noto (Sans|Serif) CJK/.test(listed.stdout)
}

function hasAptGet() {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
}

/** 0 when Chromium and the fonts are there (installing them if it may), 'skipped' otherwise. */
export function ensureChromium() {
  const missing = [...(chromiumPath() ? [] : ['chromium']), ...(hasCjkFonts() ? [] : ['fonts-noto-cjk'])]
  if (missing.length === 0) {
    console.log(`Chromium at ${chromiumPath()}, Noto CJK fonts installed.`)
    return 0
  }
  const root = process.getuid?.() === 0
  if (!root || !hasAptGet()) {
    console.log(
      `Missing ${missing.join(' and ')}, and ${root ? 'no apt-get' : 'not root'}: the browser tests of the ` +
        `printable boards will skip. Install with: sudo apt-get install -y ${missing.join(' ')}`,
    )
    return 'skipped'
  }
  console.log(`Installing ${missing.join(' ')} with apt-get (a few minutes on a fresh machine)…`)
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' }
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv }).status === 0
  if (!run(['update']) || !run(['install', '-y', ...missing])) {
    console.log('apt-get failed: the browser tests of the printable boards will skip.')
    return 'skipped'
  }
  return chromiumPath() ? 0 : 'skipped'
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(ensureChromium() === 0 ? 0 : 1)
}
