import { type ChannelDto, TagName, type TagWithUsageDto } from '@recflow/contracts';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { errorMessage } from '@/shared/api/api-error';
import { Button } from '@/shared/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/shared/ui/dialog';
import { Field } from '@/shared/ui/field';
import { Input } from '@/shared/ui/input';
import { useAttachTag } from '../api/attach-tag';
import { TagSuggestions } from './tag-suggestions';

interface AttachTagDialogProps {
  channel: ChannelDto;
  tags: TagWithUsageDto[];
  onClose(): void;
}

export function AttachTagDialog({ channel, tags, onClose }: AttachTagDialogProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const attach = useAttachTag();
  const attached = (channel.tags ?? []).map((t) => t.name);

  const submit = async (tagName: string) => {
    const checked = TagName.safeParse(tagName);
    if (!checked.success) return setError(checked.error.issues[0]?.message);
    try {
      await attach.mutateAsync({ channelId: channel.id, tagName: checked.data });
      toast.success(`Tag "${checked.data}" attached to ${channel.username}`);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(name);
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Attach a tag</DialogTitle>
          <DialogDescription>
            {channel.username}: pick a tag, or type a new name to create it.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-3" onSubmit={onSubmit}>
          <Field label="Tag" error={error}>
            <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" autoFocus />
          </Field>
          <TagSuggestions tags={tags} text={name} taken={attached} onPick={(picked) => void submit(picked)} />
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={attach.isPending || name.trim() === ''}>
              Attach
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
