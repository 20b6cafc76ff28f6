import { execFileSync } from "node:child_process";
import vm from "node:vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { getSourceCatalog, renderSnippets, sourceDefinitions, type SnippetContext } from "@/lib/sources";
import { dartString, goString, jsString, kotlinString, pyString, shellQuote, swiftString } from "./escape";

// Every template must render valid code with hostile values, and the values must arrive intact.
const HOSTILE = "</script><script>alert(1)</script> \"' ` ${x} $y \\ \n\r\t\u2028\u2029 <!-- */ é 😀";
const hostile: SnippetContext = {
  publicUrl: `https://sluice.example.com/"'<>`,
  writeKey: `wk_${HOSTILE}`,
  siteId: `site_${HOSTILE}`,
  sourceName: HOSTILE,
};
const benign: SnippetContext = {
  publicUrl: "https://sluice.example.com",
  writeKey: "wk_abc",
  siteId: "site123",
  sourceName: "JavaScript — company website",
};

function snippetsOf(type: string, ctx: SnippetContext) {
  return renderSnippets(type, ctx);
}

/** Syntax check for JavaScript/TypeScript (modules, JSX) via the TypeScript parser. */
function tsDiagnostics(code: string, fileName: string): string[] {
  const out = ts.transpileModule(code, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.React },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

/** Runs a module snippet as CommonJS with a fake `require`, returning what its imports were called with. */
function runModule(code: string, fake: Record<string, unknown>) {
  const js = ts.transpileModule(code.replace(/^await /m, "void "), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const mod = { exports: {} };
  new vm.Script(`(function (require, module, exports) {${js}\n})`).runInNewContext({})(
    (name: string) => fake[name],
    mod,
    mod.exports,
  );
}

/** Splits a shell command line into words (single quotes, backslash-newline continuations). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === "\\" && line[i + 1] === "\n") i++;
    else if (c === "\\") word = (word ?? "") + line[++i];
    else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? "") + c;
  }
  if (word !== null) words.push(word);
  return words;
}

describe("source catalog", () => {
  it("has one function-free entry per type, JavaScript recommended, no webhook or reverse ETL yet", () => {
    const catalog = getSourceCatalog();
    expect(catalog.map((e) => e.type)).toEqual([
      "javascript",
      "nodejs",
      "python",
      "go",
      "http",
      "ios",
      "android",
      "react-native",
      "flutter",
    ]);
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
    expect(catalog.filter((e) => e.isRecommended).map((e) => e.type)).toEqual(["javascript"]);
    for (const entry of catalog) expect(entry.description.length).toBeGreaterThan(10);
  });

  it("renders the write key and public URL into every type's instructions", () => {
    for (const def of sourceDefinitions) {
      const text = snippetsOf(def.type, benign)
        .map((s) => s.code)
        .join("\n");
      expect(text, def.type).toContain("wk_abc");
      expect(text, def.type).toContain("sluice.example.com");
    }
  });

  it("renders the same number of lines whatever the values (nothing breaks out of a literal)", () => {
    // (curl's single-quoted shell words may hold newlines; the shell-words test checks those.)
    for (const def of sourceDefinitions.filter((d) => d.type !== "http")) {
      const a = snippetsOf(def.type, benign).map((s) => s.code.split("\n").length);
      const b = snippetsOf(def.type, hostile).map((s) => s.code.split("\n").length);
      expect(b, def.type).toEqual(a);
    }
  });
});

describe("JavaScript snippet", () => {
  it("is one <script> element whose code parses and loads the key from this Sluice, with the in-app Site ID", () => {
    const [html] = snippetsOf("javascript", hostile);
    expect(html!.code.match(/<\/?script/gi)).toEqual(["<script", "</script"]);
    expect(html!.code).not.toContain("<!--");
    const code = html!.code.replace(/^<script>/, "").replace(/<\/script>$/, "");

    const inserted: { src?: string; attrs: Record<string, string> }[] = [];
    const anchor = { parentNode: { insertBefore: (el: (typeof inserted)[number]) => inserted.push(el) } };
    const window: Record<string, unknown> = {};
    const document = {
      createElement: () => ({
        attrs: {} as Record<string, string>,
        setAttribute(k: string, v: string) {
          this.attrs[k] = v;
        },
      }),
      getElementsByTagName: () => [anchor],
    };
    new vm.Script(code).runInNewContext({ window, document, console });
    const stub = window.cioanalytics as unknown[] & { _writeKey: string; _loadOptions: unknown };
    expect(stub._writeKey).toBe(hostile.writeKey);
    expect(stub._loadOptions).toEqual({ integrations: { "Customer.io In-App Plugin": { siteId: hostile.siteId } } });
    expect(inserted[0]!.src).toBe(`${hostile.publicUrl}/v1/analytics-js/snippet/${hostile.writeKey}/analytics.min.js`);
    expect(inserted[0]!.attrs["data-global-customerio-analytics-key"]).toBe("cioanalytics");
    expect(stub.slice()).toEqual([["page"]]);
  });

  it("has no load options without a Site ID", () => {
    const [html, , npm] = snippetsOf("javascript", { ...benign, siteId: null });
    expect(html!.code).toContain('analytics.load("wk_abc");');
    expect(npm!.code).not.toContain("In-App");
  });

  it("npm alternative passes writeKey, cdnURL and the in-app plugin to AnalyticsBrowser.load", () => {
    const npm = snippetsOf("javascript", hostile)[2]!;
    expect(tsDiagnostics(npm.code, "a.ts")).toEqual([]);
    const calls: unknown[][] = [];
    const AnalyticsBrowser = { load: (...args: unknown[]) => (calls.push(args), { page: () => {} }) };
    runModule(npm.code, { "@customerio/cdp-analytics-browser": { AnalyticsBrowser } });
    expect(calls).toEqual([
      [
        { writeKey: hostile.writeKey, cdnURL: hostile.publicUrl },
        { integrations: { "Customer.io In-App Plugin": { siteId: hostile.siteId } } },
      ],
    ]);
  });
});

describe("server and mobile templates", () => {
  it("Node.js constructs Analytics with writeKey and host", () => {
    const code = snippetsOf("nodejs", hostile)[1]!.code;
    expect(tsDiagnostics(code, "a.mts")).toEqual([]);
    const made: unknown[] = [];
    class Analytics {
      constructor(options: unknown) {
        made.push(options);
      }
      identify() {}
      track() {}
      closeAndFlush() {}
    }
    runModule(code, { "@customerio/cdp-analytics-node": { Analytics } });
    expect(made).toEqual([{ writeKey: hostile.writeKey, host: hostile.publicUrl }]);
  });

  it("React Native parses as TypeScript and passes the key, hosts and Site ID", () => {
    const code = snippetsOf("react-native", hostile)[2]!.code;
    expect(tsDiagnostics(code, "a.tsx")).toEqual([]);
    const calls: unknown[] = [];
    const CustomerIO = { initialize: (c: unknown) => calls.push(c), identify() {}, track() {} };
    runModule(code, { "customerio-reactnative": { CustomerIO } });
    expect(calls).toEqual([
      {
        cdpApiKey: hostile.writeKey,
        apiHost: `sluice.example.com/"'<>/v1`,
        cdnHost: `sluice.example.com/"'<>/v1`,
        inApp: { siteId: hostile.siteId },
      },
    ]);
  });

  it("Python parses and assigns the key and host", () => {
    const code = snippetsOf("python", hostile)[1]!.code;
    let python: string;
    try {
      const script =
        "import ast,json,sys\nt=ast.parse(sys.stdin.read())\n" +
        "print(json.dumps({a.targets[0].attr: a.value.value for a in t.body if isinstance(a, ast.Assign)}))";
      python = execFileSync("python3", ["-c", script], { input: code, encoding: "utf8" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return; // no python3 on this machine
      throw err;
    }
    expect(JSON.parse(python)).toEqual({ write_key: hostile.writeKey, host: hostile.publicUrl });
  });

  it("curl examples are valid shell words with -u KEY: and JSON bodies", () => {
    for (const snippet of snippetsOf("http", hostile)) {
      const command = snippet.code
        .split("\n")
        .filter((l) => !l.startsWith("#"))
        .join("\n");
      const words = shellWords(command);
      expect(words[0]).toBe("curl");
      expect(words[1]).toMatch(new RegExp(`^https://sluice\\.example\\.com/"'<>/v1/(identify|track)$`));
      expect(words[words.indexOf("-u") + 1]).toBe(`${hostile.writeKey}:`);
      expect(() => JSON.parse(words[words.indexOf("-d") + 1]!)).not.toThrow();
    }
  });
});

describe("string literal escapers", () => {
  // Reference decoders for each language's escapes, to check the round trip.
  const decodeC = (lit: string) =>
    lit
      .slice(1, -1)
      .replace(/\\u\{([0-9A-F]+)\}|\\U([0-9A-F]{8})|\\u([0-9A-F]{4})|\\(.)/g, (_m, braced, long, short, ch) => {
        if (braced || long) return String.fromCodePoint(parseInt(braced ?? long, 16));
        if (short) return String.fromCharCode(parseInt(short, 16));
        return ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[ch] ?? ch;
      });
  const value = HOSTILE;

  it.each([
    ["js", jsString],
    ["python", pyString],
    ["go", goString],
    ["swift", swiftString],
    ["kotlin", kotlinString],
    ["dart", dartString],
  ])("%s literals are one line, contain no raw quote, < or $, and decode to the value", (_lang, escape) => {
    const lit = escape(value);
    expect(lit).not.toMatch(/[\n\r\u2028\u2029<>]/);
    expect(lit.slice(1, -1)).not.toMatch(/(^|[^\\])"/);
    expect(decodeC(lit)).toBe(value);
  });

  it("JS literals are JSON", () => {
    expect(JSON.parse(jsString(value))).toBe(value);
  });

  it("Kotlin and Dart escape $ so it does not start a template", () => {
    expect(kotlinString("$a${b}")).toBe('"\\$a\\${b}"');
    expect(dartString("$a")).toBe('"\\$a"');
  });

  it("shell quoting survives single quotes", () => {
    expect(shellWords(`echo ${shellQuote(value)}`)).toEqual(["echo", value]);
  });
});
