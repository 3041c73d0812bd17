/** GET /track/:carrier/:number: the customer tracking page of the latest shipment with that number. */
import { renderTrackingPage } from 'waybill/ui'
import { tracker } from '../../../../lib/waybill'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

interface Context {
  params: Promise<{ carrier: string; number: string }>
}

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { carrier, number } = await params
  const shipment = (await tracker.get(carrier, decodeURIComponent(number))).at(-1)
  if (!shipment) return new Response('No such shipment yet.', { status: 404 })
  return new Response(renderTrackingPage(shipment), {
    headers: { 'content-type': 'text/html; charset=utf-8' },
  })
}
