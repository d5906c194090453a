import { humanError } from './humanError.js'

/** An error in words: what happened, what to do, and the code in small print. */
export function ErrorMessage({ error, testId }: { error: unknown; testId?: string }) {
  const { what, todo, code } = humanError(error)
  return (
    <div className="error-box" role="alert" data-testid={testId}>
      <p className="error-what">{what}</p>
      {todo && <p className="error-todo">{todo}</p>}
      <p className="error-code">
        <code>{code}</code>
      </p>
    </div>
  )
}
