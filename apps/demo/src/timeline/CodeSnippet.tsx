import snippets from 'virtual:code-snippets'
import type { SnippetName } from './snippetNames.js'

const TITLES: Record<SnippetName, string> = {
  provider: 'The provider (React)',
  hook: 'The hook (React)',
  tokenHandler: 'The token endpoint (your server)',
  refresh: 'The refresh',
  followTabs: 'Following the other tabs',
  callToken: 'A call token',
  joinCall: 'Joining the call',
}

/** A collapsible piece of the demo's real code, with the file it lives in. */
export function CodeSnippet({ name, open }: { name: SnippetName; open?: boolean }) {
  const snippet = snippets[name]
  return (
    <details className="snippet" open={open}>
      <summary>
        {TITLES[name]} <span className="file">{snippet.file}</span>
      </summary>
      <pre>
        <code>{snippet.code}</code>
      </pre>
    </details>
  )
}
