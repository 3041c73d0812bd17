import { describe, expect, it } from 'vitest'
import { progressView } from '../../src/ui/index.js'
import { type ALL_STATUSES, shipmentFor } from './fixtures.js'

const states = (status: (typeof ALL_STATUSES)[number]) => {
  const view = progressView(shipmentFor(status))
  return { states: view.steps.map((s) => s.state).join(' '), current: view.current, problem: view.problem }
}

describe('progress over the customer milestones', () => {
  it('places every status on the five steps, with exception, attempt and return states shown as such', () => {
    expect(states('pre_transit')).toEqual({
      states: 'current upcoming upcoming upcoming upcoming',
      current: 0,
      problem: undefined,
    })
    expect(states('in_transit')).toEqual({
      states: 'done done current upcoming upcoming',
      current: 2,
      problem: undefined,
    })
    expect(states('out_for_delivery')).toEqual({
      states: 'done done done current upcoming',
      current: 3,
      problem: undefined,
    })
    expect(states('delivery_attempted')).toEqual({
      states: 'done done done current upcoming',
      current: 3,
      problem: 'attempt',
    })
    expect(states('available_for_pickup')).toEqual({
      states: 'done done done current upcoming',
      current: 3,
      problem: 'pickup',
    })
    expect(states('delivered')).toEqual({
      states: 'done done done done done',
      current: 4,
      problem: undefined,
    })
    expect(states('exception')).toEqual({
      states: 'done done current upcoming upcoming',
      current: 2,
      problem: 'problem',
    })
    expect(states('returned_to_sender')).toEqual({
      states: 'done done current skipped skipped',
      current: 2,
      problem: 'return',
    })
    expect(states('failure')).toEqual({
      states: 'done done current skipped skipped',
      current: 2,
      problem: 'failure',
    })
    expect(states('cancelled')).toEqual({
      states: 'done done current skipped skipped',
      current: 2,
      problem: 'cancelled',
    })
    expect(states('unknown')).toEqual({
      states: 'upcoming upcoming upcoming upcoming upcoming',
      current: -1,
      problem: undefined,
    })
  })

  it('an exception before pickup stays on the first step; a picked-up shipment is on step 2', () => {
    const early = progressView({
      status: 'exception',
      milestone: 'address_issue',
      events: [{ milestone: 'label_created', status: 'pre_transit' }],
    })
    expect(early.current).toBe(0)
    const picked = progressView({
      status: 'in_transit',
      milestone: 'picked_up',
      events: [{ milestone: 'picked_up', status: 'in_transit' }],
    })
    expect(picked.current).toBe(1)
  })

  it('a return after a delivery is shown on the furthest step before delivery, not as delivered', () => {
    const view = progressView({
      status: 'returned_to_sender',
      milestone: 'returned',
      events: [
        { milestone: 'out_for_delivery', status: 'out_for_delivery' },
        { milestone: 'delivered', status: 'delivered' },
        { milestone: 'returned', status: 'returned_to_sender' },
      ],
    })
    expect(view).toMatchObject({ current: 3, problem: 'returned' })
    expect(view.steps[4]?.state).toBe('skipped')
  })
})
