// Rollup plugin: collapses the white space of Lit's html`` / css`` / svg`` template literals (their static parts
// only), which terser leaves as written. Runs of white space become one space (HTML renders them the same; AuthForte
// uses no <pre>), CSS also loses comments and the spaces around its punctuation.
const TAGS = new Set(['html', 'css', 'svg']);

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value.type === 'string') walk(value, visit);
  }
}

function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

export function minifyTemplates() {
  return {
    name: 'authforte-minify-templates',
    transform(code, id) {
      if (!/\.js$/.test(id) || !/\b(html|css|svg)\s*`/.test(code)) return null;
      const ast = this.parse(code);
      const edits = [];
      walk(ast, (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || !TAGS.has(node.tag.name))
          return;
        const isCss = node.tag.name === 'css';
        for (const q of node.quasi.quasis) {
          const raw = code.slice(q.start, q.end);
          const out = isCss ? minifyCss(raw) : raw.replace(/\s+/g, ' ');
          if (out !== raw) edits.push([q.start, q.end, out]);
        }
      });
      if (edits.length === 0) return null;
      let result = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0]))
        result = result.slice(0, start) + text + result.slice(end);
      return { code: result, map: null };
    },
  };
}
