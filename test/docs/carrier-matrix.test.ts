import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MATRIX_END, MATRIX_START, renderMatrix, withMatrix } from '../../scripts/carrier-matrix.js'

describe('README "Carriers" matrix', () => {
  it('lists every adapters/ folder as the adapters declare it (regression: a stale matrix; run npm run docs:matrix)', async () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(readme).toContain(MATRIX_START)
    expect(readme, 'README.md Carriers matrix is stale: npm run docs:matrix').toBe(
      withMatrix(readme, await renderMatrix(process.cwd())),
    )
  })
  it('names an adapter it was not told about (folders are iterated, not listed)', async () => {
    const matrix = await renderMatrix(process.cwd())
    expect(matrix).toMatch(/\| `auspost` \| REST \|/)
    expect(matrix).toMatch(/\| `ups` \|/)
  })
  it('refuses a README without the markers', () => {
    expect(() => withMatrix('# x\n', 'table')).toThrow(/markers/)
    expect(withMatrix(`a\n${MATRIX_START}\nold\n${MATRIX_END}\nb`, 'new')).toBe(
      `a\n${MATRIX_START}\n\nnew\n\n${MATRIX_END}\nb`,
    )
  })
})
