// How the calculators' worker gets the runtime's bytes: few on the wire whatever the server.
//
// The build writes, beside the big files (pyodide.asm.wasm, the trimmed standard library, the
// packed memory snapshot), a Brotli copy `.br` and a gzip copy `.gz` (encours/precompressed.py,
// encours/snapshot.py). The worker downloads one of them and decompresses it itself, so a server
// that compresses nothing (`python -m http.server`, many static hosts) still sends a quarter to
// a third of the bytes:
// - the `.br` when the page gave that copy's SHA-256 (`data-brotli`): decoded by a WebAssembly
//   Brotli decoder (npm brotli-dec-wasm, under assets/brotli/), then checked against the digest,
//   since Brotli has no checksum of its own;
// - else, or if the `.br` cannot be had or is damaged, the `.gz` (`DecompressionStream`, which
//   checks gzip's CRC);
// - else the file as it is (the snapshot has no such copy: then Python starts the normal way).
//
// Pyodide fetches pyodide.asm.wasm and the standard library itself: `serveFromMemory` answers
// those requests, in this worker only, with bytes already fetched and decompressed here.
//
// What the first visit fetched is kept for the next ones: the WebAssembly in Cache Storage
// (`keptFile`: compiled from there as it is read), the unpacked snapshot and the
// decompressed standard library in the origin private file system (`keptDerived`: read back
// synchronously, the fastest a worker can).

const GZIP_MAGIC = [0x1f, 0x8b];
// The network's fetch, even once serveFromMemory answers some of this worker's requests.
const networkFetch = globalThis.fetch.bind(globalThis);

async function bytesOf(response, url) {
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The bytes at `url`. */
export async function fetchBytes(url) {
  return bytesOf(await networkFetch(url), url);
}

/** All of `stream`'s bytes; rejects with the stream's own error (a Response would say only
 * "Failed to fetch"). */
async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  const data = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.length;
  }
  return data;
}

/**
 * `response`'s body, decompressed as it arrives when it is gzip; as it comes when the server
 * sent it with `Content-Encoding: gzip` (the browser decompressed it already).
 */
