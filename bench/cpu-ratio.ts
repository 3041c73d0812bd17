/** CPU-time ratio of a normalizer to `JSON.parse` of the same text, shared by the normalize benches. */

/** CPU milliseconds per call of `fn`, over `calls` calls. */
export function cpuMs(fn: () => void, calls: number): number {
  const start = process.cpuUsage()
  for (let i = 0; i < calls; i++) fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / calls / 1000
}

/** Prints normalize / JSON.parse in CPU time, best of 6 interleaved rounds after a warm-up. */
export function printCpuRatio(label: string, text: string, normalize: () => void): void {
  for (let i = 0; i < 5; i++) {
    JSON.parse(text)
    normalize()
  }
  let parse = Number.POSITIVE_INFINITY
  let norm = Number.POSITIVE_INFINITY
  for (let round = 0; round < 6; round++) {
    parse = Math.min(
      parse,
      cpuMs(() => JSON.parse(text), 30),
    )
    norm = Math.min(norm, cpuMs(normalize, 5))
  }
  process.stderr.write(
    `${label}: normalize / JSON.parse = ${(norm / parse).toFixed(1)}x in CPU time (goal <= 3x)\n`,
  )
}
