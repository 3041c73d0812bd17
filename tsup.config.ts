import { readdirSync, statSync } from 'node:fs'
import { defineConfig } from 'tsup'

/** Every folder under adapters/ with an index.ts becomes `waybill/adapters/<id>`. */
const adapterEntries = Object.fromEntries(
  readdirSync('adapters')
    .filter((id) => statSync(`adapters/${id}`).isDirectory())
    .map((id) => [`adapters/${id}`, `adapters/${id}/index.ts`]),
)

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      testing: 'src/conformance/runner.ts',
      'testing/vitest': 'src/conformance/vitest.ts',
      model: 'src/model/index.ts',
      time: 'src/time/index.ts',
      identifiers: 'src/identifiers/index.ts',
      epcis: 'src/epcis/index.ts',
      http: 'src/http/index.ts',
      polling: 'src/polling/index.ts',
      webhooks: 'src/webhooks/index.ts',
      'webhooks/outbound': 'src/webhooks/outbound.ts',
      edi: 'src/edi/index.ts',
      sftp: 'src/sftp/index.ts',
      tracker: 'src/tracker/index.ts',
      store: 'src/store/entry.ts',
      errors: 'src/errors/index.ts',
      ui: 'src/ui/index.ts',
      serve: 'src/serve/index.ts',
      operator: 'src/operator/index.ts',
      'cli/index': 'cli/index.ts',
      ...adapterEntries,
    },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    splitting: true,
    // Maps point at the published files' lines; the TypeScript sources are not embedded in them.
    sourcemap: true,
    esbuildOptions(options) {
      options.sourcesContent = false
    },
    // Built-ins keep their `node:` prefix (bundlers for edge runtimes rely on it).
    removeNodeProtocol: false,
    clean: true,
    treeshake: true,
    external: [
      'ssh2',
      'ssh2-sftp-client',
      '@electric-sql/pglite',
      'pg',
      'ioredis',
      '@opentelemetry/api',
      '@opentelemetry/sdk-metrics',
      '@opentelemetry/exporter-prometheus',
      'vitest',
    ],
  },
])
