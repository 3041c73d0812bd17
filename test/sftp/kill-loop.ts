/**
 * The kill -9 loop over `waybill sftp pull --once` (used by test/sftp/kill-loop.test.ts and the hostile suite):
 * files dropped into an in-process SFTP server, the CLI spawned through tsx and SIGKILLed after a random number of
 * archived files, run after run, then run without kills until the folder is empty. Returns what was printed.
 */
import { spawn } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { acmeLayout } from './csv-partner.js'
import { type Drop, PASSWORD } from './helpers.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface KillLoopResult {
  /** Runs ended by SIGKILL. */
  killed: number
  /** Tracking numbers whose events were never printed (must be empty). */
  missing: string[]
  /** Files in the archive folder. */
  archived: number
  /** Files whose events were printed more than once (in flight at a kill; allowed: at least once). */
  repeated: number
}

function csvFor(i: number): string {
  const n = `KL${String(i).padStart(8, '0')}`
  return [
    'Tracking,Status,Status Text,Date,Time,TZ,City,State,Zip,Country,Reason',
    `${n},PU,Picked up,2024-03-25,08:15,America/Chicago,Chicago,IL,60601,US,`,
    `${n},DL,Delivered,2024-03-26,10:58,America/Denver,Denver,CO,80202,US,`,
  ].join('\n')
}

interface Run {
  stdout: string
  code: number | null
  signal: NodeJS.Signals | null
}

/** Runs the CLI; with `killAfter`, SIGKILLs it once the server has done that many more renames (archived files). */
function pull(
  drop: Drop,
  configFile: string,
  killAfter?: { renames: number; extraMs: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'cli/index.ts', 'sftp', 'pull', '--config', configFile, '--once', '--json'],
      {
        cwd: root,
        env: { ...process.env, WAYBILL_TEST_SFTP_PASSWORD: PASSWORD },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-2000)
    })
    const stats = drop.server.stats
    const from = stats.renames
    const timer =
      killAfter &&
      setInterval(() => {
        if (stats.renames - from < killAfter.renames) return
        clearInterval(timer)
        setTimeout(() => child.kill('SIGKILL'), killAfter.extraMs)
      }, 2)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearInterval(timer)
      if (code !== null && code !== 0) reject(new Error(`pull exited ${code}: ${stderr}`))
      else resolve({ stdout, code, signal })
    })
  })
}

/** Drops `files` files (a unique prefix per call), then runs the loop; `drop` must be started by the caller. */
export async function killLoop(o: {
  drop: Drop
  files: number
  killedRuns: number
}): Promise<KillLoopResult> {
  for (let i = 0; i < o.files; i++) await o.drop.put(`kl-${String(i).padStart(3, '0')}.csv`, csvFor(i))
  const configFile = path.join(o.drop.root, 'kill-loop.json')
  writeFileSync(
    configFile,
    JSON.stringify({
      connection: {
        host: '127.0.0.1',
        port: o.drop.server.port,
        username: 'carrier',
        password: { env: 'WAYBILL_TEST_SFTP_PASSWORD' },
        hostKey: o.drop.server.hostKeyFingerprint,
      },
      remoteDir: '/in',
      settle: { intervalMs: 0, minAgeMs: 0 },
      concurrency: 1,
      parser: { type: 'csv', ...acmeLayout },
      checkpoints: 'kill-loop-checkpoints.json',
    }),
  )
  let output = ''
  let killed = 0
  for (let run = 0; run < o.killedRuns; run++) {
    // Kill after 1-8 files were archived, at a random moment within the next file's handling.
    const kill = { renames: 1 + Math.floor(Math.random() * 8), extraMs: Math.random() * 60 }
    const result = await pull(o.drop, configFile, kill)
    output += result.stdout
    if (result.signal === 'SIGKILL') killed++
    if (readdirSync(o.drop.inbox).every((name) => !name.endsWith('.csv'))) break
  }
  // Runs without a kill until the folder is empty (each is at least once).
  for (let run = 0; run < 3 && readdirSync(o.drop.inbox).some((n) => n.endsWith('.csv')); run++) {
    output += (await pull(o.drop, configFile)).stdout
  }

  const delivered = new Map<string, number>()
  for (const line of output.split('\n')) {
    let parsed: { type?: string; events?: { trackingNumber: string }[] }
    try {
      parsed = JSON.parse(line)
    } catch {
      continue // a line cut by the kill: its file was not checkpointed, so it is printed again
    }
    if (!Array.isArray(parsed.events)) continue
    for (const e of parsed.events ?? [])
      delivered.set(e.trackingNumber, (delivered.get(e.trackingNumber) ?? 0) + 1)
  }
  const missing = Array.from({ length: o.files }, (_, i) => `KL${String(i).padStart(8, '0')}`).filter(
    (n) => !delivered.has(n),
  )
  const archived = readdirSync(path.join(o.drop.inbox, 'archive')).filter((n) => n.startsWith('kl-'))
  const repeated = [...delivered.values()].filter((c) => c > 2).length
  return { killed, missing, archived: archived.length, repeated }
}
