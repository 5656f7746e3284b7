export function ImportHelp() {
  return (
    <div className="grid gap-2 text-sm text-muted-foreground">
      <p>
        CSV needs this header line; tags are separated by <code className="font-mono">|</code>:
      </p>
      <pre className="rounded-md bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap text-foreground wrap-anywhere">
        {
          'platform,sourceId,grade,tags,followed,description\nchzzk,0123abcd,vip,talk|music,true,Evening streams'
        }
      </pre>
      <p>
        JSON is an array of objects with the same names, <code className="font-mono">tags</code> as an array
        and <code className="font-mono">followed</code> as a boolean. Only{' '}
        <code className="font-mono">platform</code> and <code className="font-mono">sourceId</code> are
        required.
      </p>
      <p>
        New channels are created from the platform's profile; existing ones get the given grade and follow
        state, and missing tags are attached (never detached). Importing the same file twice changes nothing.
      </p>
    </div>
  );
}
