import { SearchIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '@/shared/ui/button';
import { Input } from '@/shared/ui/input';
import { OptionSelect } from '@/shared/ui/option-select';
import type { ChannelFilters } from '../model/channel-filters';

type SearchField = 'uname' | 'uid';

const SEARCH_FIELDS = [
  { value: 'uname', label: 'Username' },
  { value: 'uid', label: 'UserID' },
] as const;

interface ChannelSearchProps {
  filters: ChannelFilters;
  onSearch(patch: Pick<ChannelFilters, 'uid' | 'uname'>): void;
}

/**
 * Search by name (substring) or by platform channel id (exact). The page remounts it when the
 * URL's search changes, so the box always shows what the list is filtered by.
 */
export function ChannelSearch({ filters, onSearch }: ChannelSearchProps) {
  const [field, setField] = useState<SearchField>(filters.uid ? 'uid' : 'uname');
  const [text, setText] = useState(filters.uid ?? filters.uname ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim() || undefined;
    onSearch(field === 'uid' ? { uid: value, uname: undefined } : { uname: value, uid: undefined });
  };

  return (
    <form className="flex items-center" onSubmit={submit}>
      <OptionSelect
        label="Search by"
        options={SEARCH_FIELDS}
        value={field}
        onChange={setField}
        className="w-32 rounded-r-none border-r-0"
      />
      <Input
        type="search"
        aria-label={field === 'uid' ? 'Channel id' : 'Username'}
        placeholder={field === 'uid' ? 'Exact channel id' : 'Part of the name'}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="w-56 rounded-none"
      />
      <Button type="submit" variant="outline" className="rounded-l-none border-l-0" aria-label="Search">
        <SearchIcon />
      </Button>
    </form>
  );
}
