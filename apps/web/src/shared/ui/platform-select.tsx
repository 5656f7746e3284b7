/** The platform filter every list of channels or lives has: "All platforms", chzzk, soop. */
import { PLATFORMS, type PlatformName } from '@recflow/contracts';
import { OptionSelect } from './option-select';

interface PlatformSelectProps {
  value: PlatformName | undefined;
  onChange(value: PlatformName | undefined): void;
}

export function PlatformSelect({ value, onChange }: PlatformSelectProps) {
  return (
    <OptionSelect
      label="Platform"
      anyLabel="All platforms"
      options={PLATFORMS}
      value={value}
      onChange={onChange}
      className="w-36"
    />
  );
}
