/**
 * Start-up as users feel it (#26): the time to import each public entry of the built package in a fresh Node
 * process (no module cache), and `waybill --help` against a minimal commander CLI with two commands. Each figure
 * is the median of `--runs` fresh processes, with the range; the processes of different entries alternate, so a
 * busy moment on the machine is spread over all of them.
 *
 *   npm run build && node --import tsx bench/startup.ts [--runs 15] [--compare <dir>]
 *
 * `--compare <dir>` measures a second build (another checkout's root with its `dist/`, e.g. the main branch built
 * into /tmp) in the same run: its processes alternate with this build's, and each line shows both medians and
 * their ratio, which the load of a shared machine disturbs much less than either figure alone.
 *
 * `--cpu` also prints, per import line, the median CPU time (user + system, all threads) the child process spent
 * on the import: on a machine with more runnable processes than cores, wall time includes waiting for a core,
 * CPU time does not.
 *
 * Goals: `waybill/webhooks` and `waybill/identifiers` under 20 ms, `waybill/edi` under 40 ms, the root under 80 ms,
 * `waybill --help` within 1.5× the minimal CLI.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const at = process.argv.indexOf('--runs')
const RUNS = at > 0 ? Number(process.argv[at + 1]) : 15
const root = path.resolve(import.meta.dirname, '..')
const compareAt = process.argv.indexOf('--compare')
const compareRoot = compareAt > 0 ? path.resolve(process.argv[compareAt + 1]!) : undefined
const showCpu = process.argv.includes('--cpu')
const ENTRIES: [string, string, number][] = [
  ['waybill/webhooks', 'dist/webhooks.js', 20],
  ['waybill/identifiers', 'dist/identifiers.js', 20],
  ['waybill/edi', 'dist/edi.js', 40],
  ['waybill/time', 'dist/time.js', 0],
  ['waybill/model', 'dist/model.js', 0],
  ['waybill/tracker', 'dist/tracker.js', 0],
  ['waybill', 'dist/index.js', 80],
]

/** Wall milliseconds of one `import()` in a fresh process, and the CPU milliseconds the process spent on it. */
function importMs(file: string, from = root): { wall: number; cpu: number } {
  const url = pathToFileURL(path.join(from, file)).href
  const script = `const c = process.cpuUsage(); const s = performance.now(); await import(${JSON.stringify(url)});
const wall = performance.now() - s; const { user, system } = process.cpuUsage(c); console.log(wall, (user + system) / 1000)`
  const [wall, cpu] = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  })
    .trim()
    .split(' ')
    .map(Number)
  return { wall: wall!, cpu: cpu! }
}

/** Wall milliseconds of a whole process (start-up included). */
function processMs(args: string[]): number {
  const started = performance.now()
  execFileSync(process.execPath, args, { stdio: 'ignore' })
  return performance.now() - started
}

const minimalCli = path.join(tmpdir(), 'waybill-minimal-cli.mjs')
writeFileSync(
  minimalCli,
  `import { Command } from ${JSON.stringify(pathToFileURL(path.join(root, 'node_modules/commander/esm.mjs')).href)}
const program = new Command('minimal').description('a minimal CLI').option('-v, --verbose', 'more output')
program.command('one').description('first command')
program.command('two').description('second command')
program.parse()
`,
)

const times = new Map<string, number[]>()
const add = (name: string, ms: number) => {
  const list = times.get(name) ?? []
  list.push(ms)
  times.set(name, list)
}
for (let run = 0; run < RUNS; run++) {
  for (const [name, file] of ENTRIES) {
    const own = importMs(file)
    add(name, own.wall)
    add(`${name} (cpu)`, own.cpu)
    if (compareRoot) {
      const other = importMs(file, compareRoot)
      add(`${name} (compared)`, other.wall)
      add(`${name} (compared cpu)`, other.cpu)
    }
  }
  add('minimal commander CLI --help', processMs([minimalCli, '--help']))
  add('waybill --help', processMs([path.join(root, 'dist/cli/index.js'), '--help']))
  if (compareRoot)
    add('waybill --help (compared)', processMs([path.join(compareRoot, 'dist/cli/index.js'), '--help']))
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`
console.log(`start-up, Node ${process.version}, median of ${RUNS} fresh processes (range)\n`)
for (const [name, , goal] of ENTRIES) {
  const values = times.get(name)!
  const verdict = goal ? (median(values) < goal ? `< ${goal} ms ✓` : `goal < ${goal} ms ✗`) : ''
  const compared = times.get(`${name} (compared)`)
  const versus = compared
    ? `  compared build ${median(compared).toFixed(1)} ms (${range(compared)}), ratio ${(median(values) / median(compared)).toFixed(2)}`
    : ''
  console.log(
    `import ${name.padEnd(22)} ${median(values).toFixed(1).padStart(7)} ms  (${range(values)})  ${verdict}${versus}`,
  )
  if (showCpu) {
    const cpu = times.get(`${name} (cpu)`)!
    const comparedCpu = times.get(`${name} (compared cpu)`)
    const cpuVersus = comparedCpu
      ? `  compared build ${median(comparedCpu).toFixed(1)} ms (${range(comparedCpu)}), ratio ${(median(cpu) / median(comparedCpu)).toFixed(2)}`
      : ''
    console.log(
      `  cpu ${''.padEnd(22)} ${median(cpu).toFixed(1).padStart(7)} ms  (${range(cpu)})${cpuVersus}`,
    )
  }
}
const cli = median(times.get('waybill --help')!)
const minimal = median(times.get('minimal commander CLI --help')!)
const cliCompared = times.get('waybill --help (compared)')
if (cliCompared)
  console.log(`compared build: waybill --help ${median(cliCompared).toFixed(1)} ms (${range(cliCompared)})`)
console.log(
  `\nwaybill --help ${cli.toFixed(1)} ms (${range(times.get('waybill --help')!)}), minimal commander CLI ${minimal.toFixed(1)} ms: ${(cli / minimal).toFixed(2)}× (goal ≤ 1.5×)`,
)
