import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { COMMAND_MODULES, invokedCommand, registerCommands } from '../../cli/commands/index.js'

describe('the CLI loads only the command that runs (regression: every command loaded at start-up)', () => {
  it('the help list says what each module registers (no drift between the summaries and the commands)', async () => {
    for (const module of COMMAND_MODULES) {
      const program = new Command()
      ;(await module.load()).register(program)
      const registered = Object.fromEntries(program.commands.map((c) => [c.name(), c.description()]))
      expect(registered).toEqual(module.commands)
    }
  })

  it('finds the command to load in argv, help included', () => {
    expect(invokedCommand(['track', '1Z'])).toBe('track')
    expect(invokedCommand(['--no-color', 'detect', 'x'])).toBe('detect')
    expect(invokedCommand(['help', 'edi'])).toBe('edi')
    expect(invokedCommand(['--help'])).toBeUndefined()
    expect(invokedCommand([])).toBeUndefined()
  })

  it('registers the invoked command in full and the others as help entries only', async () => {
    const program = new Command()
    await registerCommands(program, ['node', 'waybill', 'gs1', '(01)09506000134352'])
    const gs1 = program.commands.find((c) => c.name() === 'gs1')!
    const edi = program.commands.find((c) => c.name() === 'edi')!
    expect(gs1.registeredArguments.length).toBeGreaterThan(0)
    expect(edi.options).toHaveLength(0)
    expect(program.commands.map((c) => c.name())).toEqual(
      expect.arrayContaining(['track', 'normalize', 'demo']),
    )
  })
})
