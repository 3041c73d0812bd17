import { describe, expect, it } from 'vitest'
import { pickEstimate } from '../../src/tracker/tracker.js'

describe('pickEstimate', () => {
  const window = {
    from: '2024-05-09T12:00:00-06:00',
    to: '2024-05-09T16:00:00-06:00',
    precision: 'minute' as const,
  }
  const sameDay = {
    from: '2024-05-09T00:00:00-06:00',
    to: '2024-05-09T00:00:00-06:00',
    precision: 'day' as const,
  }
  it('keeps a finer window when a coarser report agrees with it (regression: a push said "today" and raised a false eta_later)', () => {
    expect(pickEstimate(window, sameDay)).toBe(window)
  })
  it('takes a coarser report that moves the day', () => {
    const nextDay = {
      from: '2024-05-10T00:00:00-06:00',
      to: '2024-05-10T00:00:00-06:00',
      precision: 'day' as const,
    }
    expect(pickEstimate(window, nextDay)).toBe(nextDay)
  })
  it('takes a report at least as precise, and keeps what there is when nothing new comes', () => {
    const later = { ...window, to: '2024-05-09T18:00:00-06:00' }
    expect(pickEstimate(window, later)).toBe(later)
    expect(pickEstimate(window, undefined)).toBe(window)
    expect(pickEstimate(undefined, sameDay)).toBe(sameDay)
  })
})
