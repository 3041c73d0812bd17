/** POST /webhooks/easypost, /webhooks/aftership: the fetch-shaped handler takes the route's Request as is. */
import { webhooks } from '../../../lib/waybill'

// The tracker and the adapters need Node (not the edge runtime), and every delivery is new: never cache.
export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export async function POST(request: Request): Promise<Response> {
  return webhooks.fetch(request)
}
