/** The 214 adapter through the public conformance suite, on the project's own fixtures (fixtures/edi214). */
import { fileURLToPath } from 'node:url'
import { edi214 } from '../../adapters/edi214/index.js'
import { testAdapter } from '../../src/conformance/index.js'

export const FIXTURE_PARTNERS = [
  {
    senderIds: ['FASTFRT'],
    name: 'Fast Freight (test partner)',
    carrier: 'fast-freight',
    scac: 'FAST',
    defaultZone: 'America/Chicago',
    statusCodes: {
      AV: {
        status: 'available_for_pickup',
        milestone: 'available_for_pickup',
        text: 'Available for pick-up at terminal',
      },
    },
  },
] as const

testAdapter({
  adapter: edi214({ partners: FIXTURE_PARTNERS }),
  fixturesDir: fileURLToPath(new URL('../../fixtures/edi214', import.meta.url)),
})