async function gunzipping(response) {
  const reader = response.body.getReader();
  const first = await reader.read();
  const head = first.value ?? new Uint8Array(0);
  const body = new ReadableStream({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(head);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const gzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  return gzip ? body.pipeThrough(new DecompressionStream("gzip")) : body;
}

/** The decompressed stream of the gzip file at `url` (rejects if it cannot be fetched). */
async function gzipBody(url) {
  if (typeof DecompressionStream !== "function") throw new Error("no DecompressionStream");
  const response = await networkFetch(url);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  return gunzipping(response);
}

/**
 * The Brotli decoder in `folder` (assets/brotli/), its WebAssembly downloaded as its `.gz` when
 * it can be, else as it is. Rejects if it cannot be loaded.
 */
async function loadBrotliDecoder(folder) {
  const decoder = await import(new URL("brotli_dec_wasm.js", folder).href);
  const wasm = new URL("brotli_dec_wasm_bg.wasm", folder);
  let source = wasm;
  try {
    const body = await gzipBody(`${wasm.href}.gz`);
    source = new Response(body, { headers: { "Content-Type": "application/wasm" } });
  } catch (_) {
    // As it is: 204 KB.
  }
  try {
    await decoder.default({ module_or_path: source });
  } catch (error) {
    if (source === wasm) throw error;
    await decoder.default({ module_or_path: wasm });
  }
  return decoder;
}

const OUTPUT_CHUNK = 1 << 20;

const hex = (buffer) => Array.from(new Uint8Array(buffer),
  (byte) => byte.toString(16).padStart(2, "0")).join("");

/**
 * A TransformStream from Brotli to the bytes it holds, decoded as they arrive; it fails at the
 * end (so that nothing is used) if the stream is cut short, has bytes after its end, or if the
 * compressed bytes do not have the SHA-256 `digest` (hexadecimal).
 */
function brotliDecoding(decoder, digest) {
  const { ResultSuccess, NeedsMoreOutput } = decoder.BrotliStreamResultCode;
  const state = new decoder.DecompressStream();
  const input = [];
  let code = null;
  return new TransformStream({
    transform(chunk, controller) {
      if (code === ResultSuccess) throw new Error("bytes after the end of the Brotli stream");
      input.push(chunk);
      let at = 0;
      do {
        const result = state.decompress(chunk.subarray(at), OUTPUT_CHUNK);
        const output = result.buf;
        code = result.code;
        at += result.input_offset;
        result.free();
        if (output.length) controller.enqueue(output);
      } while (code === NeedsMoreOutput);
      if (code === ResultSuccess && at < chunk.length) {
        throw new Error("bytes after the end of the Brotli stream");
      }
    },
    async flush() {
      state.free();
      if (code !== ResultSuccess) throw new Error("the Brotli stream is cut short");
      const actual = hex(await crypto.subtle.digest("SHA-256", await new Blob(input).arrayBuffer()));
      if (actual !== digest) throw new Error("damaged: its SHA-256 is not the one the page gave");
    },
  });
}

/**
 * How this worker downloads the runtime's files: `stream(url)` (a ReadableStream of the file's
 * bytes) and `bytes(url)` (all of them, checked) from `url.br` when `digests` (SHA-256 of each
 * `.br` copy, by file name) has the file's and the Brotli decoder in `decoderFolder` loads, else
 * from `url.gz`. `bytes(url, { raw: true })` falls back to `url` itself; `{ brotli: false }`
 * skips the `.br`; `{ complete(bytes) }` says whether a copy's bytes are whole (a gzip file cut
 * short may decompress without an error). They reject when no copy could be had.
 */
export function downloads(decoderFolder, digests = {}) {
  let decoder = null;
  const brotliDecoder = () => (decoder ??= loadBrotliDecoder(decoderFolder));
  const digestOf = (url) => digests?.[url.slice(url.lastIndexOf("/") + 1)];

  async function brotliBody(url) {
    const digest = digestOf(url);
    if (!digest) throw new Error("no digest for its Brotli copy");
    if (!globalThis.crypto?.subtle) throw new Error("no WebCrypto to check its Brotli copy");
    const [brotli, response] = await Promise.all([brotliDecoder(), networkFetch(`${url}.br`)]);
    if (!response.ok || !response.body) throw new Error(`${url}.br: HTTP ${response.status}`);
    return response.body.pipeThrough(brotliDecoding(brotli, digest));
  }

  return {
    async stream(url) {
      if (digestOf(url)) {
        try {
          return await brotliBody(url);
        } catch (error) {
          console.warn(`Encours: ${url}.br could not be used (${error}), fetching ${url}.gz`);
        }
      }
      return gzipBody(`${url}.gz`);
    },
    async bytes(url, { raw = false, brotli = true, complete = () => true } = {}) {
      const checked = async (body) => {
        const data = await readAll(await body);
        if (!complete(data)) throw new Error("it is not whole");
        return data;
      };
      if (brotli && digestOf(url)) {
        try {
          return await checked(brotliBody(url));
        } catch (error) {
          console.warn(`Encours: ${url}.br could not be used (${error}), fetching ${url}.gz`);
        }
      }
      try {
        return await checked(gzipBody(`${url}.gz`));
      } catch (error) {
        if (!raw) throw error;
        console.warn(`Encours: ${url}.gz could not be used (${error}), fetching ${url}`);
      }
      return fetchBytes(url);
    },
  };
}

/**
 * Until the worker ends, a `fetch` of one of `files`' URLs (absolute) is answered with what the
 * file's `response()` gives, else with the bytes its `bytes` promise gives (a new Response each
 * time, as Pyodide may start twice), with its content type; any other request, or one whose
 * bytes could not be had, goes to the network.
 */
export function serveFromMemory(files) {
  globalThis.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : String(input.url ?? input);
    const file = files[new URL(url, globalThis.location?.href).href];
    if (file) {
      try {
        const stored = file.response ? await file.response() : null;
        if (stored) return stored;
        const body = await file.bytes;
        return new Response(body, { headers: { "Content-Type": file.type } });
      } catch (_) {
        // Not to be had from memory: the network's answer, whatever it is.
      }
    }
    return networkFetch(input, init);
  };
}

const KEPT = "encours-runtime";

/** The worker's own Cache Storage, or null (an insecure origin, a private window). */
async function openKept() {
  try {
    return await globalThis.caches.open(KEPT);
  } catch (_) {
    return null;
  }
}

const ours = new WeakSet(); // the wasm Responses made here, streamed from a compressed copy
// The stand-in Responses given for a kept WebAssembly, with the module compiled from it ahead.
const precompiled = new WeakMap();

/**
 * The first time Pyodide asks for a file, a Response whose body is its compressed copy
 * (`via`, from `downloads`) decompressed as it downloads (so that
 * `WebAssembly.instantiateStreaming` compiles while the rest arrives); `bytes` has the same
 * bytes, whole (a second branch of the stream). Then the file is kept, decompressed, in the
 * browser's Cache Storage under its own URL: later visits compile it from there as it is read,
 * neither downloaded nor decompressed again. Chromium keeps no compiled code for it (traced: a
 * Response from `cache.match` in a worker gets no code cache, and V8 writes one only after 1 MB
 * of optimised code, which a snapshot start never reaches), so each visit compiles it again,
 * lazily. `whole(bytes)` says whether the decompressed bytes are complete; if they are not, or
 * the compressed copy fails, `bytes` comes from `via.bytes` (the `.gz`, else the file as it is).
 * Returns `{bytes, type, compiled(), response(), keep()}`: `compiled()` starts compiling the
 * kept copy (at once, beside the rest of the start); `response()` is the Response to give
 * Pyodide (for a kept file, a stand-in carrying that module: see instantiateWasm), or null
 * (then `bytes`, a promise made when first read); `keep()` stores the bytes for the next visit
 * and drops other versions of the file.
 */
export function keptFile(url, type, via, whole = () => true) {
  const opened = openKept().then(async (cache) => cache && ({
    cache, found: Boolean(await cache.match(url)),
  })).catch(() => null); // no Cache Storage: fetched every time
  const again = () => via.bytes(url, { raw: true, brotli: false, complete: whole });
  const source = opened.then(async (kept) => {
    if (kept?.found) return { kept };
    try {
      const [compile, collect] = (await via.stream(url)).tee();
      // A gzip file cut short decompresses without an error: `whole` checks what came out.
      const bytes = readAll(collect).then((data) => {
        if (!whole(data)) throw new Error("it is not whole");
        return data;
      }).catch((error) => {
        console.warn(`Encours: the compressed copy of ${url} is damaged (${error}), fetching it again`);
        return again();
      });
      return { kept, compile, bytes };
    } catch (error) {
      console.warn(`Encours: no compressed copy of ${url} could be used (${error}), fetching it`);
      return { kept, bytes: fetchBytes(url) };
    }
  });
  // Read from Cache Storage only if asked for (a start from the kept snapshot never asks).
  let read = null;
  const bytes = () => (read ??= source.then(async ({ kept, bytes: fetched }) => {
    if (!fetched) {
      const stored = await kept.cache.match(url);
      if (stored) return new Uint8Array(await stored.arrayBuffer());
      return fetchBytes(url);
    }
    return fetched;
  }));
  let streamed = false;
  // The module compiled from the kept copy, or null if the file is not kept, or no longer
  // compiles: then it is forgotten, so that the next visit fetches it, and this one takes the
  // raw file (`bytes`).
  let module = null;
  const compiled = () => (module ??= opened.then(async (kept) => {
    if (!kept?.found) return null;
    try {
      return await WebAssembly.compileStreaming(kept.cache.match(url));
    } catch (error) {
      console.warn(`Encours: the copy of ${url} kept in this browser is damaged (${error})`);
      await kept.cache.delete(url);
      return null;
    }
  }).catch(() => null));
  return {
    get bytes() {
      return bytes();
    },
    type,
    compiled,
    async response() {
      const { kept, compile } = await source;
      if (kept?.found) {
        const ready = await compiled();
        if (!ready) return null;
        const standIn = new Response(null, { headers: { "Content-Type": type } });
        precompiled.set(standIn, ready);
        return standIn;
      }
      if (!compile || streamed) return null;
      streamed = true;
      const response = new Response(compile, { headers: { "Content-Type": type } });
      ours.add(response);
      return response;
    },
    async keep() {
      const kept = await opened;
      if (!kept || kept.found) return;
      const name = url.slice(url.lastIndexOf("/"));
      for (const request of await kept.cache.keys()) {
        if (request.url.endsWith(name) && request.url !== url) await kept.cache.delete(request);
      }
      await kept.cache.put(url, new Response(await bytes(), { headers: { "Content-Type": type } }));
    },
  };
}

// How keptDerived's files end: this mark, then the length of the bytes before it (a file cut
// short, or written by something else, does not end so and is not used).
const KEPT_MARK = new TextEncoder().encode("ENCOURS-KEPT");
const TRAILER = KEPT_MARK.length + 8;

let keptFolder = null;

/** The worker's folder in the origin private file system, or null (not there, or refused):
 * opened once for every file kept there. */
function openKeptFolder() {
  keptFolder ??= (async () => {
    try {
      const root = await globalThis.navigator.storage.getDirectory();
      return await root.getDirectoryHandle(KEPT, { create: true });
    } catch (_) {
      return null;
    }
  })();
  return keptFolder;
}

/** The bytes kept in `file` before its trailer, read synchronously (a worker's fastest read:
 * no copy through the browser's process), or null if it is not whole. */
function readKept(file) {
  const size = file.getSize();
  if (size < TRAILER) return null;
  const trailer = new Uint8Array(TRAILER);
  file.read(trailer, { at: size - TRAILER });
  const length = new DataView(trailer.buffer).getFloat64(KEPT_MARK.length, true);
  if (KEPT_MARK.some((byte, i) => trailer[i] !== byte) || length !== size - TRAILER) return null;
  const data = new Uint8Array(length);
  return file.read(data, { at: 0 }) === length ? data : null;
}

/**
 * What `make()` gives (a promise of bytes: the memory snapshot, fetched, decompressed and
 * unpacked; the trimmed standard library, decompressed), kept by `keep()`, once it has been used, in the origin private file system under
 * `name`: a later visit reads it back synchronously in this worker, in tens of milliseconds,
 * where the fetch, the decompression and the unpacking take hundreds (and a Cache Storage read
 * of the same bytes, which come through the browser's process, some 300 ms during a start). A
 * file that is not whole (it does not end with its mark and length) is not used: `make()` again,
 * and `keep()` replaces it; `drop()` forgets it. The other files that `same(name)` says are
 * versions of the same thing are removed when a new one is kept. No file system (another
 * browser, storage refused): made every time. Returns `{bytes, stored, keep(), drop()}`, `stored`
 * being the kept bytes or null.
 */
export function keptDerived(name, make, same = () => false) {
  const folder = openKeptFolder();
  const found = folder.then(async (kept) => {
    const handle = await kept?.getFileHandle(name).catch(() => null);
    if (!handle) return null;
    const file = await handle.createSyncAccessHandle({ mode: "read-only" });
    try {
      const data = readKept(file);
      if (!data) console.warn(`Encours: the copy of ${name} kept in this browser is damaged, fetching it again`);
      return data;
    } finally {
      file.close();
    }
  }).catch(() => null); // another tab writing it, say: made this time
  const bytes = found.then((stored) => stored ?? make());
  return {
    bytes,
    stored: found,
    async keep() {
      const kept = await folder;
      if (!kept || await found) return;
      const data = await bytes;
      if (!data.byteLength) return; // a detached buffer: nothing worth storing
      const trailer = new Uint8Array(TRAILER);
      trailer.set(KEPT_MARK);
      new DataView(trailer.buffer).setFloat64(KEPT_MARK.length, data.byteLength, true);
      const older = [];
      for await (const other of kept.keys()) if (other !== name && same(other)) older.push(other);
      for (const other of older) await kept.removeEntry(other).catch(() => {});
      // Written to a file of its own and put in place when closed: never half-written.
      const writable = await (await kept.getFileHandle(name, { create: true })).createWritable();
      await writable.write(data);
      await writable.write(trailer);
      await writable.close();
    },
    async drop() {
      await (await folder)?.removeEntry(name).catch(() => {});
    },
  };
}

/**
 * How Pyodide's WebAssembly is instantiated here: a kept file's stand-in Response (keptFile)
 * gives the module compiled ahead; any other is streamed as Pyodide asks. And Pyodide waits for
 * ever if its WebAssembly cannot be compiled (it only logs the error): when a module streamed
 * from a compressed copy here fails (the copy is damaged), it is compiled from `fallback()` (the
 * bytes had another way) instead.
 */
export function instantiateWasm(fallback) {
  const streaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    const module = precompiled.get(response);
    if (module) return { module, instance: await WebAssembly.instantiate(module, imports) };
    try {
      return await streaming(response, imports);
    } catch (error) {
      if (!ours.has(response)) throw error;
      console.warn("Encours: the compressed WebAssembly could not be used, compiling it from another copy:", error);
      return WebAssembly.instantiate(await fallback(), imports);
    }
  };
}

