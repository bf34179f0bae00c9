/*
 * Messages in the caller's language. The messages of this package are written in TypeScript terms, with
 * code in backticks: `vpcSubnets`, `vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }`,
 * `connections.addSecurityGroup()`. A program in Python, Java, Go or C# runs the package through a jsii
 * runtime, which says which in the environment variable JSII_AGENT (`Python/3.11.7`, `Java/17.0.15`,
 * `go1.26.8`, `DotNet/8.0.0`); a plain Node.js program has none. Each code span of a message is
 * parsed (names, `prop: value`, objects, lists, strings, booleans, member chains and calls) and written
 * again as that language writes it; a span it cannot parse stays as it is.
 */

export type Language = 'typescript' | 'python' | 'java' | 'go' | 'csharp';

/** The language of the program that loaded this package. */
export function callerLanguage(agent: string | undefined = process.env.JSII_AGENT): Language {
  const prefixes: [RegExp, Language][] = [[/^python\//i, 'python'], [/^java\//i, 'java'], [/^go\d/i, 'go'], [/^dotnet\//i, 'csharp']];
  return prefixes.find(([prefix]) => prefix.test(agent ?? ''))?.[1] ?? 'typescript';
}

/** `message` with each code span in backticks written in `language`. */
export function inLanguage(message: string, language: Language = callerLanguage()): string {
  return language === 'typescript' ? message : message.replace(/`([^`]+)`/g, (span, code: string) => {
    const parsed = parse(code);
    return parsed === undefined ? span : `\`${write(parsed, language, true)}\``;
  });
}

/** The props a message names, of this package and of the aws-cdk-lib types it points to. */
const PROPS = new Set([
  'subnets', 'vpc', 'vpcSubnets', 'securityGroups', 'uniqueSecurityGroupSet', 'allowAllOutbound', 'vpcConnectorName',
  'vpcConnectorArn', 'vpcConnectorRevision', 'securityGroupName', 'description', 'subnetType', 'availabilityZones',
  'subnetGroupName', 'onePerAz', 'subnetFilters',
]);

/** Variables in messages that hold a jsii struct (`context`, the `InjectionContext` of a property injector). */
const STRUCTS = new Set(['context']);

/** The type of a prop whose value a message writes as an object. */
const OBJECT_TYPES: { readonly [prop: string]: string } = { vpcSubnets: 'ec2.SubnetSelection' };

type Node =
  | { readonly kind: 'assign'; readonly prop: string; readonly value: Node }
  | { readonly kind: 'chain'; readonly parts: readonly (string | readonly Node[])[] }
  | { readonly kind: 'string' | 'literal' | 'raw'; readonly text: string }
  | { readonly kind: 'object'; readonly entries: readonly [string, Node][] }
  | { readonly kind: 'list'; readonly items: readonly Node[] };

/** A string, a name, a number, punctuation, or raw text such as a construct path or an ID (`Stack/Vpc`, `subnet-1`, `sg-…`). */
const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*')|([\w$]*[/\-…][\w$/\-…]*)|([A-Za-z_$][\w$]*)|(\d+(?:\.\d+)?)|([.,:(){}[\]]))/y;

function parse(code: string): Node | undefined {
  const tokens: { type: 'string' | 'name' | 'number' | 'punct' | 'raw'; text: string }[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < code.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(code);
    if (m === null || TOKEN.lastIndex === start) {
      return undefined;
    }
    const [, string, raw, name, number, punct] = m;
    tokens.push(string !== undefined ? { type: 'string', text: string } : name !== undefined ? { type: 'name', text: name }
      : number !== undefined ? { type: 'number', text: number } : punct !== undefined ? { type: 'punct', text: punct } : { type: 'raw', text: raw });
  }
  let i = 0;
  const peek = (text?: string) => (text === undefined ? tokens[i] : tokens[i]?.type === 'punct' && tokens[i].text === text ? tokens[i] : undefined);
  const expect = (text: string) => {
    if (!peek(text)) {
      throw new SyntaxError(text);
    }
    i++;
  };
  const list = (close: string): Node[] => {
    const items: Node[] = [];
    while (!peek(close)) {
      items.push(value());
      if (!peek(close)) {
        expect(',');
      }
    }
    i++;
    return items;
  };
  const value = (): Node => {
    const token = tokens[i++];
    if (token === undefined) {
      throw new SyntaxError('end');
    }
    if (token.type === 'string') {
      return { kind: 'string', text: token.text.slice(1, -1) };
    }
    if (token.type === 'number' || (token.type === 'name' && /^(true|false|undefined|null)$/.test(token.text))) {
      return { kind: 'literal', text: token.text };
    }
    if (token.type === 'raw') {
      return { kind: 'raw', text: token.text };
    }
    if (token.text === '[') {
      return { kind: 'list', items: list(']') };
    }
    if (token.text === '{') {
      const entries: [string, Node][] = [];
      while (!peek('}')) {
        const key = tokens[i++];
        if (key?.type !== 'name') {
          throw new SyntaxError('key');
        }
        entries.push([key.text, peek(':') ? (i++, value()) : { kind: 'chain', parts: [key.text] }]);
        if (!peek('}')) {
          expect(',');
        }
      }
      i++;
      return { kind: 'object', entries };
    }
    if (token.type !== 'name') {
      throw new SyntaxError(token.text);
    }
    const parts: (string | Node[])[] = [token.text];
    while (peek('.') || peek('(')) {
      if (tokens[i++].text === '(') {
        parts.push(list(')'));
      } else if (tokens[i]?.type === 'name') {
        parts.push(tokens[i++].text);
      } else {
        throw new SyntaxError('member');
      }
    }
    return { kind: 'chain', parts };
  };
  try {
    const top = tokens[0]?.type === 'name' && tokens[1]?.type === 'punct' && tokens[1].text === ':'
      ? (i = 2, { kind: 'assign' as const, prop: tokens[0].text, value: value() })
      : value();
    return i === tokens.length ? top : undefined;
  } catch {
    return undefined;
  }
}

