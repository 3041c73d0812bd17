/** Helper for descriptors: every normalized length from `min` to `max` inclusive. */
export function lengthRange(min: number, max: number): number[] {
  const out: number[] = []
  for (let n = min; n <= max; n++) out.push(n)
  return out
}
