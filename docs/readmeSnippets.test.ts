// @vitest-environment node
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// Issue 14: every ts/tsx snippet in a README type-checks as a user would paste it, under `strict`
// and `exactOptionalPropertyTypes`, against the packages' real types. A block that is not meant to
// compile on its own says so with `<!-- snippet: not-compiled -->` on the line before it.
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const READMES = [
  'README.md',
  'packages/core/README.md',
  'packages/react/README.md',
  'packages/server/README.md',
  'packages/emulator/README.md',
  'packages/testing/README.md',
  'packages/devtools/README.md',
  'apps/demo/README.md',
]

interface Snippet {
  readme: string
  line: number
  lang: 'ts' | 'tsx'
  code: string
}

/** The ts/tsx fenced blocks of one README, with the line each starts on. */
function extractSnippets(readme: string, text: string): Snippet[] {
  const snippets: Snippet[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|tsx|typescript)\s*$/.exec(lines[i] ?? '')
    if (!open) continue
    const skip = /<!--\s*snippet:\s*not-compiled\s*-->/.test(lines[i - 1] ?? '')
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++
    if (!skip) {
      snippets.push({
        readme,
        line: start + 1,
        lang: open[1] === 'tsx' ? 'tsx' : 'ts',
        code: lines.slice(start, end).join('\n'),
      })
    }
    i = end
  }
  return snippets
}

function readmes(): Snippet[] {
  return READMES.flatMap((readme) => {
    try {
      return extractSnippets(readme, readFileSync(join(root, readme), 'utf8'))
    } catch {
      return [] // a package without a README yet
    }
  })
}

/** Type-checks the snippets together (each its own module); returns the diagnostics by snippet. */
function typeCheck(snippets: Snippet[]): string[] {
  const files = new Map<string, string>()
  snippets.forEach((snippet, n) => {
    // Each snippet is a module of its own, as if pasted into a file of the user's app.
    files.set(
      join(root, `docs/snippets/__snippet${n}.${snippet.lang}`),
      `${snippet.code}\nexport {}\n`,
    )
  })
  const options: ts.CompilerOptions = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['@callsession/source'],
    allowImportingTsExtensions: true,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node', 'vite/client', 'express'],
    skipLibCheck: true,
    allowTopLevelAwait: true,
  } as ts.CompilerOptions
  const host = ts.createCompilerHost(options)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  host.readFile = (name) => files.get(name) ?? readFile(name)
  host.fileExists = (name) => files.has(name) || fileExists(name)
  const program = ts.createProgram(
    [
      ...files.keys(),
      join(root, 'docs/snippets/ambient.d.ts'),
      join(root, 'docs/snippets/modules.d.ts'),
    ],
    options,
    host,
  )
  const names = [...files.keys()]
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && names.includes(d.file.fileName))
    .map((d) => {
      const index = names.indexOf(d.file?.fileName ?? '')
      const snippet = snippets[index] as Snippet
      const { line } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? { line: 0 }
      const where = `${snippet.readme}:${snippet.line + line}`
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
    })
}

describe('README snippets', () => {
  it('extracts fenced ts/tsx blocks and honours not-compiled', () => {
    const text = [
      'a',
      '```ts',
      'const x: number = 1',
      '```',
      '<!-- snippet: not-compiled -->',
      '```tsx',
      'nope',
      '```',
    ].join('\n')
    expect(extractSnippets('R.md', text)).toEqual([
      { readme: 'R.md', line: 3, lang: 'ts', code: 'const x: number = 1' },
    ])
  })

  it('every README snippet type-checks under strict and exactOptionalPropertyTypes', () => {
    const snippets = readmes()
    expect(snippets.length).toBeGreaterThan(10)
    // A wrong snippet checked in the same program proves the check can fail.
    const probe: Snippet = {
      readme: 'probe.md',
      line: 1,
      lang: 'ts',
      code: "import { createCallsSession } from '@callsession/core'\ncreateCallsSession({ appId: 1 })",
    }
    const errors = typeCheck([probe, ...snippets])
    expect(errors.filter((error) => error.startsWith('probe.md:2 '))).not.toEqual([])
    const real = errors.filter((error) => !error.startsWith('probe.md'))
    expect(real, real.join('\n')).toEqual([])
  }, 120_000)
})