const snake = (name: string) => name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);
const isType = (name: string) => /^[A-Z][a-z]/.test(name);
const isConstant = (name: string) => /^[A-Z][A-Z0-9_]*$/.test(name);

/** The module a TypeScript alias stands for, per language: `ec2` in Python, `awsec2` in Go. */
const MODULES: { readonly [alias: string]: { readonly python: string; readonly go: string } } = {
  ec2: { python: 'ec2', go: 'awsec2' },
};

function write(node: Node, language: Language, top: boolean, type?: string): string {
  const w = (n: Node, t?: string) => write(n, language, false, t);
  switch (node.kind) {
    case 'assign':
      return language === 'python' ? `${snake(node.prop)}=${w(node.value, OBJECT_TYPES[node.prop])}`
        : language === 'java' ? `${node.prop}(${w(node.value, OBJECT_TYPES[node.prop])})`
          : `${pascal(node.prop)}${language === 'go' ? ':' : ' ='} ${w(node.value, OBJECT_TYPES[node.prop])}`;
    case 'string':
      return language === 'go' ? `jsii.String("${node.text}")` : `"${node.text}"`;
    case 'literal':
      if (language === 'python') {
        return ({ true: 'True', false: 'False', undefined: 'None', null: 'None' } as Record<string, string>)[node.text] ?? node.text;
      }
      return language === 'go' && /^(true|false)$/.test(node.text) ? `jsii.Bool(${node.text})` : node.text;
    case 'raw':
      return node.text;
    case 'list': {
      const items = node.items.map(item => w(item)).join(', ');
      return language === 'java' ? `List.of(${items})` : language === 'go'
        ? `&[]*${node.items.every(item => item.kind === 'string') ? 'string' : 'any'}{${items}}` : language === 'csharp' ? `new [] { ${items} }` : `[${items}]`;
    }
    case 'object': {
      const typeName = (type ?? 'Props').split('.').pop()!;
      if (language === 'python') {
        return `${type ?? 'dict'}(${node.entries.map(([key, v]) => `${snake(key)}=${w(v)}`).join(', ')})`;
      }
      if (language === 'java') {
        return `${typeName}.builder()${node.entries.map(([key, v]) => `.${key}(${w(v)})`).join('')}.build()`;
      }
      return language === 'go'
        ? `&${MODULES[type?.split('.')[0] ?? '']?.go ?? ''}${MODULES[type?.split('.')[0] ?? ''] ? '.' : ''}${typeName}{${node.entries.map(([key, v]) => `${pascal(key)}: ${w(v)}`).join(', ')}}`
        : `new ${typeName} { ${node.entries.map(([key, v]) => `${pascal(key)} = ${w(v)}`).join(', ')} }`;
    }
    case 'chain':
      return writeChain(node.parts, language, top, w);
  }
}

/** A name, or a chain of members and calls: `vpcSubnets`, `ec2.SubnetType.PUBLIC`, `connector.connections.allowTo(database, port)`. */
function writeChain(parts: readonly (string | readonly Node[])[], language: Language, top: boolean, w: (n: Node) => string): string {
  const args = (list: readonly Node[]) => `(${list.map(w).join(', ')})`;
  const [first] = parts;
  if (parts.length === 1 && typeof first === 'string' && PROPS.has(first)) {
    // A prop, as the caller sets it.
    return language === 'python' ? snake(first) : language === 'java' ? (top ? `${first}(…)` : first) : pascal(first);
  }
  const module = typeof first === 'string' ? MODULES[first] : undefined;
  const rest = module ? parts.slice(1) : parts;
  if (language === 'go' && rest.length >= 2 && typeof rest[0] === 'string' && isType(rest[0]) && typeof rest[1] === 'string') {
    // A static member or an enum member: `awsec2.SubnetType_PUBLIC`, `cdkapprunnervpcconnector.VpcConnector_IsVpcConnector(…)`.
    const pkg = module?.go ?? 'cdkapprunnervpcconnector';
    return `${pkg}.${rest[0]}_${isConstant(rest[1]) ? rest[1] : pascal(rest[1])}${rest.slice(2).map(p => (typeof p === 'string' ? `.${pascal(p)}()` : args(p))).join('')}`;
  }
  let out = module && language === 'python' ? `${module.python}.` : '';
  rest.forEach((part, index) => {
    if (typeof part !== 'string') {
      out += args(part);
      return;
    }
    const called = typeof rest[index + 1] !== 'string' && rest[index + 1] !== undefined;
    const name = part === 'this' ? ({ python: 'self', go: 'stack' } as Record<string, string>)[language] ?? part : part;
    const variable = index === 0 && !isType(name) && !['connections'].includes(name);
    // A member of a struct (an injector's `context`) is a field in Go, not a method.
    const field = index === 1 && typeof rest[0] === 'string' && STRUCTS.has(rest[0]);
    const written = variable || isType(name) || isConstant(name) ? name
      : language === 'python' ? snake(name)
        : language === 'java' ? (called ? name : `get${pascal(name)}()`)
          : language === 'go' ? (called || field ? pascal(name) : `${pascal(name)}()`) : pascal(name);
    out += `${index === 0 ? '' : '.'}${written}`;
  });
  return out;
}
