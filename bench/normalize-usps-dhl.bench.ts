/**
 * Carrier JSON → canonical, USPS and DHL: `normalize` of a large real-shaped payload against `JSON.parse` of the
 * same bytes (DESIGN §7 goal: normalize ≤ 3× the parse). Payloads are built from the project's own fixtures,
 * repeated with shifted times and places so ids and zones vary. Run:
 *   npx vitest bench --run bench/normalize-usps-dhl.bench.ts
 * Before vitest's wall-clock table, each group prints (on stderr) `normalize / JSON.parse` in CPU time (process.cpuUsage,
 * interleaved, best of several rounds): steadier on a shared machine, where wall time counts other processes.
 */
import { readFileSync } from 'node:fs'
import { bench, describe } from 'vitest'
import { dhl } from '../adapters/dhl/index.js'
import { usps } from '../adapters/usps/index.js'
import { printCpuRatio } from './cpu-ratio.js'

const shift = (iso: string, minutes: number): string => {
  // Shift the wall-clock digits, keeping whatever offset (or none) the carrier wrote.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(.*)$/.exec(iso)!
  const moved = new Date(Date.parse(`${m[1]}Z`) + minutes * 60_000).toISOString().slice(0, 19)
  return moved + m[2]
}

/** DHL: 25 shipments × 40 events, half with offsets, half without (local time, zone from the place). */
function dhlPayload(): string {
  const base = JSON.parse(readFileSync('fixtures/dhl/delivered-signature.json', 'utf8'))
  const local = JSON.parse(readFileSync('fixtures/dhl/in-transit-no-offset.json', 'utf8'))
  const template = base.shipments[0]
  const events = [...template.events, ...local.shipments[0].events]
  const shipments = []
  for (let s = 0; s < 25; s++) {
    const list = []
    for (let i = 0; i < 40; i++) {
      const e = events[i % events.length]
      list.push({
        ...e,
        timestamp: shift(e.timestamp, -(i * 97 + s * 13)),
        description: `${e.description} #${i}`,
      })
    }
    shipments.push({ ...template, id: String(3576480951 + s), events: list })
  }
  return JSON.stringify({ shipments })
}

/** USPS: 60 responses of 99 events (the spec's maximum), with GMT fields, one after another in one array. */
function uspsPayloads(): string {
  const base = JSON.parse(readFileSync('fixtures/usps/returned-to-sender.json', 'utf8'))
  const out = []
  for (let r = 0; r < 60; r++) {
    const events = []
    for (let i = 0; i < 99; i++) {
      const e = base.trackingEvents[i % base.trackingEvents.length]
      events.push({
        ...e,
        eventTimestamp: shift(e.eventTimestamp, -i * 61),
        GMTTimestamp: `${shift(e.GMTTimestamp.replace('Z', ''), -i * 61)}Z`,
        eventType: `${e.eventType} ${i}`,
      })
    }
    out.push({ ...base, trackingNumber: String(9400111899223817500000n + BigInt(r)), trackingEvents: events })
  }
  return JSON.stringify(out)
}

const dhlAdapter = dhl()
const uspsAdapter = usps()
const dhlBytes = dhlPayload()
const uspsBytes = uspsPayloads()
const dhlParsed = JSON.parse(dhlBytes)
const uspsParsed = JSON.parse(uspsBytes) as unknown[]

const normalizeAllUsps = () => {
  for (const payload of uspsParsed) uspsAdapter.normalize(payload)
}

describe(`DHL: ${(dhlBytes.length / 1024).toFixed(0)} KiB, 1000 events`, () => {
  bench('JSON.parse', () => {
    JSON.parse(dhlBytes)
  })
  bench('normalize (already parsed)', () => {
    dhlAdapter.normalize(dhlParsed)
  })
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('DHL', dhlBytes, () => dhlAdapter.normalize(dhlParsed))
})

describe(`USPS: ${(uspsBytes.length / 1024).toFixed(0)} KiB, ${60 * 99} events`, () => {
  bench('JSON.parse', () => {
    JSON.parse(uspsBytes)
  })
  bench('normalize (already parsed)', normalizeAllUsps)
  // vitest runs no hooks in bench mode: the CPU-time ratio is measured while the group is collected.
  printCpuRatio('USPS', uspsBytes, normalizeAllUsps)
})
