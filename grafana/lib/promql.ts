/**
 * A small PromQL reader for the dashboards: enough of the grammar to check that an expression is
 * well formed (balanced brackets, known functions, argument kinds, ranges where they belong) and
 * to list the series it selects, so that every name and label can be checked against the metric
 * definitions. It is deliberately strict about the subset the dashboards use; a real Prometheus
 * parse (promtool or /api/v1/query) is the final word.
 */
import type { MetricCatalog } from './catalog';

type Kind = 'scalar' | 'vector' | 'matrix' | 'string';

interface Token {
  readonly type: 'ident' | 'number' | 'string' | 'punct' | 'op' | 'variable' | 'range' | 'end';
  readonly text: string;
  readonly pos: number;
}

export interface Matcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** One series selector in an expression, with what consumes it. */
export interface SelectorUse {
  readonly name: string;
  readonly matchers: readonly Matcher[];
  /** The text between `[` and `]` when the selector is a range vector. */
  readonly range?: string;
  /** The function that receives this selector (or its range) directly as an argument. */
  readonly consumer?: string;
  /** The grouping of the nearest aggregation around the selector, if any. */
  readonly aggregation?: { readonly op: string; readonly grouping?: Grouping };
  readonly pos: number;
}

interface Grouping {
  readonly mode: 'by' | 'without';
  readonly labels: readonly string[];
}

export interface ParsedExpression {
  readonly selectors: readonly SelectorUse[];
  /** Labels named in `by`, `without`, `on`, `ignoring` and `group_*` clauses, with where they are. */
  readonly groupings: readonly {
    readonly labels: readonly string[];
    readonly scope: readonly SelectorUse[];
  }[];
}

export class PromQLError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(`${message} at ${pos}`);
  }
}

const AGGREGATIONS: Record<string, readonly Kind[]> = {
  sum: ['vector'],
  avg: ['vector'],
  min: ['vector'],
  max: ['vector'],
  count: ['vector'],
  group: ['vector'],
  stddev: ['vector'],
  stdvar: ['vector'],
  topk: ['scalar', 'vector'],
  bottomk: ['scalar', 'vector'],
  quantile: ['scalar', 'vector'],
  count_values: ['string', 'vector'],
};

interface Signature {
  readonly args: readonly Kind[];
  /** How many trailing arguments may be left out. */
  readonly optional?: number;
  readonly returns: Kind;
}

const vectorFn: Signature = { args: ['vector'], returns: 'vector' };
const rangeFn: Signature = { args: ['matrix'], returns: 'vector' };

const FUNCTIONS: Record<string, Signature> = {
  abs: vectorFn,
  absent: vectorFn,
  absent_over_time: rangeFn,
  avg_over_time: rangeFn,
  ceil: vectorFn,
  changes: rangeFn,
  clamp: { args: ['vector', 'scalar', 'scalar'], returns: 'vector' },
  clamp_max: { args: ['vector', 'scalar'], returns: 'vector' },
  clamp_min: { args: ['vector', 'scalar'], returns: 'vector' },
  count_over_time: rangeFn,
  delta: rangeFn,
  deriv: rangeFn,
  exp: vectorFn,
  floor: vectorFn,
  histogram_quantile: { args: ['scalar', 'vector'], returns: 'vector' },
  idelta: rangeFn,
  increase: rangeFn,
  irate: rangeFn,
  label_replace: {
    args: ['vector', 'string', 'string', 'string', 'string'],
    returns: 'vector',
  },
  last_over_time: rangeFn,
  ln: vectorFn,
  log10: vectorFn,
  log2: vectorFn,
  max_over_time: rangeFn,
  min_over_time: rangeFn,
  predict_linear: { args: ['matrix', 'scalar'], returns: 'vector' },
  present_over_time: rangeFn,
  quantile_over_time: { args: ['scalar', 'matrix'], returns: 'vector' },
  rate: rangeFn,
  resets: rangeFn,
  round: { args: ['vector', 'scalar'], optional: 1, returns: 'vector' },
  scalar: { args: ['vector'], returns: 'scalar' },
  sgn: vectorFn,
  sort: vectorFn,
  sort_desc: vectorFn,
  sqrt: vectorFn,
  stddev_over_time: rangeFn,
  sum_over_time: rangeFn,
  time: { args: [], returns: 'scalar' },
  timestamp: vectorFn,
  vector: { args: ['scalar'], returns: 'vector' },
};

