import { Readable } from "node:stream";
import zlib from "node:zlib";

// Reads a request body up to a byte limit, decompressing gzip/deflate first, and stops reading as soon as
// the limit is passed: a 50 MB body costs at most limit bytes of memory, never the whole thing.

/** The client's mistake (limit, encoding): always answered 400 with this message. */
export class IngestError extends Error {
  constructor(
    message: string,
    readonly code: "too_large" | "invalid_encoding",
  ) {
    super(message);
  }
}

export function tooLarge(limitName: string): IngestError {
  return new IngestError(`Request body exceeds the ${limitName} limit`, "too_large");
}

export async function readBody(
  chunks: AsyncIterable<Uint8Array>,
  contentEncoding: string | undefined,
  limit: number,
  limitName: string,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return collect(chunks, limit, limitName);
  if (encoding !== "gzip" && encoding !== "deflate") {
    throw new IngestError(`Unsupported Content-Encoding "${encoding}": send gzip or no encoding`, "invalid_encoding");
  }
  const source = Readable.from(capped(chunks, limit, limitName));
  const inflate = encoding === "gzip" ? zlib.createGunzip() : zlib.createInflate();
  source.on("error", (err) => inflate.destroy(err));
  source.pipe(inflate);
  try {
    return await collect(inflate, limit, limitName);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError(`The body is not valid ${encoding} data`, "invalid_encoding");
  } finally {
    source.destroy();
    inflate.destroy();
  }
}

async function collect(chunks: AsyncIterable<Uint8Array>, limit: number, limitName: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of capped(chunks, limit, limitName)) {
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    size += chunk.byteLength;
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
}

async function* capped(chunks: AsyncIterable<Uint8Array>, limit: number, limitName: string) {
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limitName);
    yield chunk;
  }
}

/** A Web ReadableStream as an async iterable (cancelled when the reader stops early). */
export async function* iterateStream(stream: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
