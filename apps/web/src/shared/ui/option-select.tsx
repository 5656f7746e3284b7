/**
 * A select over a list of options whose trigger carries its accessible name: a filter of a list
 * ("All platforms" and the platforms), a sort, a page size. With `anyLabel` it starts with a
 * "no choice" option and hands `undefined` back for it, so callers never see ANY_VALUE.
 */
import type { ReactNode } from 'react';
import { ANY_VALUE, Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from './select';

/** A value shown as itself, or a value with its label. */
export type Option<T extends string> = T | { value: T; label: ReactNode };

interface CommonProps<T extends string> {
  /** The trigger's accessible name. */
  label: string;
  /** The options, in order; their values make the select's type. */
  options: readonly Option<T>[];
  /** Shown in the trigger before the chosen option. */
  icon?: ReactNode;
  /** The trigger's classes (its width). */
  className?: string;
}

interface ChoiceRequired<T extends string> extends CommonProps<T> {
  anyLabel?: undefined;
  value: NoInfer<T>;
  onChange(value: NoInfer<T>): void;
}

interface ChoiceOptional<T extends string> extends CommonProps<T> {
  /** The label of the first option, which stands for no choice. */
  anyLabel: string;
  value: NoInfer<T> | undefined;
  onChange(value: NoInfer<T> | undefined): void;
}

export type OptionSelectProps<T extends string> = ChoiceRequired<T> | ChoiceOptional<T>;

export function OptionSelect<T extends string>(props: OptionSelectProps<T>) {
  const { label, options, icon, className } = props;
  const change = (value: string) => {
    if (props.anyLabel === undefined) props.onChange(value as T);
    else props.onChange(value === ANY_VALUE ? undefined : (value as T));
  };
  return (
    <Select value={props.value ?? ANY_VALUE} onValueChange={change}>
      <SelectTrigger aria-label={label} className={className}>
        {icon}
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {props.anyLabel !== undefined && <SelectItem value={ANY_VALUE}>{props.anyLabel}</SelectItem>}
        {options.map((option) => {
          const { value, label: text } =
            typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <SelectItem key={value} value={value}>
              {text}
            </SelectItem>
          );
        })}
      </SelectContent>
    </Select>
  );
}
