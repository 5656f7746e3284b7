/**
 * Why a live failed. The server joins the shortfall and each node's failure with "; " into one
 * sentence; one line each is far easier to read when several nodes refused.
 */
export function FailureReason({ reason }: { reason: string | null }) {
  const lines = (reason ?? 'No reason was recorded.').split('; ').filter((line) => line.trim() !== '');
  return (
    <ul className="grid gap-1">
      {lines.map((line) => (
        <li key={line} className="wrap-anywhere">
          {line}
        </li>
      ))}
    </ul>
  );
}
