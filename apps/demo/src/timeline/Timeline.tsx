import { Fragment } from 'react'
import { CodeSnippet } from './CodeSnippet.js'
import type { LoggedRequest } from './requestLog.js'
import type { JournalStep } from './sessionJournal.js'
import { useSessionJournal } from './useSessionJournal.js'

const time = (ms: number) =>
  new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 1,
  } as Intl.DateTimeFormatOptions)
const duration = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`

/** The requests that started while `step` was the current state. */
const requestsOf = (requests: LoggedRequest[], step: JournalStep, next: JournalStep | undefined) =>
  requests.filter((r) => r.at >= step.at - 5 && (!next || r.at < next.at - 5))

/**
 * The session's life, newest first: each step says what happened and shows the code that did it,
 * with the requests it made and their timings. Self-contained: a devtools panel can replace it.
 */
export function Timeline() {
  const { steps, requests } = useSessionJournal()
  const newestFirst = steps.map((step, i) => ({ step, next: steps[i + 1] })).reverse()
  const before = requests.filter((r) => r.at < (steps[0]?.at ?? 0) - 5)
  return (
    <section className="timeline-panel" aria-labelledby="timeline-title">
      <header className="panel-head">
        <h2 id="timeline-title">What happened, step by step</h2>
        <p className="muted">
          Every state the Calls session went through, what it means, the code behind it, and the
          requests it made. It keeps recording while you are on other pages.
        </p>
      </header>
      <ol className="timeline" data-testid="timeline" reversed>
        {newestFirst.map(({ step, next }) => {
          const own = requestsOf(requests, step, next)
          return (
            <li key={step.id} data-status={step.status} className="step">
              <div className="step-head">
                <span className={`dot status-${step.status}`} aria-hidden="true" />
                <strong className="step-title">{step.title}</strong>
                <span className={`pill status-${step.status}`}>{step.status}</span>
                <time dateTime={new Date(step.at).toISOString()}>{time(step.at)}</time>
                {next && <span className="muted">lasted {duration(next.at - step.at)}</span>}
              </div>
              <p className="step-detail">{step.detail}</p>
              {own.length > 0 && <Requests requests={own} />}
              <div className="step-code">
                {step.snippets.map((name) => (
                  <CodeSnippet key={name} name={name} />
                ))}
              </div>
            </li>
          )
        })}
      </ol>
      {before.length > 0 && (
        <Fragment>
          <h3>Earlier requests</h3>
          <Requests requests={before} />
        </Fragment>
      )}
    </section>
  )
}

/** The "requests" list: the token endpoint and CometChat calls, with timings. */
function Requests({ requests }: { requests: LoggedRequest[] }) {
  return (
    <table className="requests" data-testid="requests">
      <caption className="sr-only">Requests</caption>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id} data-to={r.to}>
            <td>
              <span className={`to to-${r.to}`}>
                {r.to === 'server' ? 'your server' : 'CometChat'}
              </span>
            </td>
            <td className="label">{r.label}</td>
            <td className="num">{r.status ?? ''}</td>
            <td className="num">{duration(r.durationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
