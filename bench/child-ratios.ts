/**
 * The CPU-time ratio of the normalize benches as judged: measured in separate plain `node` processes on an esbuild
 * bundle of `normalize-ratio.ts`, not in the vitest worker.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from './bundled.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Prints `cpuRatio` (cpu-ratio.ts: fresh payload per normalize call, median of rounds) for the named cases of `normalize-ratio.ts`: for each case, the median of
 * `processes` separate plain `node` processes running its esbuild bundle, with the range. One process's figure moves by ±10 % with that
 * process's JIT and heap (the same code read 2.8× to 3.7× in the vitest worker on one day); the median of several
 * processes is what a 3× bar can be judged on, in the setting users run (compiled JavaScript, no test runner).
 */
export async function printChildRatios(labels: readonly string[], processes = 5): Promise<void> {
  const script = await bundle('bench/normalize-ratio.ts')
  const runs = new Map<string, number[]>(labels.map((label) => [label, []]))
  // One case per process: code shared by the adapters (createEvent, the id, the decoders) is compiled for the first
  // adapter that runs it, and a second adapter in the same process runs it polymorphic, slower (DHL measured after
  // USPS in one process reads about 10 % higher than alone).
  for (let i = 0; i < processes; i++) {
    for (const label of labels) {
      const out = execFileSync(process.execPath, [script, label], { cwd: repoRoot, encoding: 'utf8' })
      const { ratio } = JSON.parse(out.trim()) as { ratio: number }
      runs.get(label)?.push(ratio)
    }
  }
  for (const [label, ratios] of runs) {
    const sorted = [...ratios].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)] as number
    process.stderr.write(
      `${label}: normalize / JSON.parse = ${median.toFixed(2)}x in CPU time, fresh payloads, median of ${sorted.length} node ` +
        `processes (${(sorted[0] as number).toFixed(2)}–${(sorted.at(-1) as number).toFixed(2)}) (goal <= 3x)\n`,
    )
  }
}
