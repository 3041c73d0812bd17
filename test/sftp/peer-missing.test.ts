import { describe, expect, it, vi } from 'vitest'
import { ConfigError } from '../../src/errors/index.js'
import { sftpSource } from '../../src/sftp/index.js'

// Simulates an install without the optional peer dependency.
vi.mock('ssh2-sftp-client', () => {
  throw new Error("Cannot find package 'ssh2-sftp-client'")
})

describe('optional peer dependency missing', () => {
  it('pollOnce fails with a ConfigError that says what to install (and nothing is loaded before)', async () => {
    const source = sftpSource({
      connection: {
        host: '127.0.0.1',
        port: 1,
        username: 'u',
        password: 'p',
        hostKey: 'insecure-accept-any',
      },
      remoteDir: '/in',
      parser: () => [],
    })
    const error = await source.pollOnce().catch((e) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/npm install ssh2-sftp-client ssh2/)
  })
})
