/** Rejects where the browser has no CompressionStream. */
export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Not awaited: the writes only settle while the readable side is being drained below.
  void writer.write(new TextEncoder().encode(text));
  void writer.close();
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}
