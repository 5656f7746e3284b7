/**
 * Asks before a consequential action. The dialog stays open while the action runs and shows
 * its failure (e.g. the server's 409 message), so the operator reads why nothing happened.
 */
import { AlertDialog as AlertPrimitive } from 'radix-ui';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '@/shared/api/api-error';
import { cn } from '@/shared/lib/cn';
import { ErrorAlert } from './alert';
import { Button } from './button';
import { contentClass, overlayClass } from './dialog';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  onConfirm(): Promise<unknown>;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, onOpenChange, title, description, confirmLabel, destructive, onConfirm } = props;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  const change = (next: boolean) => {
    if (pending) return;
    setError(undefined);
    onOpenChange(next);
  };

  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      await onConfirm();
      onOpenChange(false);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <AlertPrimitive.Root open={open} onOpenChange={change}>
      <AlertPrimitive.Portal>
        <AlertPrimitive.Overlay className={overlayClass} />
        <AlertPrimitive.Content className={cn(contentClass, 'max-w-md')}>
          <AlertPrimitive.Title className="text-lg font-semibold">{title}</AlertPrimitive.Title>
          <AlertPrimitive.Description asChild>
            <div className="text-sm text-muted-foreground">{description}</div>
          </AlertPrimitive.Description>
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <div className="flex justify-end gap-2">
            <AlertPrimitive.Cancel asChild>
              <Button variant="outline" disabled={pending}>
                {error ? 'Close' : 'Cancel'}
              </Button>
            </AlertPrimitive.Cancel>
            <Button
              variant={destructive ? 'destructive' : 'default'}
              disabled={pending}
              onClick={() => void confirm()}
            >
              {confirmLabel}
            </Button>
          </div>
        </AlertPrimitive.Content>
      </AlertPrimitive.Portal>
    </AlertPrimitive.Root>
  );
}
