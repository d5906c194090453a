import { useMutation, useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api, type ImportJob } from '../api.js'

const SAMPLE = `uid,name,avatar
ada-lovelace,Ada Lovelace,
grace-hopper,Grace Hopper,
bad uid,Broken Row,
alan-turing,Alan Turing,`

/** Batch import (the server kit's importer) with live progress and a per-line report. */
export function AdminImport() {
  const [text, setText] = useState(SAMPLE)
  const [format, setFormat] = useState<'csv' | 'json'>('csv')
  const [dryRun, setDryRun] = useState(false)
  const start = useMutation({
    mutationFn: () =>
      api<ImportJob>('/admin/import', { method: 'POST', body: { text, format, dryRun } }),
  })
  const jobId = start.data?.id
  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => api<ImportJob>(`/admin/import/${jobId}`),
    enabled: jobId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 250 : false),
  })
  const current = job.data ?? start.data
  const submit = (event: FormEvent) => {
    event.preventDefault()
    start.mutate()
  }
  async function readFile(file: File | undefined) {
    if (!file) return
    setFormat(file.name.endsWith('.json') ? 'json' : 'csv')
    setText(await file.text())
  }
  return (
    <section className="card wide" aria-labelledby="import-title">
      <h2 id="import-title">Admin: batch import users into CometChat</h2>
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
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={8} />
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
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />{' '}
            Dry run (validate only)
          </label>
          <button type="submit" disabled={start.isPending || current?.status === 'running'}>
            Import
          </button>
        </div>
      </form>
      {start.isError && (
        <p className="error" role="alert">
          {start.error.message}
        </p>
      )}
      {current && (
        <div aria-live="polite">
          <label>
            Progress {current.done} / {current.total}
            <progress value={current.done} max={Math.max(1, current.total)} />
          </label>
          {current.status === 'failed' && (
            <p className="error" role="alert">
              {current.error}
            </p>
          )}
          {current.summary && (
            <div data-testid="import-summary">
              <p>
                {current.summary.created} created, {current.summary.skipped} already existed,{' '}
                {current.summary.invalid.length} invalid, {current.summary.failed.length} failed.
              </p>
              {[...current.summary.invalid, ...current.summary.failed].length > 0 && (
                <ul>
                  {[...current.summary.invalid, ...current.summary.failed].map((row) => (
                    <li key={`${row.line}-${row.code}`}>
                      Line {row.line}: {row.code} ({row.message})
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  )
}
