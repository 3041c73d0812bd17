/** Alerts for routing tests, in the shape the tracker raises them. */
import type { Alert } from '../../src/model/index.js'

export function alert(over: Partial<Alert> & { n?: number } = {}): Alert {
  const { n = 1, ...rest } = over
  const kind = rest.kind ?? 'late'
  const carrier = rest.carrier ?? 'acme'
  return {
    kind,
    severity: 'critical',
    dedupeKey: `${carrier}:N${n}::${kind}:2024-03-03/`,
    carrier,
    trackingNumber: `N${n}`,
    raisedAt: '2024-03-04T00:00:00.000Z',
    ...rest,
  }
}
