/** Rejects where the browser has no CompressionStream. */
export async function gzip(text: string): Promise<Uint8Array> {
  // A Response made of a string streams its UTF-8 bytes; its body is never null.
  const compressed = (new Response(text).body as ReadableStream<BufferSource>).pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}