/** A synchronous fetch (workers only): the bytes at `url`, or null. For Python's import. */
export function fetchSync(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send(null);
  return request.status === 200 ? new Uint8Array(request.response) : null;
}

function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new Error("cut short");
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function sleb(bytes, at) {
  const [value, end] = uleb(bytes, at);
  const bits = 7 * (end - at);
  return [value >= 2 ** (bits - 1) ? value - 2 ** bits : value, end];
}

/** The active data segments of a WebAssembly module: [memory offset, start, length]. */
export function wasmDataSegments(wasm) {
  const segments = [];
  let at = 8;
  while (at < wasm.length) {
    const section = wasm[at];
    const [size, start] = uleb(wasm, at + 1);
    if (section === 11) {
      let [count, cursor] = uleb(wasm, start);
      for (; count > 0; count--) {
        let flags;
        [flags, cursor] = uleb(wasm, cursor);
        let offset = null;
        if (flags === 0 || flags === 2) {
          if (flags === 2) [, cursor] = uleb(wasm, cursor);
          if (wasm[cursor] !== 0x41) throw new Error("data segment offset is not a constant");
          [offset, cursor] = sleb(wasm, cursor + 1);
          if (wasm[cursor] !== 0x0b) throw new Error("data segment offset does not end");
          cursor += 1;
        }
        let length;
        [length, cursor] = uleb(wasm, cursor);
        if (offset !== null) segments.push([offset, cursor, length]);
        cursor += length;
      }
    }
    at = start + size;
  }
  return segments;
}

