import type { ApiError } from '../lib/api-error';

/** An API failure: the Norwegian sentence first, then what the gateway said (technical detail). */
export function ErrorMessage({ error, what }: { error: ApiError | undefined; what?: string }) {
  if (!error) return null;
  return (
    <div class="message error" role="alert">
      <strong>
        {what ? `${what}: ` : ''}
        {error.human}
      </strong>
      {error.detail && error.detail !== error.human ? <div class="mono">{error.detail}</div> : null}
      {error.issues && error.issues.length > 0 ? (
        <ul>
          {error.issues.map((issue) => (
            <li key={issue} class="mono">
              {issue}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
