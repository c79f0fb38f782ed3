import { useId, useState, type KeyboardEvent } from 'react';
import type { FieldControl } from './field.tsx';

export interface ComboboxOption {
  id: string;
  label: string;
  /** A second line: title, ministry, country… */
  detail?: string;
}

export interface ComboboxProps {
  /** The props <Field> hands its control. */
  control: FieldControl;
  inputValue: string;
  onInputChange: (text: string) => void;
  options: readonly ComboboxOption[];
  onSelect: (option: ComboboxOption) => void;
  /** An extra last entry, e.g. "New official “Lavrov”…"; chosen like an option. */
  createLabel?: string;
  onCreate?: () => void;
  loading?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  emptyText?: string;
  name?: string;
}

/**
 * An editable combobox with a list popup (WAI-ARIA 1.2 pattern): type to
 * filter, arrow keys to move, Enter to choose, Escape to close. Focus stays
 * in the input; the active option is announced via aria-activedescendant.
 */
export function Combobox(props: ComboboxProps) {
  const { control, inputValue, onInputChange, options, onSelect, createLabel, onCreate, loading, placeholder, autoFocus, emptyText = 'No match', name } = props;
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const entries = createLabel && onCreate ? options.length + 1 : options.length;
  const activeIndex = Math.min(active, Math.max(entries - 1, 0));
  const optionId = (index: number) => `${listId}-option-${index}`;

  const choose = (index: number) => {
    const option = options[index];
    setOpen(false);
    if (option) onSelect(option);
    else if (index === options.length && onCreate) onCreate();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + entries) % Math.max(entries, 1));
    } else if (event.key === 'Enter' && open && entries > 0) {
      event.preventDefault();
      choose(activeIndex);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if ((event.key === 'Home' || event.key === 'End') && open) {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : entries - 1);
    }
  };

  const expanded = open && entries > 0;
  const showEmpty = open && options.length === 0 && !(createLabel && onCreate) && inputValue.trim().length > 0;
  return (
    <div className="combobox">
      <input
        {...control}
        type="text"
        name={name}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && entries > 0 ? optionId(activeIndex) : undefined}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        placeholder={placeholder}
        value={inputValue}
        onChange={(event) => {
          onInputChange(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" className="combobox-list" hidden={!expanded} aria-label="Suggestions">
        {options.map((option, index) => (
          <li
            key={option.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className="combobox-option"
            // mousedown, not click: it must win over the input's blur.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(index);
            }}
            onMouseMove={() => setActive(index)}
          >
            {option.label}
            {option.detail ? <span className="combobox-option-sub">{option.detail}</span> : null}
          </li>
        ))}
        {createLabel && onCreate ? (
          <li
            id={optionId(options.length)}
            role="option"
            aria-selected={activeIndex === options.length}
            className="combobox-option combobox-create"
            onMouseDown={(event) => {
              event.preventDefault();
              choose(options.length);
            }}
            onMouseMove={() => setActive(options.length)}
          >
            {createLabel}
          </li>
        ) : null}
      </ul>
      {showEmpty ? (
        <div className="combobox-list combobox-empty" aria-live="polite">
          {loading ? 'Searching…' : emptyText}
        </div>
      ) : null}
    </div>
  );
}