/**
 * Whether `wasm` is a whole WebAssembly module, cheaply: its magic number and version, then
 * section after section up to its very last byte (a module cut short breaks the chain).
 */
export function wasmIsWhole(wasm) {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (wasm.length < 8 || header.some((byte, i) => wasm[i] !== byte)) return false;
  let at = 8;
  try {
    while (at < wasm.length) {
      const [size, start] = uleb(wasm, at + 1);
      at = start + size;
    }
  } catch (_) {
    return false;
  }
  return at === wasm.length;
}

const PACK_MAGIC = "ENCSNAP1";

/**
 * The Pyodide memory snapshot from its pack (encours/snapshot.py `pack`): the pages that are not
 * zero put back in place, then the heap XORed with the data segments of `wasm`
 * (pyodide.asm.wasm's bytes). Throws if `packed` is not a whole pack.
 */
export function unpackSnapshot(packed, wasm) {
  if (new TextDecoder().decode(packed.subarray(0, 8)) !== PACK_MAGIC) {
    throw new Error("not a packed snapshot");
  }
  const length = new DataView(packed.buffer, packed.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(packed.subarray(12, 12 + length)));
  const out = new Uint8Array(header.size);
  let at = 12 + length;
  for (const [offset, size] of header.runs) {
    out.set(packed.subarray(at, at + size), offset);
    at += size;
  }
  if (at !== packed.length) throw new Error("the packed snapshot is cut or too long");
  for (const [offset, start, size] of wasmDataSegments(wasm)) {
    const base = header.heap + offset;
    for (let i = 0; i < size; i++) out[base + i] ^= wasm[start + i];
  }
  return out;
}
