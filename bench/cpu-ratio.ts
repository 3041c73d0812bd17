/**
 * CPU-time ratio of a normalizer to `JSON.parse` of the same text, shared by the normalize benches.
 *
 * Fresh payloads per call (#26): production parses a response and normalizes that new object once, so every
 * normalize call here gets an object parsed just before it, never one reused object (a reused object keeps its
 * hidden classes and strings hot, and would let per-adapter memos hit on every call). Each round first parses
 * `calls` fresh copies outside the timed region, then times normalize over those copies, then times `JSON.parse`
 * of the same texts; the round's ratio is normalize / parse. The figure is the median of the rounds' ratios with
 * the range (min–max), not the best round; `total` is the ratio of the summed CPU times over all rounds, which a
 * GC or a busy moment falling on one short round moves much less than it moves that round's ratio.
 */

/** CPU milliseconds spent in `fn`. */
export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage()
  fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** Median and range of a list of ratios. */
export interface RatioSummary {
  median: number
  min: number
  max: number
}

export function summarize(values: readonly number[]): RatioSummary {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
  }
}

/**
 * normalize / JSON.parse in CPU time over `rounds` rounds of `calls` fresh payloads each (texts taken in turn from
 * `texts`), after a warm-up round.
 */
export function cpuRatio(
  texts: readonly string[],
  normalize: (parsed: unknown) => void,
  calls = 30,
  rounds = 25,
): RatioSummary & { total: number } {
  const pick = (i: number) => texts[i % texts.length] as string
  const ratios: number[] = []
  let normTotal = 0
  let parseTotal = 0
  for (let round = -3; round < rounds; round++) {
    const fresh: unknown[] = []
    for (let i = 0; i < calls; i++) fresh.push(JSON.parse(pick(round * calls + i + 3 * calls)))
    const norm = cpuMs(() => {
      for (const parsed of fresh) normalize(parsed)
    })
    const parse = cpuMs(() => {
      for (let i = 0; i < calls; i++) JSON.parse(pick(round * calls + i + 3 * calls))
    })
    if (round < 0) continue
    normTotal += norm
    parseTotal += parse
    if (parse > 0) ratios.push(norm / parse)
  }
  return { ...summarize(ratios), total: normTotal / parseTotal }
}

/** Prints {@link cpuRatio} as measured in this process (the vitest worker). */
export function printCpuRatio(
  label: string,
  texts: readonly string[],
  normalize: (parsed: unknown) => void,
): void {
  const { median, min, max } = cpuRatio(texts, normalize)
  process.stderr.write(
    `${label}: normalize / JSON.parse = ${median.toFixed(1)}x (${min.toFixed(1)}–${max.toFixed(1)}) in CPU time, ` +
      `median of fresh payloads, this process (goal <= 3x)\n`,
  )
}
