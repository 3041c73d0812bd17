/** A MAC over signed content with whichever crypto backend is available (used by every scheme's `sign`). */
import {
  type CryptoBackend,
  defaultBackend,
  type HmacAlgorithm,
  hmacNode,
  hmacWeb,
  type SignedContent,
} from './crypto.js'

/** HMAC of the content; Node's crypto unless WebCrypto is forced or Node's is absent. */
export async function macBytes(
  algorithm: HmacAlgorithm,
  key: Uint8Array,
  content: SignedContent,
  backend: CryptoBackend = defaultBackend,
): Promise<Uint8Array> {
  return backend === 'node' && defaultBackend === 'node'
    ? hmacNode(algorithm, key, content)
    : hmacWeb(algorithm, key, content)
}
