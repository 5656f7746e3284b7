/** The platform select and channel-id input that name a channel, shared by every form that asks for one. */
import { PLATFORMS, type PlatformName } from '@recflow/contracts';
import { Field } from './field';
import { Input } from './input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from './select';

interface ChannelAddressFieldsProps {
  platformName: PlatformName;
  sourceId: string;
  onPlatformChange: (platform: PlatformName) => void;
  onSourceIdChange: (sourceId: string) => void;
  errors: { platformName?: string; sourceId?: string };
}

export function ChannelAddressFields({
  platformName,
  sourceId,
  onPlatformChange,
  onSourceIdChange,
  errors,
}: ChannelAddressFieldsProps) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3">
      <Field label="Platform" error={errors.platformName}>
        {(control) => (
          <Select value={platformName} onValueChange={(v) => onPlatformChange(v as PlatformName)}>
            <SelectTrigger {...control}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {PLATFORMS.map((name) => (
                <SelectItem key={name} value={name}>
                  {name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
      </Field>
      <Field label="Channel id" error={errors.sourceId}>
        <Input
          value={sourceId}
          onChange={(e) => onSourceIdChange(e.target.value)}
          placeholder={platformName === 'chzzk' ? '32-character channel id' : 'station id'}
          autoComplete="off"
          autoFocus
        />
      </Field>
    </div>
  );
}
