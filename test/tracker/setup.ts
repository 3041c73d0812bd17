/** A tracker on a memory store with a settable clock, recording everything it emits. */
import type { Alert } from '../../src/model/index.js'
import { memoryStore } from '../../src/store/index.js'
import { createTracker, type TrackerEventMap, type TrackerOptions } from '../../src/tracker/index.js'

export function setup(options: Partial<TrackerOptions> = {}, start = '2024-03-01T00:00:00Z') {
  const clock = { now: new Date(start) }
  const store = memoryStore()
  const tracker = createTracker({ adapters: [], store, now: () => clock.now, ...options })
  const alerts: Alert[] = []
  const updates: TrackerEventMap['update'][] = []
  const anomalies: TrackerEventMap['anomaly'][] = []
  tracker.on('alert', (a) => alerts.push(a))
  tracker.on('update', (u) => updates.push(u))
  tracker.on('anomaly', (a) => anomalies.push(a))
  const at = (iso: string) => {
    clock.now = new Date(iso)
  }
  return { tracker, store, clock, at, alerts, updates, anomalies }
}
