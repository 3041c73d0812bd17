/**
 * The DPD Web Services client (SOAP 1.1). `LoginService.getAuth` (delisId, password, messageLanguage) gives an
 * `authToken` valid for a day; `ParcelLifeCycleService.getTrackingData` (one parcel label number a call) is sent
 * with that token in the `authentication` SOAP header. The session logs in once for all concurrent calls, keeps
 * the token until DPD says when it expires, and logs in again once when DPD refuses it. Answers go to `normalize`
 * as `{ parcelLabelNumber, xml }`; SOAP faults become typed errors carrying DPD's `errorCode`.
 */
import { parseXmlBody, type TrackContext } from '../../src/adapter/index.js'
import { ValidationError } from '../../src/errors/index.js'
import { carrierHttpError, type HttpClient, type HttpResponse } from '../../src/http/index.js'
import { DPD_ID } from './normalize.js'

export const DPD_LOGIN_PATH = '/services/LoginService/V2_1/'
export const DPD_TRACKING_PATH = '/services/ParcelLifeCycleService/V2_0/'

const NS_SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const NS_LOGIN = 'http://dpd.com/common/service/types/LoginService/2.0'
const NS_AUTH = 'http://dpd.com/common/service/types/Authentication/2.0'
const NS_PLC = 'http://dpd.com/common/service/types/ParcelLifeCycleService/2.0'

/** Escapes text for an XML element. */
const xml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The `getAuth` request. */
export function dpdLoginEnvelope(delisId: string, password: string, messageLanguage: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NS_SOAP}" xmlns:ns="${NS_LOGIN}"><soapenv:Header/><soapenv:Body><ns:getAuth><delisId>${xml(delisId)}</delisId><password>${xml(password)}</password><messageLanguage>${xml(messageLanguage)}</messageLanguage></ns:getAuth></soapenv:Body></soapenv:Envelope>`
}

/** The `getTrackingData` request with the `authentication` header. */
export function dpdTrackingEnvelope(
  auth: { delisId: string; authToken: string; messageLanguage: string },
  parcelLabelNumber: string,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NS_SOAP}" xmlns:auth="${NS_AUTH}" xmlns:ns="${NS_PLC}"><soapenv:Header><auth:authentication><delisId>${xml(auth.delisId)}</delisId><authToken>${xml(auth.authToken)}</authToken><messageLanguage>${xml(auth.messageLanguage)}</messageLanguage></auth:authentication></soapenv:Header><soapenv:Body><ns:getTrackingData><parcelLabelNumber>${xml(parcelLabelNumber)}</parcelLabelNumber></ns:getTrackingData></soapenv:Body></soapenv:Envelope>`
}

type Node = Record<string, unknown>

/** What a SOAP fault says: `faultstring` and, in `detail`, DPD's `errorCode`/`errorMessage` (and whether it is an authentication fault). */
export function dpdFault(body: string): { code?: string; message?: string; auth: boolean } | undefined {
  let doc: Node
  try {
    doc = parseXmlBody(body, 'DPD fault')
  } catch {
    return undefined
  }
  const fault = ((doc.Envelope as Node | undefined)?.Body as Node | undefined)?.Fault as Node | undefined
  if (!fault) return undefined
  const detail = (typeof fault.detail === 'object' && fault.detail !== null ? fault.detail : {}) as Node
  const [kind, inner] = Object.entries(detail)[0] ?? []
  const said = (typeof inner === 'object' && inner !== null ? inner : {}) as Node
  const code = typeof said.errorCode === 'string' ? said.errorCode : undefined
  const message =
    typeof said.errorMessage === 'string'
      ? said.errorMessage
      : typeof fault.faultstring === 'string'
        ? fault.faultstring
        : undefined
  return {
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
    auth: kind === 'authenticationFault' || (code?.startsWith('LOGIN_') ?? false),
  }
}

/** Options of a {@link DpdSession}. */
export interface DpdSessionOptions {
  http: HttpClient
  delisId: string
  password: string
  messageLanguage: string
  /** The clock, for the token's expiry. @default Date.now */
  now?: () => number
}

/** A DPD login shared by all calls of one adapter: one `getAuth` in flight at a time, the token reused until it expires. */
export class DpdSession {
  private current: { authToken: string; expires: number } | undefined
  private pending: Promise<{ authToken: string; expires: number }> | undefined
  constructor(private readonly options: DpdSessionOptions) {}

