// Formatting, decided once for the whole tree (`npm run check` fails on any drift):
// 140 columns because the code reads signal paths and formulas on one line (99 % of lines
// already fit); single quotes and trailing commas, as the code was written.
export default {
  printWidth: 140,
  singleQuote: true,
  trailingComma: 'all',
  plugins: ['prettier-plugin-svelte'],
  overrides: [{ files: '*.svelte', options: { parser: 'svelte' } }],
};
