import { parseFql } from "@segment/destination-subscriptions";

// Checks a trigger (FQL) strictly before it is saved. Segment's parser accepts much that it then misreads
// without a word: `type =` becomes the value "eos", `type == "x"` the value "=", `match(event, "A")` an
// ends-with "", trailing garbage and a dangling `and` are dropped, and `a and b or c` silently means
// `a or b or c` (the last conjunction wins). Nested parentheses and unknown fields do fail, but with
// "Cannot read properties of undefined". So: our own tokenizer and grammar (with positions for the message),
// then parseFql for the AST. Pure; the API and the trigger editor share it.

export type FqlAst = Exclude<ReturnType<typeof parseFql>, { error: unknown }>;
export type TriggerCheck = { ok: true; ast: FqlAst } | { ok: false; message: string; position: number };

type Token = {
  kind: "ident" | "string" | "number" | "op" | "(" | ")" | "," | "." | "!" | "eos";
  text: string;
  at: number;
};

const EVENT_TYPES = ["track", "identify", "page", "screen", "group", "alias"];
const PLAIN_FIELDS = new Set(["type", "event", "name", "userId"]);
const PATH_FIELDS = new Set(["properties", "traits", "context"]);
const FUNCTIONS = new Set(["contains", "match"]);

class FqlProblem extends Error {
  constructor(
    message: string,
    public readonly position: number,
  ) {
    super(message);
  }
}

