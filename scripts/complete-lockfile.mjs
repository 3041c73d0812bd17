// Completes package-lock.json for `npm ci` after a dependency change (run: node scripts/complete-lockfile.mjs).
//
// npm 11.19 writes lockfiles without the optional packages for other platforms (biome's, rollup's and esbuild's
// per-platform binaries), yet its own `npm ci` then refuses the lockfile ("Missing: @biomejs/cli-darwin-arm64@ from
// lock file"). This adds an entry for each such package — the version its parent pins, marked optional, with the
// os/cpu/libc its name states, so npm skips it on every other platform — and checks that `npm ci` accepts the result.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

function missing() {
  try {
    execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'pipe' })
    return []
  } catch (error) {
    const text = `${error.stdout ?? ''}${error.stderr ?? ''}`
    return [...new Set([...text.matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((m) => m[1]))]
  }
}

const OS = ['aix', 'android', 'darwin', 'freebsd', 'linux', 'netbsd', 'openbsd', 'openharmony', 'sunos', 'win32']
const CPU = ['arm', 'arm64', 'ia32', 'loong64', 'mips64el', 'ppc64', 'riscv64', 's390x', 'x64']

const names = missing()
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
let added = 0
for (const name of names) {
  const parent = Object.values(lock.packages).find((entry) => entry.optionalDependencies?.[name])
  if (!parent) {
    console.error(`no package in the lockfile declares ${name} as optional: run npm install first`)
    process.exit(1)
  }
  const parts = name.split('/').pop().split('-')
  const os = parts.find((p) => OS.includes(p))
  const cpu = parts.find((p) => CPU.includes(p))
  const entry = { version: parent.optionalDependencies[name], dev: parent.dev === true, optional: true }
  if (os) entry.os = [os]
  if (cpu) entry.cpu = [cpu]
  if (parts.includes('musl')) entry.libc = ['musl']
  else if (os === 'linux') entry.libc = ['glibc']
  lock.packages[`node_modules/${name}`] = entry
  added++
}
const [root, ...rest] = Object.entries(lock.packages)
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b))])
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`)
const left = missing()
console.log(`added ${added} entries; npm ci ${left.length ? `still misses ${left.join(', ')}` : 'accepts the lockfile'}`)
if (left.length) process.exit(1)
