import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Command } from 'commander'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { register } from '../../cli/commands/page.js'
import { shipmentFor } from './fixtures.js'

const dir = mkdtempSync(path.join(tmpdir(), 'waybill-page-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function run(...args: string[]): Promise<{ stdout: string; stderr: string; code: number | undefined }> {
  const program = new Command().exitOverride()
  register(program)
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  process.exitCode = undefined
  try {
    await program.parseAsync(['node', 'waybill', 'page', ...args])
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
  const code = process.exitCode as number | undefined
  process.exitCode = undefined
  return { stdout, stderr, code }
}

describe('waybill page', () => {
  const file = path.join(dir, 'shipment.json')
  writeFileSync(file, JSON.stringify(shipmentFor('out_for_delivery')))

  it('writes the page to --out in the requested locale and prints the path', async () => {
    const out = path.join(dir, 'page.html')
    const result = await run(file, '--locale', 'fr', '--out', out, '--brand-name', 'Acme')
    expect(result.code).toBeUndefined()
    expect(result.stdout).toBe(`${out}\n`)
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('<html lang="fr"')
    expect(html).toContain('<p class="wb-brand-name">Acme</p>')
  })

  it('prints the page on stdout without --out', async () => {
    const result = await run(file)
    expect(result.stdout.startsWith('<!doctype html>')).toBe(true)
  })

  it('reports a file that is not a Shipment on stderr with a non-zero exit, naming the field', async () => {
    const bad = path.join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ ...shipmentFor('in_transit'), status: 'teleported' }))
    const result = await run(bad)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('ERR_VALIDATION')
    expect(result.stderr).toContain('shipment.status')
    const notJson = path.join(dir, 'not.json')
    writeFileSync(notJson, '{')
    expect((await run(notJson)).stderr).toContain('ERR_PARSE')
  })
})
