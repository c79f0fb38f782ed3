import { z } from 'zod/mini';
import { createLocalStore } from './local-store.ts';

export const ThemeChoice = z.enum(['system', 'light', 'dark']);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

export const themeStore = createLocalStore('readout.theme', ThemeChoice, 'system');

/**
 * The stylesheet follows prefers-color-scheme unless <html data-theme> says
 * otherwise, so "system" needs no script at all and there is no flash.
 */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement) {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  root.style.colorScheme = choice === 'system' ? 'light dark' : choice;
}
