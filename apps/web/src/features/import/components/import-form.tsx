import type { ImportBody } from '@recflow/contracts';
import { FileUpIcon, UploadIcon } from 'lucide-react';
import { type ChangeEvent, useId, useState } from 'react';
import { Button } from '@/shared/ui/button';
import { Textarea } from '@/shared/ui/input';
import { Label } from '@/shared/ui/label';
import { readImportSource } from '../model/import-source';

interface ImportFormProps {
  pending: boolean;
  onImport(body: ImportBody): void;
}

/** Paste text or pick a file (its text lands in the box, so it can be checked before sending). */
export function ImportForm({ pending, onImport }: ImportFormProps) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string>();
  const fileId = useId();
  const textId = useId();
  const source = readImportSource(text, fileName);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
    event.target.value = '';
  };

  return (
    <form
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (source.kind === 'csv' || source.kind === 'json') onImport(source.body);
      }}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Label htmlFor={textId}>CSV or JSON</Label>
        <div className="flex items-center gap-2">
          {fileName && <span className="max-w-60 truncate text-xs text-muted-foreground">{fileName}</span>}
          <Button variant="outline" size="sm" asChild>
            <label htmlFor={fileId} className="cursor-pointer">
              <UploadIcon /> Choose file
            </label>
          </Button>
          <input
            id={fileId}
            type="file"
            accept=".csv,.json,text/csv,application/json,text/plain"
            className="sr-only"
            onChange={(e) => void pick(e)}
          />
        </div>
      </div>
      <Textarea
        id={textId}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setFileName(undefined);
        }}
        rows={10}
        spellCheck={false}
        placeholder="platform,sourceId,grade,tags,followed,description"
        className="font-mono text-xs"
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p
          className={source.kind === 'invalid' ? 'text-sm text-destructive' : 'text-sm text-muted-foreground'}
          role={source.kind === 'invalid' ? 'alert' : undefined}
        >
          {source.kind === 'empty' && 'Paste rows or choose a file.'}
          {source.kind === 'invalid' && source.message}
          {source.kind === 'csv' && `CSV with ${source.rows} data row${source.rows === 1 ? '' : 's'}`}
          {source.kind === 'json' && `JSON with ${source.rows} row${source.rows === 1 ? '' : 's'}`}
        </p>
        <Button type="submit" disabled={pending || (source.kind !== 'csv' && source.kind !== 'json')}>
          <FileUpIcon /> {pending ? 'Importing…' : 'Import'}
        </Button>
      </div>
    </form>
  );
}
