/**
 * The progress bar's model: where a shipment is on the five customer milestones (label created → picked up → in
 * transit → out for delivery → delivered), and what is unusual about the current step (a problem, a delivery
 * attempt, a pickup point, a return started or under way, a failure, a cancellation). A return started after the
 * delivery leaves the shipment delivered (see `deriveStatus`): the bar stays complete.
 */
import type { Milestone, Status } from '../model/status.js'
import { needsAction } from '../tracker/describe.js'
import { PROGRESS_STEPS, type ProgressStep, type StepProblem } from './strings.js'

export type StepState = 'done' | 'current' | 'upcoming' | 'skipped'

export interface ProgressView {
  steps: { step: ProgressStep; state: StepState }[]
  /** Index of the current step; -1 when nothing is known yet. */
  current: number
  /** Set when the current step is not a plain step forward. */
  problem?: StepProblem
}

/** The furthest customer step an event's milestone proves was reached; undefined for milestones that prove none. */
const STEP_OF: Partial<Record<Milestone, number>> = {
  label_created: 0,
  picked_up: 1,
  arrived_at_facility: 2,
  departed_facility: 2,
  in_transit: 2,
  customs: 2,
  status_update: 2,
  out_for_delivery: 3,
  delivery_attempted: 3,
  available_for_pickup: 3,
  delivered: 4,
  delivered_to_agent: 4,
}

interface Input {
  status: Status
  milestone: Milestone
  events: readonly { milestone: Milestone; status: Status }[]
}

function reached(input: Input): number {
  let max = -1
  for (const event of input.events) {
    const step = STEP_OF[event.milestone]
    if (step !== undefined && event.status !== 'returned_to_sender' && step > max) max = step
  }
  return max
}

function problemOf(status: Status, milestone: Milestone): StepProblem | undefined {
  switch (status) {
    case 'exception':
      // the same rule as the next step's wording: "Needs attention" only when the recipient has something to do
      if (needsAction(status, milestone)) return 'problem'
      if (milestone === 'customs') return 'customs'
      return milestone === 'held' ? 'held' : 'delay'
    case 'delivery_attempted':
      return 'attempt'
    case 'available_for_pickup':
      return 'pickup'
    case 'returned_to_sender':
      if (milestone === 'returned') return 'returned'
      return milestone === 'return_initiated' ? 'return_started' : 'return'
    case 'failure':
      return 'failure'
    case 'cancelled':
      return 'cancelled'
    default:
      return undefined
  }
}

/**
 * Where the shipment stands on the customer milestones. The current step comes from the status; for exceptions,
 * returns and failures it is the furthest step the events prove, shown with the problem. After a return, a
 * failure or a cancellation the remaining steps will not happen and are marked `skipped`.
 * @example progressView(shipment).steps.map((s) => s.state) // ['done', 'done', 'current', 'upcoming', 'upcoming']
 */
export function progressView(input: Input): ProgressView {
  const problem = problemOf(input.status, input.milestone)
  const furthest = reached(input)
  let current: number
  switch (input.status) {
    case 'pre_transit':
      current = 0
      break
    case 'in_transit':
      current = Math.max(input.milestone === 'picked_up' ? 1 : 2, Math.min(furthest, 2))
      break
    case 'out_for_delivery':
    case 'delivery_attempted':
    case 'available_for_pickup':
      current = 3
      break
    case 'delivered':
      current = 4
      break
    case 'cancelled':
      current = Math.max(0, Math.min(furthest, 3))
      break
    case 'unknown':
      current = furthest
      break
    default:
      current = Math.max(0, Math.min(furthest, 3))
  }
  const ends =
    problem === 'return_started' ||
    problem === 'return' ||
    problem === 'returned' ||
    problem === 'failure' ||
    problem === 'cancelled'
  const steps = PROGRESS_STEPS.map((step, index) => {
    let state: StepState
    if (index < current || (index === current && input.status === 'delivered')) state = 'done'
    else if (index === current) state = 'current'
    else state = ends ? 'skipped' : 'upcoming'
    return { step, state }
  })
  return problem ? { steps, current, problem } : { steps, current }
}
