import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { useColor } from '../../cli/output.js'

const tty = { isTTY: true } as NodeJS.WriteStream
const pipe = { isTTY: false } as NodeJS.WriteStream

describe('CLI conventions', () => {
  it('colours only a terminal, never with NO_COLOR or --no-color, always with FORCE_COLOR', () => {
    expect(useColor(tty, {}, [])).toBe(true)
    expect(useColor(pipe, {}, [])).toBe(false)
    expect(useColor(tty, { NO_COLOR: '1' }, [])).toBe(false)
    expect(useColor(tty, { NO_COLOR: '' }, [])).toBe(true) // no-color.org: only a non-empty value counts
    expect(useColor(tty, {}, ['node', 'waybill', 'demo', '--no-color'])).toBe(false)
    expect(useColor(pipe, { FORCE_COLOR: '1' }, [])).toBe(true)
  })

  it('piped into a reader that closes early, exits quietly (regression: an EPIPE stack trace)', async () => {
    // Far more output than a pipe buffers, so writes go on after the reader has gone.
    const numbers = Array.from({ length: 3000 }, () => '1Z999AA10123456784')
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'detect', ...numbers], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (c) => (stderr += c))
    child.stdout.once('data', () => child.stdout.destroy()) // `| head -1`
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(stderr).not.toMatch(/EPIPE|at .*\(/)
    expect(code).toBe(0)
  }, 60_000)

  it('every command help ends with examples, the exit codes and where the documentation is', async () => {
    const out = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'help', 'edi'])
      let text = ''
      child.stdout.on('data', (c) => (text += c))
      child.on('exit', () => resolve(text))
    })
    expect(out).toMatch(/Examples:\n {2}waybill edi/)
    expect(out).toMatch(/Exit codes: 0 done; 1 failed/)
    expect(out).toMatch(/Documentation: README\.md and docs\//)
  }, 60_000)
})
