/** CPU-time ratio of a normalizer to `JSON.parse` of the same text, shared by the normalize benches. */

/** CPU milliseconds per call of `fn`, over `calls` calls. */
export function cpuMs(fn: () => void, calls: number): number {
  const start = process.cpuUsage()
  for (let i = 0; i < calls; i++) fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / calls / 1000
}

/**
 * normalize / JSON.parse in CPU time: each side's best round out of 15 interleaved rounds, after a warm-up long
 * enough for the JIT to settle (a shared machine slows single rounds, never speeds them up, so the best round is
 * the steadiest estimate).
 */
export function cpuRatio(text: string, normalize: () => void): number {
  for (let i = 0; i < 20; i++) {
    JSON.parse(text)
    JSON.parse(text)
    normalize()
  }
  let parse = Number.POSITIVE_INFINITY
  let norm = Number.POSITIVE_INFINITY
  for (let round = 0; round < 15; round++) {
    parse = Math.min(
      parse,
      cpuMs(() => JSON.parse(text), 10),
    )
    norm = Math.min(norm, cpuMs(normalize, 3))
  }
  return norm / parse
}

/** Prints {@link cpuRatio} as measured in this process (the vitest worker). */
export function printCpuRatio(label: string, text: string, normalize: () => void): void {
  process.stderr.write(
    `${label}: normalize / JSON.parse = ${cpuRatio(text, normalize).toFixed(1)}x in CPU time, this process (goal <= 3x)\n`,
  )
}