  /** The current token, logging in when there is none or it has expired. */
  async authToken(signal?: AbortSignal): Promise<string> {
    const now = this.options.now ?? Date.now
    if (this.current && this.current.expires > now()) return this.current.authToken
    this.pending ??= this.login(signal)
      .then((token) => {
        this.current = token
        return token
      })
      .finally(() => {
        this.pending = undefined
      })
    return (await this.pending).authToken
  }

  /** Forgets a token DPD refused, so the next call logs in again. */
  forget(authToken: string): void {
    if (this.current?.authToken === authToken) this.current = undefined
  }

  private async login(signal?: AbortSignal) {
    const { http, delisId, password, messageLanguage } = this.options
    const res = await post(http, DPD_LOGIN_PATH, dpdLoginEnvelope(delisId, password, messageLanguage), signal)
    if (res.status < 200 || res.status >= 300) throw refusal(res, 'login', [password])
    const doc = parseXmlBody(res.body, 'DPD getAuth answer')
    const answer = (
      ((doc.Envelope as Node | undefined)?.Body as Node | undefined)?.getAuthResponse as Node | undefined
    )?.return as Node | undefined
    const authToken = typeof answer?.authToken === 'string' ? answer.authToken : undefined
    if (!authToken)
      throw new ValidationError('getAuthResponse.return.authToken', 'DPD login answered without a token')
    const expiresAt =
      typeof answer?.authTokenExpires === 'string' ? Date.parse(answer.authTokenExpires) : Number.NaN
    // DPD documents a day; a minute is kept in hand so a token is not used in its last seconds.
    const expires =
      (Number.isFinite(expiresAt) ? expiresAt : (this.options.now ?? Date.now)() + 86_400_000) - 60_000
    return { authToken, expires }
  }
}

async function post(http: HttpClient, url: string, body: string, signal?: AbortSignal) {
  const res = await http.request<string>({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    responseType: 'text',
    signal,
    throwHttpErrors: false,
  })
  return { ...res, body: typeof res.body === 'string' ? res.body : '' }
}

/** A non-2xx answer → the typed error: a SOAP authentication fault is an `AuthError` whatever the status. */
function refusal(res: HttpResponse<string>, action: string, secrets: readonly string[]) {
  const fault = dpdFault(res.body)
  const status = fault?.auth ? 401 : res.status
  return carrierHttpError(
    { ...res, status },
    { code: fault?.code ?? String(res.status), message: fault?.message },
    {
      carrier: DPD_ID,
      action,
      method: 'POST',
      secrets,
      authHint: 'Check WAYBILL_DPD_DELIS_ID / WAYBILL_DPD_PASSWORD and the endpoint (stage or live)',
    },
  )
}

/** Fetches one answer per parcel label number, in order; a refused token is renewed once. */
export async function trackDpd(
  http: HttpClient,
  session: DpdSession,
  numbers: readonly string[],
  auth: { delisId: string; messageLanguage: string },
  ctx: TrackContext = {},
  secrets: readonly string[] = [],
): Promise<unknown[]> {
  const ids = numbers.map((n) => n.replace(/\s+/g, ''))
  const bad = ids.find((id) => !/^[0-9A-Za-z]{8,28}$/.test(id))
  if (bad !== undefined)
    throw new ValidationError('trackingNumbers', `dpd: "${bad}" is not a DPD parcel label number`)
  const out: unknown[] = []
  for (const parcelLabelNumber of ids) {
    let answer: (HttpResponse<string> & { body: string }) | undefined
    for (let attempt = 0; attempt < 2 && !answer; attempt++) {
      const authToken = await session.authToken(ctx.signal)
      const res = await post(
        http,
        DPD_TRACKING_PATH,
        dpdTrackingEnvelope({ ...auth, authToken }, parcelLabelNumber),
        ctx.signal,
      )
      if (res.status >= 200 && res.status < 300) answer = res
      else if (dpdFault(res.body)?.auth && attempt === 0) session.forget(authToken)
      else throw refusal(res, `tracking ${parcelLabelNumber}`, [...secrets, authToken])
    }
    out.push({ parcelLabelNumber, xml: answer?.body })
  }
  return out
}
