import { TagName, type TagWithUsageDto } from '@recflow/contracts';
import { XIcon } from 'lucide-react';
import { type KeyboardEvent, useState } from 'react';
import { cn } from '@/shared/lib/cn';
import { inputClass } from '@/shared/ui/input';
import { TagSuggestions } from './tag-suggestions';

interface TagInputProps {
  id?: string;
  value: string[];
  onChange(next: string[]): void;
  tags: TagWithUsageDto[];
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * Chips for the chosen tag names and a text box: Enter adds the typed name (a new name creates
 * the tag with the channel), Backspace on an empty box removes the last chip.
 */
export function TagInput({ id, value, onChange, tags, ...aria }: TagInputProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();

  const add = (name: string) => {
    const checked = TagName.safeParse(name);
    if (!checked.success) return setProblem(checked.error.issues[0]?.message);
    if (!value.includes(checked.data)) onChange([...value, checked.data]);
    setText('');
    setProblem(undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter adds a tag; it must not submit the dialog's form.
      event.preventDefault();
      if (text.trim()) add(text);
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className="grid gap-1.5">
      <div className={cn(inputClass, 'flex h-auto min-h-9 flex-wrap items-center gap-1 py-1')}>
        {value.map((name) => (
          <span
            key={name}
            className="inline-flex items-center gap-0.5 rounded bg-secondary py-0.5 pr-0.5 pl-1.5 text-xs"
          >
            {name}
            <button
              type="button"
              aria-label={`Remove tag ${name}`}
              onClick={() => onChange(value.filter((n) => n !== name))}
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
          placeholder={value.length === 0 ? 'Type a tag and press Enter' : ''}
          className="min-w-32 flex-1 bg-transparent py-0.5 text-sm outline-none placeholder:text-muted-foreground"
          autoComplete="off"
        />
      </div>
      {problem && <p className="text-xs text-destructive">{problem}</p>}
      {text.trim() && <TagSuggestions tags={tags} text={text} taken={value} onPick={add} />}
    </div>
  );
}
