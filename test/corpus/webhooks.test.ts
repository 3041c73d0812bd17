/** Official webhook vectors from ../shared/corpus/webhooks (Standard Webhooks reference libraries, GitHub docs). */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { type CryptoBackend, verify, verifySync } from '../../src/webhooks/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = path.resolve(repoRoot, '../shared/corpus/webhooks')

interface Case {
  name: string
  secret: string
  payload?: string
  headers?: Record<string, string>
  expected: string
}
const load = (file: string): Case[] => JSON.parse(readFileSync(path.join(dir, file), 'utf8')).cases

describe.skipIf(!existsSync(dir))('webhook corpus vectors', () => {
  describe.each(['node', 'webcrypto'] as CryptoBackend[])('standard-webhooks.json on %s', (backend) => {
    for (const c of existsSync(dir) ? load('standard-webhooks.json') : []) {
      it(c.name, async () => {
        const timestamp = c.headers?.['webhook-timestamp']
        const now = /^\d+$/.test(timestamp ?? '')
          ? new Date(Number(timestamp) * 1000)
          : new Date(1614265330_000)
        const input = {
          rawBody: c.payload ?? '',
          headers: c.headers ?? {},
          secrets: [c.secret],
          now,
          backend,
        }
        const result = await verify('standard-webhooks', input)
        if (c.expected === 'valid_if_now_within_tolerance') {
          expect(result.valid).toBe(true)
          // With the real clock the 2021 timestamp is far too old.
          expect(await verify('standard-webhooks', { ...input, now: undefined })).toMatchObject({
            valid: false,
            reason: 'timestamp_too_old',
          })
        } else if (c.expected === 'constructor_error') {
          expect(result).toMatchObject({ valid: false, reason: 'invalid_secret' })
        } else {
          expect(c.expected).toBe('invalid')
          expect(result.valid).toBe(false)
        }
      })
    }
  })

  describe('github.json', () => {
    for (const c of existsSync(dir) ? load('github.json') : []) {
      it(c.name, () => {
        const result = verifySync('github', {
          rawBody: c.payload ?? '',
          headers: c.headers ?? {},
          secrets: [c.secret],
        })
        expect(result.valid).toBe(c.expected === 'valid')
      })
    }
  })
})
