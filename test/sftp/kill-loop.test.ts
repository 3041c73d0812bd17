/**
 * `waybill sftp pull --once` killed with SIGKILL at random moments, run after run, over one drop folder: every
 * file's events must appear in the concatenated output at least once, and every file must end up archived. The
 * old CLI printed events only when the poll ended, so a kill lost the events of every file already checkpointed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Drop, startDrop } from './helpers.js'
import { killLoop } from './kill-loop.js'

let drop: Drop
beforeAll(async () => {
  drop = await startDrop()
  // A slow link (each READ answered after 25 ms) so that the kills land while files are being handled.
  drop.server.faults.readDelayMs = 25
})
afterAll(() => drop.close())

describe('waybill sftp pull --once under kill -9 (events lost when killed mid-poll)', () => {
  it('every file’s events appear at least once across killed runs, and every file is archived', async () => {
    const result = await killLoop({ drop, files: 40, killedRuns: 6 })
    console.info(
      `kill loop: ${result.killed} runs killed, ${40 - result.missing.length}/40 files' events printed, ${result.repeated} printed more than once, ${result.archived} archived`,
    )
    expect(result.killed).toBeGreaterThan(0)
    expect(result.missing).toEqual([])
    expect(result.archived).toBe(40)
  }, 60_000)
})
