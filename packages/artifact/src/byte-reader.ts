/**
 * Pull-based reading of exact byte counts from a chunked stream, without concatenating large
 * bodies: headers are read whole (512 bytes), file bodies are handed on chunk by chunk.
 */
export class ByteReader {
  private head: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async pull(): Promise<boolean> {
    while (this.head.length === 0 && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else this.head = next.value;
    }
    return this.head.length > 0;
  }

  /** Exactly `length` bytes; undefined at a clean end of stream; throws if it ends midway. */
  async read(length: number): Promise<Buffer | undefined> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < length) {
      if (!(await this.pull())) {
        if (got === 0) return undefined;
        throw new Error("truncated archive (unexpected end of data)");
      }
      const take = this.head.subarray(0, length - got);
      this.head = this.head.subarray(take.length);
      parts.push(take);
      got += take.length;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
  }

  /** `length` bytes as a sequence of chunks; throws if the stream ends first. */
  async *chunks(length: number): AsyncGenerator<Buffer> {
    let left = length;
    while (left > 0) {
      if (!(await this.pull())) throw new Error("truncated archive (unexpected end of data)");
      const take = this.head.subarray(0, left);
      this.head = this.head.subarray(take.length);
      left -= take.length;
      yield take;
    }
  }

  /** True when everything left is zero bytes (tar writers pad the end to a record size). */
  async restIsZero(): Promise<boolean> {
    while (await this.pull()) {
      // Compared against zeros in one native call: a per-byte callback over the padding (up
      // to a 10 KiB record, or whatever a hostile archive appends) costs milliseconds.
      if (!this.head.equals(Buffer.alloc(this.head.length))) return false;
      this.head = Buffer.alloc(0);
    }
    return true;
  }
}
