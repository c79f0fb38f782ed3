import { themeStore, type ThemeChoice } from '#client/lib/theme.ts';

const CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'As the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemePicker() {
  const theme = themeStore.useValue();
  return (
    <fieldset className="card settings-card">
      <legend className="settings-legend">Theme</legend>
      <div className="choice-row">
        {CHOICES.map((choice) => (
          <label key={choice.value}>
            <input type="radio" name="theme" value={choice.value} checked={theme === choice.value} onChange={() => themeStore.write(choice.value)} />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
