/**
 * A webhook receiver on 127.0.0.1:0 for alert-routing tests: verifies each POST's Standard Webhooks signature,
 * records what arrived (message id, type, owner, alert key), and answers a chosen status to the first requests.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { verify } from '../../src/webhooks/index.js'

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

export interface Received {
  id: string
  type: string
  owner: string
  key: string
  kind: string
  valid: boolean
}

export async function receiver(options: { failFirst?: number; failStatus?: number } = {}) {
  const received: Received[] = []
  let failures = options.failFirst ?? 0
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      if (failures > 0) {
        failures--
        res.writeHead(options.failStatus ?? 503).end('try later')
        return
      }
      const rawBody = Buffer.concat(chunks).toString('utf8')
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      )
      // The routers in these tests run on a fixed clock: the signature is checked at the signed time.
      const signedAt = new Date(Number(headers['webhook-timestamp']) * 1000)
      const result = await verify('standard-webhooks', { rawBody, headers, secrets: [SECRET], now: signedAt })
      const body = JSON.parse(rawBody)
      received.push({
        id: headers['webhook-id'] ?? '',
        type: body.type,
        owner: body.data.owner,
        key: body.data.alert.dedupeKey,
        kind: body.data.alert.kind,
        valid: result.valid,
      })
      res.writeHead(result.valid ? 204 : 401).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
