/// <reference types="vite/client" />

declare module 'virtual:code-snippets' {
  /** Teaching snippets cut out of the demo's real files at build time (see codeSnippets.ts). */
  const snippets: Record<
    import('./timeline/snippetNames.js').SnippetName,
    { file: string; code: string }
  >
  export default snippets
}
