// Hover and completion from the resource schemas (the JSON Schema documents the core validates
// with). Where the cursor is comes from the text before it, read loosely (blocks, `name = {`
// objects, strings and comments), so that it works while the file is half typed and the parser
// would give up.

const WORD = /[A-Za-z0-9_-]/;

/**
 * @param {Record<string, object>} schemas by resource type, as `api.schemas()` gives them
 */
export function createSchemaHelp(schemas) {
  return {
    /** Markdown for the resource type or argument at UTF-16 index `at`, or undefined. */
    hover(text, at) {
      const word = wordAt(text, at);
      if (word === undefined) return undefined;
      if (schemas[word.text]) return { markdown: describeResource(word.text, schemas[word.text]), ...word };
      const place = locate(text, word.start);
      if (place.inString || !isArgumentName(text, word.end)) return undefined;
      const property = propertiesAt(schemas, place.frames)?.[word.text];
      return property && { markdown: describeArgument(word.text, property, requiredAt(schemas, place.frames)), ...word };
    },

    /** Completion items at UTF-16 index `at`: resource types, argument names or enum values. */
    completions(text, at) {
      const place = locate(text, at);
      if (place.inString) {
        if (place.statement[0] === 'resource' && place.statement.length === 1) {
          return Object.entries(schemas).map(([type, schema]) => ({ label: type, kind: 'class', documentation: schema.description }));
        }
        const [name, equals] = place.statement;
        const owner = place.frames.at(-1)?.kind === 'list' ? place.frames.at(-1).name : equals === '=' ? name : undefined;
        const frames = place.frames.at(-1)?.kind === 'list' ? place.frames.slice(0, -1) : place.frames;
        const property = owner && propertiesAt(schemas, frames)?.[owner];
        const values = property?.enum ?? property?.items?.enum ?? [];
        return values.map((value) => ({ label: String(value), kind: 'enum', documentation: property.description }));
      }
      if (place.statement.length > 1 || place.frames.at(-1)?.kind === 'list') return [];
      const properties = propertiesAt(schemas, place.frames);
      if (!properties) return [];
      const required = requiredAt(schemas, place.frames);
      return Object.entries(properties).map(([name, property]) => ({
        label: name,
        kind: 'property',
        detail: summary(property, required.has(name)),
        documentation: property.description,
        insertText: `${name} = `,
      }));
    },
  };
}

function wordAt(text, at) {
  let start = at;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = at;
  while (end < text.length && WORD.test(text[end])) end++;
  return start === end ? undefined : { text: text.slice(start, end), start, end };
}

function isArgumentName(text, end) {
  return /^[ \t]*=(?!=)/.test(text.slice(end, end + 64));
}

// The properties of the object the frames lead to: a keymgmt resource's arguments, or those of an
// object argument inside it (`credentials = {`).
function propertiesAt(schemas, frames) {
  const resource = frames.findLastIndex((frame) => frame.kind === 'resource');
  if (resource < 0) return undefined;
  let properties = schemas[frames[resource].type]?.properties;
  for (const frame of frames.slice(resource + 1)) {
    properties = frame.kind === 'object' ? properties?.[frame.name]?.properties : undefined;
  }
  return properties;
}

function requiredAt(schemas, frames) {
  const resource = frames.findLast((frame) => frame.kind === 'resource');
  return new Set(resource && frames.at(-1) === resource ? (schemas[resource.type]?.required ?? []) : []);
}

function describeResource(type, schema) {
  return `**\`${type}\`**\n\n${schema.description ?? ''}`;
}

function describeArgument(name, property, required) {
  const values = property.enum ?? property.items?.enum;
  const lines = [`**\`${name}\`** (${summary(property, required.has(name))})`, '', property.description ?? ''];
  if (values) lines.push('', `One of: ${values.map((value) => `\`${value}\``).join(', ')}.`);
  return lines.join('\n');
}

function summary(property, required) {
  const type = property.type === 'array' ? `list of ${property.items?.type ?? 'values'}` : (property.type ?? 'any');
  const generation = { seed: 'early provider', '5.x': 'provider 5.x' }[property['x-generation']];
  return [type, required && 'required', property.sensitive && 'sensitive', generation].filter(Boolean).join(', ');
}

/**
 * Where index `at` of `text` is: the blocks and objects around it (innermost last), whether it is
 * inside a string, and the words of its statement before it (`["type", "="]`).
 */
export function locate(text, at) {
  const frames = [];
  let statement = [];
  let i = 0;
  while (i < at) {
    const c = text[i];
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      i = lineEnd(text, i);
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? at : end + 2;
    } else if (c === '"') {
      const end = stringEnd(text, i + 1);
      if (end >= at) return { frames, statement, inString: true };
      statement.push(text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '\n') {
      statement = [];
      i++;
    } else if (c === '{' || c === '[' || c === '(') {
      frames.push(frameOf(c, statement));
      statement = [];
      i++;
    } else if (c === '}' || c === ']' || c === ')') {
      frames.pop();
      statement = [];
      i++;
    } else if (WORD.test(c)) {
      let end = i;
      while (end < at && WORD.test(text[end])) end++;
      // The word the cursor is in is still being typed: not a word of the statement yet.
      if (end === at) break;
      statement.push(text.slice(i, end));
      i = end;
    } else {
      if (c === '=' || c === ',') statement.push(c);
      i++;
    }
  }
  return { frames, statement: statement.filter((word) => word !== ','), inString: false };
}

function frameOf(opener, statement) {
  const [first, second, third] = statement;
  if (opener === '{' && first === 'resource' && statement.length === 3) return { kind: 'resource', type: second, name: third };
  if (opener === '{' && second === '=') return { kind: 'object', name: first };
  if (opener === '[' && second === '=') return { kind: 'list', name: first };
  return { kind: opener === '{' && first !== undefined ? 'block' : 'other', name: first };
}

function lineEnd(text, i) {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

// The index of the quote that ends the string starting at `i`, or the end of its line (an
// unterminated string ends there); `${ }` inside is skipped as a whole.
function stringEnd(text, i) {
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"' || c === '\n') return i;
    else if (c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else i++;
  }
  return text.length;
}
