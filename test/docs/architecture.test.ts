import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const text = readFileSync('docs/architecture.md', 'utf8')

describe('docs/architecture.md', () => {
  it('names only files and folders that exist (regression: the map must match the code)', () => {
    const paths = [...text.matchAll(/`((?:src|adapters|cli|test|fixtures)\/[^`\s*]+?)`/g)]
      .map((m) => m[1]!)
      .filter((p) => !p.includes('<'))
      .map((p) => p.replace(/\/$/, ''))
    expect(paths.length).toBeGreaterThan(40)
    const missing = paths.filter((p) => !existsSync(p))
    expect(missing).toEqual([])
  })

  it('links only documents that exist', () => {
    const links = [...text.matchAll(/\]\(([^)#]+)\)/g)].map((m) => `docs/${m[1]}`)
    expect(links.length).toBeGreaterThan(2)
    expect(links.filter((l) => !existsSync(l))).toEqual([])
  })
})
