// One process of the prune crash test (prune-kill.test.ts), on a PostgreSQL store whose record updates are slow
// (so that a SIGKILL often lands after a payload was kept and before its shipment was stored). Its clock runs
// `speed` times faster than real time from `t0`, so that the ten-minute grace of prunePayloads passes in seconds.
// Usage: node --import tsx prune-kill-child.ts <ingest|prune> <pgUrl> <table> <t0> <speed> <dir> [worker]
// - ingest: delivers its plan (REST answers holding the history so far), one at a time, appending the index of each
//   delivery it finished to done-<worker>.txt; restarted after a kill, it delivers again what it had not finished
//   (a carrier retrying later), the first one just after the grace of the payload the killed attempt kept, when
//   the pruner starts to take it for an orphan.
// - prune: runs prunePayloads({ unreferenced: true }) in a loop, reading payloads slowly (a wide window between
//   reading the references and deleting).
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Store } from '../../src/store/index.js'
import { postgresStore } from '../../src/store/postgres.js'
import { createTracker } from '../../src/tracker/index.js'
import { encodePayload } from '../../src/tracker/sources.js'
import { carrier, payload, v1 } from './reprocess-adapter.js'

const [role, pgUrl, table, t0Arg, speedArg, dir, workerArg] = process.argv.slice(2)
const t0 = Number(t0Arg)
const speed = Number(speedArg)
const now = () => new Date(t0 + (Date.now() - t0) * speed)
const inner = await postgresStore({ connectionString: pgUrl!, table: table!, max: 4 })
// A slow store for shipment records: the time between keeping a payload and storing its shipment is wide.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const store: Store = {
  ...inner,
  get: async (key) => {
    if (role === 'prune' && key.startsWith('tracker:payload:')) await sleep(5)
    return inner.get(key)
  },
  keys: (prefix) => inner.keys(prefix),
  update: async (keys, fn) => {
    if (keys[0]?.startsWith('tracker:number:')) await sleep(40)
    return inner.update(keys, fn)
  },
}
const tracker = createTracker({
  adapters: [carrier(v1)],
  store,
  now,
  outbox: { drainEveryMs: 0 },
  onError: () => undefined,
})
const rest = { source: 'rest' as const }

if (role === 'prune') {
  process.stdout.write('READY\n')
  for (;;) {
    const pruned = await tracker.prunePayloads({ unreferenced: true })
    process.stdout.write(`PRUNED ${pruned}\n`)
    await sleep(20)
  }
} else {
  const worker = Number(workerArg)
  const codes = ['PU', 'AR', 'DP', 'AR', 'DP', 'OD', 'DL']
  const plan = Array.from({ length: 12 * codes.length }, (_, i) => ({
    number: `K${worker}-${Math.floor(i / codes.length)}`,
    codes: codes.slice(0, 1 + (i % codes.length)),
  }))
  const doneFile = join(dir!, `done-${worker}.txt`)
  const done = new Set(
    existsSync(doneFile) ? readFileSync(doneFile, 'utf8').split('\n').filter(Boolean).map(Number) : [],
  )
  process.stdout.write('READY\n')
  const first = plan.findIndex((_, i) => !done.has(i))
  if (done.size && first >= 0) {
    // What the killed attempt kept: delivered again one minute after its grace ended.
    const { hash } = encodePayload(payload(plan[first]!.number, plan[first]!.codes), 1 << 20)!
    const kept = (await inner.get(`tracker:payload:${hash}`)) as { receivedAt?: string } | undefined
    if (kept?.receivedAt) {
      const at = Date.parse(kept.receivedAt) + 11 * 60_000
      await sleep(Math.max(0, (at - now().getTime()) / speed))
    }
  }
  for (let i = 0; i < plan.length; i++) {
    if (done.has(i)) continue
    await tracker.ingest({ source: 'acme', payload: payload(plan[i]!.number, plan[i]!.codes), context: rest })
    appendFileSync(doneFile, `${i}\n`)
  }
  process.stdout.write('FINISHED\n')
  await tracker.close()
  await inner.close?.()
}
