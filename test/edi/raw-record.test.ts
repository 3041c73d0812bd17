/**
 * Every event the 214 mapping makes keeps the segments of its status loop as `raw.record`: its AT7, then the MS1
 * and MS2 that follow it, as the file wrote them (what `waybill` shows as "the raw record an event came from", and
 * what a reprocess reads again).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse214 } from '../../src/edi/index.js'
import { interchange } from './build.js'

const dir = fileURLToPath(new URL('../../fixtures/edi214/', import.meta.url))
const files = readdirSync(dir).filter((f) => f.endsWith('.edi') && f !== 'truncated.edi')

describe('X12 214 events keep the segments of their status loop (raw.record)', () => {
  it('AT7 with its MS1 and MS2, AT7 with MS1 only, and AT7 alone: each event has exactly its own segments', () => {
    const text = interchange([
      {
        body: [
          ['B10', 'PRO1', 'BOL1', 'ABCD'],
          ['LX', '1'],
          ['AT7', 'AF', 'NS', '', '', '20240301', '1500', 'CT'],
          ['MS1', 'JOLIET', 'IL', 'US'],
          ['MS2', 'ABCD', 'TRL1'],
          ['LX', '2'],
          ['AT7', 'X4', 'NS', '', '', '20240302', '0610', 'MT'],
          ['MS1', 'DENVER', 'CO', 'US'],
          ['L11', 'PO-1', 'PO'],
          ['LX', '3'],
          ['AT7', 'X6', 'NS', '', '', '20240302', '0900', 'MT'],
          ['AT8', 'G', 'L', '1840', '3'],
        ],
      },
    ])
    const [shipment] = parse214(text).shipments
    const byCode = Object.fromEntries((shipment?.events ?? []).map((e) => [e.raw.code, e.raw.record]))
    expect(byCode).toEqual({
      AF: ['AT7*AF*NS***20240301*1500*CT', 'MS1*JOLIET*IL*US', 'MS2*ABCD*TRL1'],
      X4: ['AT7*X4*NS***20240302*0610*MT', 'MS1*DENVER*CO*US'],
      X6: ['AT7*X6*NS***20240302*0900*MT'],
    })
  })

  it.each(files)(
    '%s: every event has its AT7 (same status code) then only MS1/MS2, all from the file',
    (file) => {
      const bytes = readFileSync(dir + file)
      const text = bytes.toString('latin1')
      const { shipments } = parse214(bytes, { defaultZone: 'America/Chicago' })
      const events = shipments.flatMap((s) => s.events)
      expect(events.length).toBeGreaterThan(0)
      for (const event of events) {
        const record = event.raw.record as string[]
        expect(Array.isArray(record)).toBe(true)
        const [at7, ...rest] = record
        const id = (segment: string) => segment.slice(0, 3).toUpperCase()
        expect(id(at7!)).toBe('AT7')
        expect(at7!.split(at7!.charAt(3))[1]?.trim().toUpperCase()).toBe(event.raw.code)
        // At most one MS1 then at most one MS2 (the ones that follow this AT7).
        expect(['', 'MS1', 'MS2', 'MS1,MS2']).toContain(rest.map(id).join(','))
        for (const segment of record) expect(text).toContain(segment)
      }
    },
  )
})
