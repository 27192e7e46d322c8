// Custom-elements manifest of @authforte/elements, generated from the JSDoc of the element classes. Their base
// (`internal/authforte-element.ts`) is read too: what it declares once (the `strings` property, the theme's custom
// properties) is carried into each element's entry by the analyzer's inheritance phase (`inheritedFrom`).
export default {
  globs: ['packages/elements/src/**/af-*.ts', 'packages/elements/src/internal/authforte-element.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir: 'packages/elements',
  litelement: true,
  packagejson: false,
};
