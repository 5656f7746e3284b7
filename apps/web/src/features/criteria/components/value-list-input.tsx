import { XIcon } from 'lucide-react';
import { type KeyboardEvent, useState } from 'react';
import { cn } from '@/shared/lib/cn';
import { inputClass } from '@/shared/ui/input';

interface ValueListInputProps {
  id?: string;
  value: string[];
  onChange(next: string[]): void;
  /** What one value is, for the placeholder and the remove buttons: "positive keyword". */
  noun: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * Chips and a text box: Enter adds the typed value (once), Backspace on an empty box removes
 * the last one. Values are checked by the server, which answers per list.
 */
export function ValueListInput({ id, value, onChange, noun, ...aria }: ValueListInputProps) {
  const [text, setText] = useState('');

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter adds a value; it must not submit the dialog's form.
      event.preventDefault();
      const next = text.trim();
      if (next && !value.includes(next)) onChange([...value, next]);
      setText('');
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className={cn(inputClass, 'flex h-auto min-h-9 flex-wrap items-center gap-1 py-1')}>
      {value.map((item) => (
        <span
          key={item}
          className="inline-flex items-center gap-0.5 rounded bg-secondary py-0.5 pr-0.5 pl-1.5 text-xs"
        >
          {item}
          <button
            type="button"
            aria-label={`Remove ${noun} ${item}`}
            onClick={() => onChange(value.filter((v) => v !== item))}
            className="rounded p-0.5 hover:bg-foreground/10"
          >
            <XIcon className="size-3" />
          </button>
        </span>
      ))}
      <input
        id={id}
        {...aria}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={value.length === 0 ? 'Type and press Enter' : ''}
        className="min-w-24 flex-1 bg-transparent py-0.5 text-sm outline-none placeholder:text-muted-foreground"
        autoComplete="off"
      />
    </div>
  );
}
