/**
 * A tracker holding one shipment of each kind the operator view lists: an exception, a late one, a stalled one, a
 * return on its way back, a delivered one, and one whose carrier text is hostile HTML.
 */
import type { DeliveryWindow } from '../../src/model/index.js'
import { createAlertRouter } from '../../src/operator/index.js'
import { memoryStore } from '../../src/store/index.js'
import { ev, result, ship } from '../tracker/build.js'
import { setup } from '../tracker/setup.js'

export const TOKEN = 'operator-token-0123456789abcdef'
export const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"\'&'
const day = (date: string): DeliveryWindow => ({ from: `${date}T00:00:00Z`, precision: 'day' })

/** The tracker with its shipments; the clock ends at 2024-03-10T12:00Z. */
export async function stockedTracker() {
  const t = setup({}, '2024-03-01T10:00:00Z')
  const n = (trackingNumber: string) => ({ trackingNumber })
  await t.tracker.ingestResult(
    result(
      ship(
        [
          ev('picked_up', '2024-03-01T08:00:00Z', n('EXC1')),
          ev('address_issue', '2024-03-01T09:00:00Z', n('EXC1')),
        ],
        {
          trackingNumber: 'EXC1',
          identifiers: { references: [{ type: 'customer_reference', value: 'CUST-42' }] },
        },
      ),
      ship([ev('picked_up', '2024-03-01T08:00:00Z', n('LATE1'))], {
        trackingNumber: 'LATE1',
        estimatedDelivery: day('2024-03-03'),
      }),
      ship([ev('refused', '2024-03-01T09:30:00Z', n('RET1'))], { trackingNumber: 'RET1' }),
      ship(
        [
          ev('picked_up', '2024-03-01T08:00:00Z', n('DONE1')),
          ev('delivered', '2024-03-01T09:45:00Z', n('DONE1')),
        ],
        { trackingNumber: 'DONE1', estimatedDelivery: day('2024-03-02') },
      ),
      ship(
        [
          ev('in_transit', '2024-03-01T09:50:00Z', {
            trackingNumber: 'EVIL1',
            description: HOSTILE,
            raw: { source: 'webhook', code: 'X', text: HOSTILE, record: { note: HOSTILE } },
          }),
        ],
        { trackingNumber: 'EVIL1' },
      ),
    ),
  )
  t.at('2024-03-10T12:00:00Z')
  return t
}

export const bearer = (token = TOKEN) => ({ authorization: `Bearer ${token}` })

/** A router on its own memory store whose one rule escalates; email content is collected, not sent. */
export function escalatingRouter() {
  const sent: string[] = []
  const router = createAlertRouter({
    store: memoryStore(),
    tickEveryMs: 0,
    escalateAfter: 30 * 60_000,
    now: () => new Date('2024-03-10T12:00:00Z'),
    channels: {
      lead: {
        type: 'email',
        to: ['lead@shop.example'],
        send: async (m) => void sent.push(m.id),
        link: (a) => `https://shop.example/t/${a.trackingNumber}`,
      },
    },
    rules: [
      { name: 'all', owner: 'ops', channels: ['lead'], escalateTo: { owner: 'lead', channels: ['lead'] } },
    ],
  })
  return { router, sent }
}
