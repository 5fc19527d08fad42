// A labelled <select> over a fixed list of choices with their words (a ticket's status or
// priority, say): one field, the same markup wherever a choice is made.
import { useId } from 'preact/hooks';

export interface ChoiceFieldProps<T extends string> {
  label: string;
  value: T;
  choices: readonly T[];
  labels: Readonly<Record<T, string>>;
  disabled?: boolean;
  onChange(value: T): void;
}

export function ChoiceField<T extends string>(props: ChoiceFieldProps<T>) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.currentTarget.value as T)}>
        {props.choices.map((choice) => (
          <option key={choice} value={choice}>
            {props.labels[choice]}
          </option>
        ))}
      </select>
    </div>
  );
}
