import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { COMMAND_MODULES } from '../../cli/commands/index.js'
import { addHelpFooters, commandPath } from '../../cli/help.js'
import { useColor } from '../../cli/output.js'

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)]
}

function helpOf(command: Command): string {
  let text = ''
  command.configureOutput({ writeOut: (s) => (text += s) })
  command.outputHelp()
  return text
}

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

  it('every command and subcommand help has its own examples and an existing documentation page (regression: webhook send, sftp pull and webhook verify had none)', async () => {
    const seen: string[] = []
    for (const module of COMMAND_MODULES) {
      const program = new Command()
      ;(await module.load()).register(program)
      for (const top of program.commands) addHelpFooters(top)
      for (const command of program.commands.flatMap(everyCommand)) {
        const path = commandPath(command)
        seen.push(path)
        const help = helpOf(command)
        expect(help, path).toMatch(new RegExp(`Examples:\\n {2}(\\S+=\\S+ )*waybill ${path}`))
        expect(Number(help.match(/Examples:/g)?.length), `${path}: one examples block`).toBe(1)
        const doc = help.match(/More: node_modules\/waybill\/(docs\/\S+\.md)/)?.[1]
        expect(doc, path).toBeDefined()
        expect(existsSync(doc!), `${path}: ${doc}`).toBe(true)
      }
    }
    expect(seen).toEqual(expect.arrayContaining(['webhook send', 'webhook verify', 'sftp pull', 'reprocess']))
  })
})
