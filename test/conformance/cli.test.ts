import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'waybill-conformance-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const waybill = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], { maxBuffer: 16 * 1024 * 1024 })

describe('waybill conformance on the shipped fixtures (regression: red out of the box)', () => {
  it('edi214 passes with the partner profile its fixtures are written for, into an --output folder it creates', async () => {
    const output = join(dir, 'new', 'dir', 'report.xml')
    const { stdout } = await waybill('conformance', 'edi214', '--reporter', 'junit', '--output', output)
    expect(stdout).toMatch(/✔ edi214: \d+ passed, 0 failed/)
    expect(existsSync(output)).toBe(true)
    expect(readFileSync(output, 'utf8')).toMatch(/<testsuites[^>]* failures="0"/)
  }, 120_000)

  it('csv is a shipped conformance target (regression: "Cannot find package \'csv\'")', async () => {
    const { stdout } = await waybill('conformance', 'csv')
    expect(stdout).toMatch(/✔ acme-3pl: \d+ passed, 0 failed/)
  }, 120_000)
})
