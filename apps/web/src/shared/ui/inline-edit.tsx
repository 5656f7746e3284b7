/**
 * Click a value to edit it in place: Enter saves, Escape (or leaving the field) cancels. The
 * input stays open with the message when validation or the server refuses the value.
 */
import { PencilIcon } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useState } from 'react';
import { errorMessage } from '@/shared/api/api-error';
import { cn } from '@/shared/lib/cn';
import { Input } from './input';

interface InlineEditProps {
  value: string;
  /** Accessible name of the field, e.g. "Name of grade vip". */
  label: string;
  onSave(next: string): Promise<unknown>;
  /** Returns a message when the value is not acceptable. */
  validate?(next: string): string | undefined;
  display?: ReactNode;
  placeholder?: string;
  inputMode?: 'text' | 'numeric';
  className?: string;
  disabled?: boolean;
  /** Cut long text to the column width (full text on hover); short values never need it. */
  truncate?: boolean;
}

export function InlineEdit(props: InlineEditProps) {
  const {
    value,
    label,
    onSave,
    validate,
    display,
    placeholder = '—',
    inputMode,
    className,
    disabled,
    truncate,
  } = props;
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const cancel = () => {
    if (pending) return;
    setDraft(undefined);
    setError(undefined);
  };

  const save = async (next: string) => {
    if (next === value) return cancel();
    const invalid = validate?.(next);
    if (invalid) return setError(invalid);
    setPending(true);
    try {
      await onSave(next);
      setDraft(undefined);
      setError(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(event.currentTarget.value);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  if (draft === undefined) {
    return (
      <button
        type="button"
        disabled={disabled}
        aria-label={`Edit ${label}`}
        onClick={() => setDraft(value)}
        className={cn(
          'group/edit -mx-1.5 inline-flex max-w-full cursor-text items-center gap-1.5 rounded px-1.5 py-0.5 text-left hover:bg-accent disabled:cursor-default disabled:hover:bg-transparent',
          className,
        )}
      >
        <span
          className={cn(truncate ? 'truncate' : 'whitespace-nowrap', !value && 'text-muted-foreground')}
          title={truncate ? value : undefined}
        >
          {display ?? (value || placeholder)}
        </span>
        {!disabled && (
          <PencilIcon
            className="size-3 shrink-0 opacity-0 transition-opacity group-hover/edit:opacity-60"
            aria-hidden
          />
        )}
      </button>
    );
  }

  return (
    <div className="grid gap-1">
      <Input
        autoFocus
        aria-label={label}
        aria-invalid={error ? true : undefined}
        value={draft}
        inputMode={inputMode}
        readOnly={pending}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={cancel}
        className="h-8"
      />
      <p
        className={cn('text-xs', error ? 'text-destructive' : 'text-muted-foreground')}
        role={error ? 'alert' : undefined}
      >
        {error ?? 'Enter to save · Esc to cancel'}
      </p>
    </div>
  );
}
