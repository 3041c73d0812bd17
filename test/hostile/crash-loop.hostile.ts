/**
 * The crash loop of the hostile suite: `waybill sftp pull --once` SIGKILLed at random moments over fresh drop
 * folders, round after round while its share of the budget lasts (at least one round). Nothing may be lost.
 * Also checks that the suite's own checks can fail (an untyped error, a RangeError, a slow input).
 */
import { describe, expect, it } from 'vitest'
import { ParseError } from '../../src/errors/index.js'
import { startDrop } from '../sftp/helpers.js'
import { killLoop } from '../sftp/kill-loop.js'
import { budgetOf, misbehaviour, timeoutOf } from './budget.js'

describe('hostile suite checks', () => {
  it('flags untyped errors, RangeErrors and slow inputs, and accepts typed errors', () => {
    expect(misbehaviour(() => undefined)).toBeUndefined()
    expect(
      misbehaviour(() => {
        throw new ParseError('bad input')
      }),
    ).toBeUndefined()
    expect(
      misbehaviour(() => {
        throw new TypeError('x is undefined')
      }),
    ).toMatch(/untyped TypeError/)
    const recurse = (n: number): number => recurse(n + 1) + 1
    expect(misbehaviour(() => recurse(0))).toMatch(/untyped RangeError/)
    expect(
      misbehaviour(
        () => {
          const until = performance.now() + 80
          while (performance.now() < until) {}
        },
        0,
        50,
      ),
    ).toMatch(/took \d+ ms/)
  }, 20_000)
})

describe('hostile crash loop', () => {
  it(
    'sftp pull --once under random SIGKILLs loses no file’s events, round after round',
    async () => {
      const until = Date.now() + budgetOf('crashLoop')
      let rounds = 0
      let killed = 0
      do {
        const drop = await startDrop()
        drop.server.faults.readDelayMs = 25
        try {
          const result = await killLoop({ drop, files: 12, killedRuns: 3 })
          expect(result.missing).toEqual([])
          expect(result.archived).toBe(12)
          killed += result.killed
        } finally {
          await drop.close()
        }
        rounds++
      } while (Date.now() < until)
      console.info(`hostile crash loop: ${rounds} rounds, ${killed} runs killed, nothing lost`)
      expect(killed).toBeGreaterThan(0)
    },
    timeoutOf('crashLoop') + 60_000,
  )
})
