/** Save/Notify switches change what recflow records or announces, so each flip asks first. */
import { useState } from 'react';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { Switch } from '@/shared/ui/switch';

interface GradeFlagSwitchProps {
  label: string;
  checked: boolean;
  consequence: (next: boolean) => string;
  onChange(next: boolean): Promise<unknown>;
}

export function GradeFlagSwitch({ label, checked, consequence, onChange }: GradeFlagSwitchProps) {
  const [asking, setAsking] = useState(false);
  const next = !checked;
  return (
    <>
      <Switch aria-label={label} checked={checked} onCheckedChange={() => setAsking(true)} />
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={`Turn ${next ? 'on' : 'off'} ${label.toLowerCase()}?`}
        description={consequence(next)}
        confirmLabel={next ? 'Turn on' : 'Turn off'}
        onConfirm={() => onChange(next)}
      />
    </>
  );
}
