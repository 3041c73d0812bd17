/**
 * Regression: about 1 in 150 ed25519 key pairs from ssh2's generator cannot be parsed back by ssh2, which made the
 * in-process test server fail to start now and then ("Malformed OpenSSH public key").
 */
import ssh2 from 'ssh2'
import { expect, it } from 'vitest'
import { parsableKeyPair } from '../../src/sftp/testing/server.js'

it('parsableKeyPair only hands out pairs ssh2 can read back', () => {
  for (let i = 0; i < 400; i++) {
    const pair = parsableKeyPair('ed25519')
    expect(ssh2.utils.parseKey(pair.public)).not.toBeInstanceOf(Error)
    expect(ssh2.utils.parseKey(pair.private)).not.toBeInstanceOf(Error)
  }
  const locked = parsableKeyPair('ed25519', { passphrase: 'p', cipher: 'aes256-ctr', rounds: 1 })
  expect(ssh2.utils.parseKey(locked.private, 'p')).not.toBeInstanceOf(Error)
})
