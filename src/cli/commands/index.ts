/** The list of CLI commands. Each module exports `register(program)`. */
import type { Command } from 'commander'
import { register as conformance } from './conformance.js'
import { register as demo } from './demo.js'
import { register as detect } from './detect.js'
import { register as edi } from './edi.js'
import { register as gs1 } from './gs1.js'
import { register as page } from './page.js'
import { register as reprocess } from './reprocess.js'
import { register as sftp } from './sftp.js'
import { register as track } from './track.js'
import { register as webhook } from './webhook.js'

type Register = (program: Command) => void

const commands: Register[] = [track, detect, gs1, edi, sftp, webhook, conformance, page, reprocess, demo]

export function registerCommands(program: Command): void {
  for (const register of commands) register(program)
}
