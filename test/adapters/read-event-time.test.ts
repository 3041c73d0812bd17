import { describe, expect, it } from 'vitest'
import { readEventTime } from '../../src/adapter/index.js'
import type { NormalizeWarning } from '../../src/model/index.js'

const at = { field: 'time', path: 'events[0]', trackingNumber: 'T1' }

describe('readEventTime', () => {
  it('keeps a time with no known zone as local time and says so (guards against dropping the event)', () => {
    const warnings: NormalizeWarning[] = []
    const time = readEventTime({ dateTime: '2026-03-02T10:15:00' }, at, warnings)
    expect(time?.occurredAt).toBe('2026-03-02T10:15:00')
    expect(time?.zoneSource).toBe('unknown')
    expect(warnings.map((w) => [w.code, w.path])).toEqual([['unknown_zone', 'events[0].time']])
  })

  it('names the default zone it used', () => {
    const warnings: NormalizeWarning[] = []
    const time = readEventTime({ dateTime: '2026-03-02T10:15:00', defaultZone: 'Europe/Paris' }, at, warnings)
    expect(time?.occurredAt).toBe('2026-03-02T10:15:00+01:00')
    expect(warnings).toEqual([
      {
        code: 'fallback_zone',
        message: 'time read in Europe/Paris',
        path: 'events[0].time',
        trackingNumber: 'T1',
      },
    ])
  })

  it('returns undefined with an invalid_field warning for an unreadable date instead of throwing', () => {
    const warnings: NormalizeWarning[] = []
    expect(readEventTime({ dateTime: 'next tuesday' }, at, warnings)).toBeUndefined()
    expect(warnings[0]).toMatchObject({ code: 'invalid_field', path: 'events[0].time', trackingNumber: 'T1' })
    expect(warnings[0]?.message.startsWith('time: ')).toBe(true)
  })
})