/** Functions that turn a counter's range into something meaningful. */
export const COUNTER_FUNCTIONS: readonly string[] = ['rate', 'irate', 'increase', 'resets'];

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
]);

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
/** Grafana's range variables; `$__rate_interval` is the one meant for rate() and friends. */
const RANGE_VARIABLES = new Set(['$__rate_interval', '$__interval', '$__range']);

const BINARY_PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '<=': 3,
  '<': 3,
  '>=': 3,
  '>': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};
const COMPARISONS = new Set(['==', '!=', '<=', '<', '>=', '>']);
const SET_OPERATORS = new Set(['and', 'or', 'unless']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      i += 1;
      while (i < source.length && source[i] !== c) i += source[i] === '\\' && c !== '`' ? 2 : 1;
      if (i >= source.length) throw new PromQLError('unterminated string', start);
      i += 1;
      tokens.push({ type: 'string', text: source.slice(start, i), pos: start });
      continue;
    }
    if (c === '[') {
      const close = source.indexOf(']', i);
      if (close < 0) throw new PromQLError('unclosed "["', i);
      tokens.push({ type: 'range', text: source.slice(i + 1, close).trim(), pos: i });
      i = close + 1;
      continue;
    }
    const rest = source.slice(i);
    const variable = /^\$(\{[A-Za-z0-9_]+\}|[A-Za-z0-9_]+)/.exec(rest);
    if (variable) {
      tokens.push({ type: 'variable', text: variable[0], pos: i });
      i += variable[0].length;
      continue;
    }
    const number = /^(0x[0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)(?![A-Za-z_:])/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', text: number[0], pos: i });
      i += number[0].length;
      continue;
    }
    const duration = /^\d+(ms|s|m|h|d|w|y)[0-9a-z]*/.exec(rest);
    if (duration) {
      tokens.push({ type: 'number', text: duration[0], pos: i });
      i += duration[0].length;
      continue;
    }
    const ident = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(rest);
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    const op = /^(==|!=|>=|<=|=~|!~|[-+*/%^<>=!])/.exec(rest);
    if (op) {
      tokens.push({ type: 'op', text: op[0], pos: i });
      i += op[0].length;
      continue;
    }
    if ('(){},:@'.includes(c)) {
      tokens.push({ type: 'punct', text: c, pos: i });
      i += 1;
      continue;
    }
    throw new PromQLError(`unexpected character "${c}"`, i);
  }
  tokens.push({ type: 'end', text: '', pos: source.length });
  return tokens;
}

interface AggregationContext {
  readonly op: string;
  grouping?: Grouping;
}

interface Frame {
  /** The function whose argument is being parsed. */
  readonly consumer?: string;
  /** The nearest aggregation around the position being parsed. */
  readonly aggregation?: AggregationContext;
}