function tokenize(fql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < fql.length) {
    const c = fql[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '"') {
      const end = fql.indexOf('"', i + 1);
      if (end < 0) throw new FqlProblem("this text has no closing double quote", i);
      if (fql[end - 1] === "\\") throw new FqlProblem("a text value cannot contain a double quote", end - 1);
      tokens.push({ kind: "string", text: fql.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (c === "'") throw new FqlProblem('put text values in double quotes ("…"), not single quotes', i);
    else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(fql.slice(i));
      if (!m) throw new FqlProblem(`unexpected "${c}"`, i);
      tokens.push({ kind: "number", text: m[0], at: i });
      i += m[0].length;
    } else if (/[A-Za-z_$\\]/.test(c)) {
      const m = /^(?:[A-Za-z0-9_$-]|\\.)+/.exec(fql.slice(i))!;
      tokens.push({ kind: "ident", text: m[0], at: i });
      i += m[0].length;
    } else if (c === "!" || c === "=" || c === "<" || c === ">") {
      const two = fql.slice(i, i + 2);
      if (two === "!=" || two === "<=" || two === ">=") {
        tokens.push({ kind: "op", text: two, at: i });
        i += 2;
      } else if (two === "==") throw new FqlProblem('use a single "=" to compare', i);
      else {
        tokens.push(c === "!" ? { kind: "!", text: c, at: i } : { kind: "op", text: c, at: i });
        i++;
      }
    } else if ("(),.".includes(c)) {
      tokens.push({ kind: c as Token["kind"], text: c, at: i });
      i++;
    } else throw new FqlProblem(`unexpected "${c}"`, i);
  }
  tokens.push({ kind: "eos", text: "", at: fql.length });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private fail(expected: string, token = this.peek()): never {
    const found = token.kind === "eos" ? "the trigger ends" : `found "${token.text}"`;
    throw new FqlProblem(`expected ${expected}, but ${found}`, token.at);
  }
  private expect(kind: Token["kind"], expected: string): Token {
    if (this.peek().kind !== kind) this.fail(expected);
    return this.next();
  }

  parse(): void {
    this.expression(0);
    if (this.peek().kind !== "eos") this.fail('"and", "or" or the end of the trigger');
  }

  private expression(depth: number): void {
    this.condition(depth);
    let conjunction: string | null = null;
    // Segment's own presets write AND in capitals; the parser takes either.
    while (this.peek().kind === "ident" && /^(and|or)$/i.test(this.peek().text)) {
      const token = this.next();
      const word = token.text.toLowerCase();
      if (conjunction && word !== conjunction) {
        throw new FqlProblem(
          `"${conjunction}" and "${word}" are mixed without parentheses; FQL would apply "${word}" to all of them — group them with ( )`,
          token.at,
        );
      }
      conjunction = word;
      this.condition(depth);
    }
  }

  private condition(depth: number): void {
    const token = this.peek();
    if (token.kind === "(") {
      if (depth > 0) throw new FqlProblem("parentheses cannot be nested (FQL allows one level)", token.at);
      this.next();
      this.expression(depth + 1);
      this.expect(")", '")"');
      return;
    }
    if (token.kind === "!") {
      this.next();
      if (this.peek().kind !== "ident" || !FUNCTIONS.has(this.peek().text))
        this.fail('contains(…) or match(…) after "!"');
      return this.call();
    }
    if (token.kind === "ident" && FUNCTIONS.has(token.text) && this.tokens[this.i + 1]?.kind === "(")
      return this.call();
    this.comparison();
  }

  private field(): string {
    const first = this.expect("ident", "a field such as type, event, properties.total");
    if (PLAIN_FIELDS.has(first.text)) {
      if (this.peek().kind === ".") this.fail(`an operator after "${first.text}"`);
      return first.text;
    }
    if (!PATH_FIELDS.has(first.text)) {
      throw new FqlProblem(
        `unknown field "${first.text}": use type, event, name, userId, or properties.…, traits.…, context.…`,
        first.at,
      );
    }
    if (this.peek().kind !== ".") this.fail(`"." and a name after "${first.text}" (e.g. ${first.text}.plan)`);
    while (this.peek().kind === ".") {
      this.next();
      this.expect("ident", "a name after the dot");
    }
    return first.text;
  }

  private call(): void {
    const fn = this.next();
    this.expect("(", `"(" after ${fn.text}`);
    this.field();
    this.expect(",", '","');
    const value = this.expect("string", "a text value in double quotes");
    if (fn.text === "match" && !/^\*[^*]+$|^[^*]+\*$/.test(value.text)) {
      throw new FqlProblem('match needs a pattern with * at its start or end, e.g. "Order*" or "*Completed"', value.at);
    }
    this.expect(")", '")"');
  }

  private comparison(): void {
    const field = this.field();
    const op = this.expect("op", "an operator (=, !=, <, <=, >, >=)");
    const value = this.peek();
    const isKeyword = value.kind === "ident" && /^(true|false|null)$/.test(value.text);
    // A bare word is read as text (a Segment preset writes `type = track`), but not a conjunction.
    const isBareWord = value.kind === "ident" && !isKeyword && !/^(and|or)$/i.test(value.text);
    if (value.kind !== "string" && value.kind !== "number" && !isKeyword && !isBareWord) {
      this.fail('a value: "text", a number, true, false or null');
    }
    this.next();
    if (["<", "<=", ">", ">="].includes(op.text) && value.kind !== "number") {
      throw new FqlProblem(`"${op.text}" compares numbers only`, value.at);
    }
    if (isKeyword && value.text !== "null" && op.text !== "=") throw new FqlProblem(`use "= ${value.text}"`, op.at);
    if (field === "type" && (value.kind === "number" || isKeyword || (op.text !== "=" && op.text !== "!="))) {
      throw new FqlProblem(`compare type with = or != and one of ${EVENT_TYPES.join(", ")}`, value.at);
    }
    if (field === "type" && !EVENT_TYPES.includes(value.text)) {
      throw new FqlProblem(`"${value.text}" is not an event type: use one of ${EVENT_TYPES.join(", ")}`, value.at);
    }
  }
}

/** A trigger's verdict: the AST, or what is wrong and at which character (0-based). */
export function checkTrigger(fql: string): TriggerCheck {
  if (!fql.trim()) return { ok: false, message: 'Enter a trigger, e.g. type = "track"', position: 0 };
  try {
    new Parser(tokenize(fql)).parse();
  } catch (err) {
    if (!(err instanceof FqlProblem)) throw err;
    const near = fql.slice(err.position, err.position + 20).split("\n")[0];
    const where = err.position >= fql.length ? "At the end" : `At character ${err.position + 1} (near "${near}")`;
    return { ok: false, message: `${where}: ${err.message}`, position: err.position };
  }
  const ast = parseFql(fql);
  if ("error" in ast) return { ok: false, message: `The trigger does not parse: ${ast.error.message}`, position: 0 };
  return { ok: true, ast };
}
