/**
 * One Mantine theme: system fonts (no downloads on slow networks), inputs and buttons at least 40 px
 * tall so thumbs hit them on a phone.
 */
import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A deep teal close to the green of the social-security programme's branding.
const jaring: MantineColorsTuple = [
  '#e4fbf7',
  '#d2f2ec',
  '#a8e3d8',
  '#7ad3c3',
  '#55c6b1',
  '#3dbea6',
  '#2dba9f',
  '#1ca38b',
  '#0b917b',
  '#007e6a',
];

// Plain objects rather than `Component.extend()`: importing the components here would pull every one of
// them (and the number-input library) into the first download.
const touch = { defaultProps: { size: 'md' } };

export const theme = createTheme({
  primaryColor: 'jaring',
  // Shade 9 keeps white button text above 4.5:1 contrast.
  primaryShade: { light: 9 },
  colors: { jaring },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "Roboto Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '650' },
  components: {
    Button: touch,
    TextInput: touch,
    PasswordInput: touch,
    NumberInput: touch,
    Select: touch,
    Textarea: touch,
    ActionIcon: { defaultProps: { size: 42 } },
  },
});