class Parser {
  private index = 0;
  private readonly selectors: SelectorUse[] = [];
  private readonly groupings: { labels: readonly string[]; scope: readonly SelectorUse[] }[] = [];

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): ParsedExpression {
    const kind = this.expression(0, {});
    if (kind === 'matrix') throw new PromQLError('a range vector cannot be graphed', 0);
    const end = this.peek();
    if (end.type !== 'end') throw new PromQLError(`unexpected "${end.text}"`, end.pos);
    return { selectors: this.selectors, groupings: this.groupings };
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  private expect(text: string): Token {
    const token = this.next();
    if (token.text !== text || token.type === 'string') {
      throw new PromQLError(`expected "${text}" but found "${token.text || 'the end'}"`, token.pos);
    }
    return token;
  }

  private binaryOperator(): string | undefined {
    const token = this.peek();
    if (token.type === 'op' && token.text in BINARY_PRECEDENCE) return token.text;
    if (token.type === 'ident' && token.text in BINARY_PRECEDENCE) return token.text;
    return undefined;
  }

  private expression(minPrecedence: number, frame: Frame): Kind {
    const start = this.selectors.length;
    let left = this.unary(frame);
    for (;;) {
      const op = this.binaryOperator();
      if (!op || BINARY_PRECEDENCE[op] < minPrecedence) return left;
      const opToken = this.next();
      if (this.peek().text === 'bool') {
        if (!COMPARISONS.has(op)) {
          throw new PromQLError('bool only follows a comparison', this.peek().pos);
        }
        this.next();
      }
      const matchingLabels: string[] = [];
      if (this.peek().text === 'on' || this.peek().text === 'ignoring') {
        this.next();
        matchingLabels.push(...this.labelList());
        if (this.peek().text === 'group_left' || this.peek().text === 'group_right') {
          this.next();
          if (this.peek().text === '(') matchingLabels.push(...this.labelList());
        }
      }
      // `^` is right-associative, everything else left-associative.
      const nextMin = op === '^' ? BINARY_PRECEDENCE[op] : BINARY_PRECEDENCE[op] + 1;
      const right = this.expression(nextMin, frame);
      if (left === 'matrix' || right === 'matrix') {
        throw new PromQLError(`"${op}" cannot take a range vector`, opToken.pos);
      }
      if (left === 'string' || right === 'string') {
        throw new PromQLError(`"${op}" cannot take a string`, opToken.pos);
      }
      if (SET_OPERATORS.has(op) && (left !== 'vector' || right !== 'vector')) {
        throw new PromQLError(`"${op}" needs vectors on both sides`, opToken.pos);
      }
      if (matchingLabels.length > 0) {
        this.groupings.push({ labels: matchingLabels, scope: this.selectors.slice(start) });
      }
      left = left === 'scalar' && right === 'scalar' ? 'scalar' : 'vector';
    }
  }

  private unary(frame: Frame): Kind {
    const token = this.peek();
    if (token.type === 'op' && (token.text === '-' || token.text === '+')) {
      this.next();
      const kind = this.unary(frame);
      if (kind === 'matrix' || kind === 'string') {
        throw new PromQLError('a sign cannot apply to a range vector or string', token.pos);
      }
      return kind;
    }
    return this.postfix(frame);
  }

  private postfix(frame: Frame): Kind {
    const selectorsBefore = this.selectors.length;
    const startToken = this.peek();
    let kind = this.primary(frame);
    if (this.peek().type === 'range') {
      const open = this.next();
      const body = checkedRange(open);
      const isSubquery = body.includes(':');
      const selector = this.selectors[this.selectors.length - 1];
      const isBareSelector =
        this.selectors.length === selectorsBefore + 1 &&
        selector !== undefined &&
        selector.pos === startToken.pos &&
        selector.range === undefined;
      if (isSubquery) {
        if (kind !== 'vector')
          throw new PromQLError('a subquery needs an instant vector', open.pos);
      } else {
        if (!isBareSelector) {
          throw new PromQLError('a range can only follow a series selector', open.pos);
        }
        this.selectors[this.selectors.length - 1] = { ...selector, range: body };
      }
      kind = 'matrix';
    }
    if (this.peek().text === 'offset') {
      this.next();
      const duration = this.next();
      if (!DURATION.test(duration.text.replace(/^-/, ''))) {
        throw new PromQLError(`bad offset "${duration.text}"`, duration.pos);
      }
    }
    return kind;
  }

  private primary(frame: Frame): Kind {
    const token = this.peek();
    if (token.type === 'number') {
      this.next();
      if (!/^(0x[0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/.test(token.text)) {
        throw new PromQLError(`a duration "${token.text}" outside a range`, token.pos);
      }
      return 'scalar';
    }
    if (token.type === 'string') {
      this.next();
      return 'string';
    }
    if (token.type === 'variable') {
      throw new PromQLError(
        `Grafana variable ${token.text} outside a label matcher or range`,
        token.pos,
      );
    }
    if (token.type === 'punct' && token.text === '(') {
      this.next();
      const kind = this.expression(0, frame);
      this.expect(')');
      return kind;
    }
    if (token.type === 'punct' && token.text === '{') {
      return this.selector(undefined, token.pos, frame);
    }
    if (token.type === 'ident') {
      const name = token.text;
      if (name in AGGREGATIONS) return this.aggregation(frame);
      if (KEYWORDS.has(name)) throw new PromQLError(`unexpected keyword "${name}"`, token.pos);
      if (this.peek(1).text === '(' && this.peek(1).type === 'punct') return this.call(frame);
      this.next();
      return this.selector(name, token.pos, frame);
    }
    throw new PromQLError(`unexpected "${token.text || 'end of expression'}"`, token.pos);
  }

  private selector(name: string | undefined, pos: number, frame: Frame): Kind {
    const matchers: Matcher[] = [];
    if (this.peek().text === '{' && this.peek().type === 'punct') {
      this.next();
      while (this.peek().text !== '}') {
        const label = this.next();
        if (label.type !== 'ident') {
          throw new PromQLError(`expected a label name, found "${label.text}"`, label.pos);
        }
        const op = this.next();
        if (!['=', '!=', '=~', '!~'].includes(op.text) || op.type !== 'op') {
          throw new PromQLError(`expected a matcher operator after ${label.text}`, op.pos);
        }
        const value = this.next();
        if (value.type !== 'string') {
          throw new PromQLError(`expected a quoted value for ${label.text}`, value.pos);
        }
        matchers.push({
          label: label.text,
          op: op.text as Matcher['op'],
          value: value.text.slice(1, -1),
        });
        if (this.peek().text === ',') this.next();
        else if (this.peek().text !== '}') {
          throw new PromQLError(`expected "," or "}" after a matcher`, this.peek().pos);
        }
      }
      this.expect('}');
    }
    const metric = name ?? matchers.find((m) => m.label === '__name__' && m.op === '=')?.value;
    if (!metric) throw new PromQLError('a selector needs a metric name', pos);
    this.selectors.push({
      name: metric,
      matchers,
      consumer: frame.consumer,
      aggregation: frame.aggregation,
      pos,
    });
    return 'vector';
  }

  private labelList(): string[] {
    this.expect('(');
    const labels: string[] = [];
    while (this.peek().text !== ')') {
      const label = this.next();
      if (label.type !== 'ident') {
        throw new PromQLError(`expected a label name, found "${label.text}"`, label.pos);
      }
      labels.push(label.text);
      if (this.peek().text === ',') this.next();
      else if (this.peek().text !== ')') {
        throw new PromQLError('expected "," or ")" in a label list', this.peek().pos);
      }
    }
    this.expect(')');
    return labels;
  }

  private grouping(): Grouping | undefined {
    const word = this.peek().text;
    if (word !== 'by' && word !== 'without') return undefined;
    this.next();
    return { mode: word, labels: this.labelList() };
  }

  private aggregation(frame: Frame): Kind {
    const opToken = this.next();
    const op = opToken.text;
    const context: AggregationContext = { op, grouping: this.grouping() };
    const start = this.selectors.length;
    this.expect('(');
    const expected = AGGREGATIONS[op];
    const kinds: Kind[] = [];
    for (let i = 0; i < expected.length; i += 1) {
      if (i > 0) this.expect(',');
      const isBody = i === expected.length - 1;
      kinds.push(this.expression(0, isBody ? { aggregation: context } : frame));
    }
    this.expect(')');
    const trailing = this.grouping();
    if (trailing) {
      if (context.grouping) throw new PromQLError(`"${op}" has two groupings`, opToken.pos);
      context.grouping = trailing;
    }
    kinds.forEach((kind, i) => {
      if (kind !== expected[i]) {
        throw new PromQLError(
          `"${op}" argument ${i + 1} must be ${article(expected[i])}, not ${article(kind)}`,
          opToken.pos,
        );
      }
    });
    if (context.grouping) {
      this.groupings.push({ labels: context.grouping.labels, scope: this.selectors.slice(start) });
    }
    return 'vector';
  }

  private call(frame: Frame): Kind {
    const nameToken = this.next();
    const name = nameToken.text;
    const signature = FUNCTIONS[name];
    if (!signature) throw new PromQLError(`unknown function "${name}"`, nameToken.pos);
    const argsStart = this.index;
    this.expect('(');
    const kinds: Kind[] = [];
    while (this.peek().text !== ')') {
      if (kinds.length > 0) this.expect(',');
      kinds.push(this.expression(0, { consumer: name, aggregation: frame.aggregation }));
      if (this.peek().type === 'end') throw new PromQLError(`unclosed "${name}("`, nameToken.pos);
    }
    this.expect(')');
    const min = signature.args.length - (signature.optional ?? 0);
    if (kinds.length < min || kinds.length > signature.args.length) {
      throw new PromQLError(
        `"${name}" takes ${signature.args.length} argument(s), got ${kinds.length}`,
        nameToken.pos,
      );
    }
    kinds.forEach((kind, i) => {
      const expected = signature.args[i];
      if (kind !== expected) {
        throw new PromQLError(
          `"${name}" argument ${i + 1} must be ${article(expected)}, not ${article(kind)}`,
          nameToken.pos,
        );
      }
    });
    if (name === 'histogram_quantile') {
      const first = this.tokens[argsStart + 1];
      const value = Number(first.text);
      if (first.type !== 'number' || !(value >= 0 && value <= 1)) {
        throw new PromQLError('histogram_quantile needs a literal quantile in 0..1', first.pos);
      }
    }
    return signature.returns;
  }
}

function checkedRange(token: Token): string {
  const body = token.text;
  const parts = body.split(':');
  const valid =
    parts.length <= 2 &&
    parts.every((part, i) => {
      const text = part.trim();
      return (i === 1 && text === '') || DURATION.test(text) || RANGE_VARIABLES.has(text);
    });
  if (!valid) {
    throw new PromQLError(
      `bad range "[${body}]": use a duration or $__rate_interval, $__interval, $__range`,
      token.pos,
    );
  }
  return body;
}

function article(kind: Kind): string {
  switch (kind) {
    case 'scalar':
      return 'a scalar';
    case 'vector':
      return 'an instant vector';
    case 'matrix':
      return 'a range vector';
    case 'string':
      return 'a string';
  }
}

/**
 * The light structural check: brackets balance (outside strings) and Grafana's interval
 * variables only appear as a whole range, e.g. `[$__rate_interval]`.
 */
export function structuralProblems(expr: string): string[] {
  const problems: string[] = [];
  const stack: { char: string; pos: number }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i += 1) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') stack.push({ char: c, pos: i });
    else if (c in pairs) {
      const open = stack.pop();
      if (!open || open.char !== pairs[c]) problems.push(`unbalanced "${c}" at ${i}`);
    }
  }
  if (quote) problems.push('unterminated string');
  for (const open of stack) problems.push(`unclosed "${open.char}" at ${open.pos}`);
  const intervalUses = [...expr.matchAll(/\$__(rate_interval|interval|range)\b/g)];
  for (const use of intervalUses) {
    const at = use.index ?? 0;
    const before = expr.slice(0, at).replace(/\s+$/, '');
    const after = expr.slice(at + use[0].length).replace(/^\s+/, '');
    const inRange = before.endsWith('[') && (after.startsWith(']') || after.startsWith(':'));
    const asStep = before.endsWith(':') && after.startsWith(']');
    if (!inRange && !asStep) problems.push(`${use[0]} outside a range at ${at}`);
  }
  if (
    /\$__rate_interval/.test(expr) &&
    !/\b(rate|irate|increase|[a-z]+_over_time|deriv|changes|resets|delta|idelta)\s*\(/.test(expr)
  ) {
    problems.push('$__rate_interval without a function that takes a range');
  }
  return problems;
}

/** Parses an expression; throws a PromQLError on the first syntax or type problem. */
export function parsePromQL(expr: string): ParsedExpression {
  return new Parser(expr, tokenize(expr)).parse();
}

/**
 * Everything wrong with an expression: structure, syntax, and every selector checked against the
 * catalog (known name, real labels, counters only through rate/increase, gauges never through
 * them, no bare histogram name, `le` kept for histogram_quantile).
 */
export function lintPromQL(expr: string, catalog: MetricCatalog): string[] {
  const problems = structuralProblems(expr);
  if (problems.length > 0) return problems;
  let parsed: ParsedExpression;
  try {
    parsed = parsePromQL(expr);
  } catch (error) {
    return [(error as Error).message];
  }
  return [...selectorProblems(parsed, catalog), ...groupingProblems(parsed, catalog)];
}

/** The metric names an expression selects (histogram series names as written). */
export function metricNamesIn(expr: string): string[] {
  return [...new Set(parsePromQL(expr).selectors.map((s) => s.name))];
}

function selectorProblems(parsed: ParsedExpression, catalog: MetricCatalog): string[] {
  const problems: string[] = [];
  for (const selector of parsed.selectors) {
    const resolved = catalog.resolve(selector.name);
    if (!resolved) {
      problems.push(`unknown metric "${selector.name}"`);
      continue;
    }
    const { metric, part } = resolved;
    const labels = catalog.labelsOf(resolved);
    for (const matcher of selector.matchers) {
      if (matcher.label === '__name__') continue;
      if (!labels.includes(matcher.label)) {
        problems.push(`${selector.name} has no label "${matcher.label}"`);
      }
      if (matcher.value.includes('$__')) {
        problems.push(`${selector.name}: a Grafana interval variable in a label matcher`);
      }
    }
    const cumulative = metric.type === 'counter' || part !== undefined;
    const consumer = selector.consumer;
    if (metric.type === 'histogram' && part === undefined) {
      problems.push(`${selector.name} is a histogram: select _bucket, _sum or _count`);
    } else if (cumulative) {
      if (selector.range === undefined || !consumer || !COUNTER_FUNCTIONS.includes(consumer)) {
        problems.push(`${selector.name} is cumulative: wrap it in rate()/increase() over a range`);
      } else if (consumer !== 'increase' && selector.range === '$__range') {
        problems.push(`${selector.name}: ${consumer}() over $__range; use $__rate_interval`);
      } else if (selector.range === '$__interval') {
        problems.push(`${selector.name}: ${consumer}() over $__interval; use $__rate_interval`);
      }
    } else if (consumer && COUNTER_FUNCTIONS.includes(consumer)) {
      problems.push(`${selector.name} is a gauge: ${consumer}() is meant for counters`);
    }
    if (part === 'bucket') {
      const grouping = selector.aggregation?.grouping;
      const keepsLe =
        grouping !== undefined &&
        (grouping.mode === 'by' ? grouping.labels.includes('le') : !grouping.labels.includes('le'));
      if (!keepsLe) {
        problems.push(`${selector.name}: aggregate buckets with "by (le, ...)" so le is kept`);
      }
    }
  }
  return problems;
}

function groupingProblems(parsed: ParsedExpression, catalog: MetricCatalog): string[] {
  const problems: string[] = [];
  for (const grouping of parsed.groupings) {
    const available = new Set<string>();
    for (const selector of grouping.scope) {
      const resolved = catalog.resolve(selector.name);
      if (resolved) catalog.labelsOf(resolved).forEach((label) => available.add(label));
    }
    for (const label of grouping.labels) {
      if (!available.has(label)) {
        problems.push(`groups by "${label}", which none of its series carries`);
      }
    }
  }
  return problems;
}

/**
 * A Grafana query variable: `label_values(<selector>, <label>)` (or `label_values(<label>)`), the
 * selector checked like an expression's (counters may be named bare here) and the label required
 * on the selected metric.
 */
export function lintVariableQuery(query: string, catalog: MetricCatalog): string[] {
  const match = /^label_values\(\s*(?:(.+),\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\)$/.exec(query.trim());
  if (!match) return [`not a label_values() query: ${query}`];
  const [, selectorText, label] = match;
  if (!selectorText) return [];
  let parsed: ParsedExpression;
  try {
    parsed = parsePromQL(selectorText);
  } catch (error) {
    return [(error as Error).message];
  }
  if (parsed.selectors.length !== 1 || parsed.selectors[0].range !== undefined) {
    return [`label_values() needs one instant selector: ${selectorText}`];
  }
  const [selector] = parsed.selectors;
  const resolved = catalog.resolve(selector.name);
  if (!resolved) return [`unknown metric "${selector.name}"`];
  const labels = catalog.labelsOf(resolved);
  const problems = selector.matchers
    .filter((m) => !labels.includes(m.label))
    .map((m) => `${selector.name} has no label "${m.label}"`);
  if (!labels.includes(label)) problems.push(`${selector.name} has no label "${label}"`);
  return problems;
}
