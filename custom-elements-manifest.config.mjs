// Custom-elements manifest of @authforte/elements, generated from the JSDoc of the element classes.
export default {
  globs: ['packages/elements/src/**/af-*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir: 'packages/elements',
  litelement: true,
  packagejson: false,
};
