import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderAll } from '../../scripts/code-tables.js'

describe('per-carrier mapping tables in docs/carriers', () => {
  it('match the adapters’ codes.ts (regression: docs must never drift from the code; run npm run docs:tables)', async () => {
    const rendered = await renderAll(process.cwd())
    expect(rendered.size).toBeGreaterThan(0)
    for (const [id, text] of rendered) {
      const file = join('docs', 'carriers', `${id}.md`)
      expect(existsSync(file), `${file} is missing`).toBe(true)
      expect(readFileSync(file, 'utf8'), `${file} is stale`).toBe(text)
    }
  })
})
