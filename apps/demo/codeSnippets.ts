import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'

/** Where a snippet comes from: a `#region snippet:<name>` in a file, or a call's whole statement. */
type Source = { file: string; region: string } | { file: string; statementWith: string[] }

const SOURCES: Record<string, Source> = {
  provider: { file: 'src/CallsProvider.tsx', region: 'provider' },
  hook: { file: 'src/components/SessionPanel.tsx', region: 'hook' },
  refresh: { file: 'src/components/SessionPanel.tsx', region: 'refresh' },
  tokenHandler: {
    file: 'server/createApi.ts',
    statementWith: ['createTokenHandler({', "'/cometchat/token'"],
  },
  followTabs: { file: 'src/appSession/FollowOtherTabs.tsx', region: 'follow' },
  callToken: { file: 'src/calls/CallPanel.tsx', region: 'call-token' },
  joinCall: { file: 'src/calls/joinCall.ts', region: 'join' },
}

const dedent = (lines: string[]) => {
  const indent = Math.min(
    ...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0),
  )
  return lines.map((l) => l.slice(indent)).join('\n')
}

/** The lines between `// #region snippet:<name>` and the next `// #endregion`. */
function region(text: string, name: string): string | undefined {
  const lines = text.split('\n')
  const start = lines.findIndex((l) => l.includes(`#region snippet:${name}`))
  if (start < 0) return undefined
  const end = lines.findIndex((l, i) => i > start && l.includes('#endregion'))
  return dedent(lines.slice(start + 1, end < 0 ? undefined : end))
}

/** From the line containing `marker` to where its brackets balance again. */
function statement(text: string, marker: string): string | undefined {
  const lines = text.split('\n')
  const start = lines.findIndex((l) => l.includes(marker))
  if (start < 0) return undefined
  let depth = 0
  for (let i = start; i < lines.length; i++) {
    for (const ch of lines[i] ?? '') depth += '([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0
    if (depth <= 0) return dedent(lines.slice(start, i + 1))
  }
  return undefined
}

/**
 * `virtual:code-snippets`: the demo's teaching snippets, cut out of the real source files at build
 * time, so the page never shows code that drifted from what runs (and ships no other source).
 */
export function codeSnippets(root: string): Plugin {
  const id = 'virtual:code-snippets'
  const resolved = `\0${id}`
  return {
    name: 'callsession-demo:code-snippets',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(loaded) {
      if (loaded !== resolved) return undefined
      const snippets: Record<string, { file: string; code: string }> = {}
      for (const [name, source] of Object.entries(SOURCES)) {
        const path = join(root, source.file)
        this.addWatchFile(path)
        const text = readFileSync(path, 'utf8')
        const code =
          'region' in source
            ? region(text, source.region)
            : source.statementWith
                .map((marker) => statement(text, marker))
                .filter(Boolean)
                .join('\n\n')
        snippets[name] = { file: source.file, code: code || `// see ${source.file}` }
      }
      return `export default ${JSON.stringify(snippets)}`
    },
  }
}
