/**
 * A reader for the block-style YAML subset of prometheus/ (configuration, rule and rule-test
 * files): nested mappings and sequences, block scalars (| |- > >-), plain, single- and
 * double-quoted scalars, and flow sequences of scalars. Scalars stay strings. Anything outside
 * the subset (anchors, tags, flow mappings, multi-line plain scalars) throws instead of being
 * misread. promtool remains the authority on validity; this only lets the tests look inside.
 */
export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  no: number;
  indent: number;
  text: string;
  raw: string;
}

const KEY = /^([A-Za-z_][\w.-]*):(?:\s+(.*))?$/;

export function parseYaml(source: string, name = 'yaml'): YamlValue {
  const raw = source.split('\n');
  const lines: Line[] = raw.map((line, index) => {
    const indent = line.length - line.trimStart().length;
    if (line.slice(0, indent).includes('\t')) throw new Error(`${name}:${index + 1}: tab indent`);
    return { no: index + 1, indent, text: line.trim(), raw: line };
  });
  let at = 0;
  const fail = (line: Line, why: string): never => {
    throw new Error(`${name}:${line.no}: ${why}: ${line.raw}`);
  };
  const significant = (line: Line) => line.text !== '' && !line.text.startsWith('#');
  const peek = (): Line | undefined => {
    while (at < lines.length && !significant(lines[at])) at++;
    return lines[at];
  };

  function node(indent: number): YamlValue {
    const line = peek();
    if (!line || line.indent < indent) return '';
    return line.text === '-' || line.text.startsWith('- ')
      ? sequence(line.indent)
      : mapping(line.indent);
  }

  function sequence(indent: number): YamlValue[] {
    const items: YamlValue[] = [];
    for (let line = peek(); line && line.indent === indent; line = peek()) {
      if (!(line.text === '-' || line.text.startsWith('- '))) fail(line, 'expected "- "');
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        at++;
        items.push(node(indent + 1));
      } else if (KEY.test(rest) && !/^["'[]/.test(rest)) {
        // "- key: value": the item is a mapping whose keys line up with "key".
        line.indent = indent + (line.text.length - rest.length);
        line.text = rest;
        items.push(mapping(line.indent));
      } else {
        at++;
        items.push(scalar(rest, line));
      }
    }
    return items;
  }

  function mapping(indent: number): { [key: string]: YamlValue } {
    const map: { [key: string]: YamlValue } = {};
    for (let line = peek(); line && line.indent === indent; line = peek()) {
      const match = KEY.exec(line.text);
      if (!match) fail(line, 'expected "key:"');
      const [, key, value = ''] = match as RegExpExecArray;
      if (key in map) fail(line, `duplicate key ${key}`);
      at++;
      if (value === '' || value.startsWith('#')) {
        const next = peek();
        map[key] = next && next.indent > indent ? node(next.indent) : '';
      } else if (/^[|>][+-]?$/.test(value)) {
        map[key] = block(value, indent);
      } else {
        map[key] = scalar(value, line);
      }
    }
    const line = peek();
    if (line && line.indent > indent) fail(line, 'unexpected indent');
    return map;
  }

  function block(style: string, parentIndent: number): string {
    const body: string[] = [];
    while (at < lines.length && (lines[at].text === '' || lines[at].indent > parentIndent)) {
      body.push(lines[at].raw);
      at++;
    }
    while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
    const depth = Math.min(...body.filter((l) => l.trim() !== '').map((l) => l.search(/\S/)));
    const content = body.map((l) => l.slice(depth));
    const text = style.startsWith('|')
      ? content.join('\n')
      : content.reduce(
          (out, l) =>
            l === '' ? `${out}\n` : out === '' || out.endsWith('\n') ? out + l : `${out} ${l}`,
          '',
        );
    return style.endsWith('-') ? text : `${text}\n`;
  }

  function scalar(text: string, line: Line): YamlValue {
    if (text.startsWith('"')) {
      const match = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(text);
      if (!match) fail(line, 'unterminated double-quoted string');
      return JSON.parse(`"${(match as RegExpExecArray)[1]}"`) as string;
    }
    if (text.startsWith("'")) {
      const match = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(text);
      if (!match) fail(line, 'unterminated single-quoted string');
      return (match as RegExpExecArray)[1].replace(/''/g, "'");
    }
    if (text.startsWith('[')) {
      const match = /^\[(.*)\]\s*(#.*)?$/.exec(text);
      if (!match) fail(line, 'unsupported flow sequence');
      const inner = (match as RegExpExecArray)[1].trim();
      return inner === ''
        ? []
        : (inner.match(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,\s][^,]*/g) ?? []).map((item) =>
            scalar(item.trim(), line),
          );
    }
    if (/^[{&*!%@`]/.test(text)) fail(line, 'unsupported YAML construct');
    return text.replace(/\s+#.*$/, '');
  }

  const root = node(0);
  const rest = peek();
  if (rest) fail(rest, 'unexpected content');
  return root;
}
