import { useMutation, useQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { api, type ImportJob } from '../api.js'
import { ErrorMessage } from '../messages/ErrorMessage.js'
import { importProgress, type ProgressSample } from './importProgress.js'

const SAMPLE = `uid,name,avatar
ada-lovelace,Ada Lovelace,
grace-hopper,Grace Hopper,
bad uid,Broken Row,
alan-turing,Alan Turing,`

const seconds = (value: number) =>
  value < 1
    ? 'under a second'
    : value < 90
      ? `${Math.round(value)} s`
      : `${Math.round(value / 60)} min`

/** Batch import (the server kit's importer) with rate, ETA, a progress bar and a per-line report. */
export function AdminImport() {
  const [text, setText] = useState(SAMPLE)
  const [format, setFormat] = useState<'csv' | 'json'>('csv')
  const [dryRun, setDryRun] = useState(false)
  const samples = useRef<ProgressSample[]>([])
  const start = useMutation({
    mutationFn: () =>
      api<ImportJob>('/admin/import', { method: 'POST', body: { text, format, dryRun } }),
    onMutate: () => {
      samples.current = []
    },
  })
  const jobId = start.data?.id
  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => api<ImportJob>(`/admin/import/${jobId}`),
    enabled: jobId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 250 : false),
  })
  const current = job.data ?? start.data
  useEffect(() => {
    if (current) samples.current = [...samples.current, { at: Date.now(), done: current.done }]
  }, [current])
  const progress = current ? importProgress(current, samples.current) : undefined
  const submit = (event: FormEvent) => {
    event.preventDefault()
    start.mutate()
  }
  async function readFile(file: File | undefined) {
    if (!file) return
    setFormat(file.name.endsWith('.json') ? 'json' : 'csv')
    setText(await file.text())
  }
  const problems = current?.summary ? [...current.summary.invalid, ...current.summary.failed] : []
  return (
    <div className="admin">
      <header className="page-head">
        <p className="eyebrow">Admin</p>
        <h2 id="import-title">Batch import users into CometChat</h2>
        <p className="muted">
          The server kit’s importer creates each user in CometChat (existing ones are skipped), at a
          pace CometChat’s rate limit allows. Bad rows are reported by line; the rest go in.
        </p>
      </header>
      <div className="columns">
        <section className="card" aria-labelledby="import-title">
          <form onSubmit={submit} className="stack">
            <label>
              Users file (CSV with a header row, or a JSON array)
              <input
                type="file"
                accept=".csv,.json"
                onChange={(e) => void readFile(e.target.files?.[0])}
              />
            </label>
            <label>
              Content
              <textarea
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={10}
                spellCheck={false}
              />
            </label>
            <div className="row">
              <label>
                Format
                <select
                  value={format}
                  onChange={(e) => setFormat(e.target.value === 'json' ? 'json' : 'csv')}
                >
                  <option value="csv">CSV</option>
                  <option value="json">JSON</option>
                </select>
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={dryRun}
                  onChange={(e) => setDryRun(e.target.checked)}
                />{' '}
                Dry run (validate only)
              </label>
              <button type="submit" disabled={start.isPending || current?.status === 'running'}>
                Import
              </button>
            </div>
          </form>
          {start.isError && <ErrorMessage error={start.error} testId="import-error" />}
        </section>
        <section className="card" aria-label="Progress" aria-live="polite">
          <h3>Progress</h3>
          {!current && <p className="muted">Nothing imported yet.</p>}
          {current && progress && (
            <div data-testid="import-progress">
              <div className="meter big" aria-hidden="true">
                <div style={{ width: `${Math.round(progress.fraction * 100)}%` }} />
              </div>
              <progress className="sr-only" value={current.done} max={Math.max(1, current.total)} />
              <p className="progress-figures">
                <strong>
                  {current.done} / {current.total}
                </strong>{' '}
                users ({Math.round(progress.fraction * 100)} %)
                {progress.rate !== undefined && progress.rate > 0 && (
                  <span data-testid="import-rate">
                    {' '}
                    · {progress.rate.toFixed(progress.rate < 10 ? 1 : 0)} users/s
                  </span>
                )}
                {current.status !== 'running' && <span> · finished</span>}
                {current.status === 'running' && (
                  <span data-testid="import-eta">
                    {' '}
                    ·{' '}
                    {progress.etaSeconds === undefined
                      ? 'measuring…'
                      : `about ${seconds(progress.etaSeconds)} left`}
                  </span>
                )}
              </p>
            </div>
          )}
          {current?.status === 'failed' && (
            <ErrorMessage error={new Error(current.error ?? 'The import failed.')} />
          )}
          {current?.summary && (
            <div data-testid="import-summary">
              <p>
                {current.summary.created} created, {current.summary.skipped} already existed,{' '}
                {current.summary.invalid.length} invalid, {current.summary.failed.length} failed.
              </p>
              {problems.length > 0 && (
                <ul className="problems">
                  {problems.map((row) => (
                    <li key={`${row.line}-${row.code}`}>
                      Line {row.line}: {row.message} <code>{row.code}</code>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </section>
      </div>
    </div>
  )
}
