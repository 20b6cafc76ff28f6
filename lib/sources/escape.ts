// Escaping for the snippet templates. Every value that goes into code is a string literal built here, so a
// source named `</script><script>alert(1)` or a key with quotes can neither break the code nor inject into it.

type Escapes = {
  /** How a code point outside printable ASCII is written in this language. */
  unicode: (codePoint: number) => string;
  /** Characters that must be backslash-escaped besides `"` and `\` (e.g. `$` for string templates). */
  extra?: string;
};

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");
const utf16 = (cp: number) =>
  String.fromCodePoint(cp)
    .split("")
    .map((unit) => `\\u${hex(unit.charCodeAt(0), 4)}`)
    .join("");

function escapeWith(value: string, escapes: Escapes): string {
  let out = "";
  for (const char of value) {
    let cp = char.codePointAt(0)!;
    // Lone surrogates are not valid text in Go or Swift; they can only come from malformed input.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (char === '"' || char === "\\" || escapes.extra?.includes(char)) out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (cp >= 0x20 && cp < 0x7f && char !== "<" && char !== ">") out += char;
    else out += escapes.unicode(cp);
  }
  return `"${out}"`;
}

/** A JavaScript / TypeScript / JSON string literal that is also safe inside an HTML <script> element. */
export function jsString(value: string): string {
  return escapeWith(value, { unicode: utf16 });
}

/** A Python 3 string literal. */
export function pyString(value: string): string {
  return escapeWith(value, { unicode: (cp) => (cp > 0xffff ? `\\U${hex(cp, 8)}` : `\\u${hex(cp, 4)}`) });
}

/** A Go interpreted string literal. */
export function goString(value: string): string {
  return escapeWith(value, { unicode: (cp) => (cp > 0xffff ? `\\U${hex(cp, 8)}` : `\\u${hex(cp, 4)}`) });
}

/** A Swift string literal. */
export function swiftString(value: string): string {
  return escapeWith(value, { unicode: (cp) => `\\u{${hex(cp, 1)}}` });
}

/** A Kotlin string literal (`$` starts a template, so it is escaped). */
export function kotlinString(value: string): string {
  return escapeWith(value, { unicode: utf16, extra: "$" });
}

/** A Dart string literal (`$` starts an interpolation, so it is escaped). */
export function dartString(value: string): string {
  return escapeWith(value, { unicode: (cp) => `\\u{${hex(cp, 1)}}`, extra: "$" });
}

/** A POSIX shell word in single quotes. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Text for a one-line code comment: letters, digits and plain punctuation only, so it cannot end the
 *  comment, the line or a surrounding <script> element in any language. */
export function commentText(value: string): string {
  return value
    .replace(/[^\p{L}\p{N} .,:;!?@#%&()'"+=_\-—–]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
}

/** "host[:port][/path]" of a URL: what the mobile SDKs take as apiHost / cdnHost (they add https:// themselves). */
export function hostAndPath(publicUrl: string): string {
  return publicUrl.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "");
}

export function isHttps(publicUrl: string): boolean {
  return /^https:\/\//i.test(publicUrl);
}
