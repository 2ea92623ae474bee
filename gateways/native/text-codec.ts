/**
 * Text from a counter is bytes in the library's declared encoding, NUL-terminated inside a
 * fixed array. CTP and most domestic counters send GB18030; the simulator sends UTF-8.
 */
export type CounterEncoding = 'UTF-8' | 'GB18030';

export interface TextCodec {
  readonly encoding: CounterEncoding;
  /** Bytes up to the first NUL (or the whole array), decoded. */
  decode(bytes: Uint8Array): string;
}

/** Position of the first NUL, or the length when there is none (a full, unterminated field). */
function terminated(bytes: Uint8Array): number {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes.length : nul;
}

export function createCodec(encoding: CounterEncoding): TextCodec {
  // fatal: false: a counter's garbled byte becomes U+FFFD, not an exception on its thread.
  const decoder = new TextDecoder(encoding === 'GB18030' ? 'gb18030' : 'utf-8');
  return {
    encoding,
    decode(bytes) {
      const end = terminated(bytes);
      // Codes, ids and exchanges are ASCII: building the string by hand skips the decoder's
      // setup cost, which dominates for 6-byte fields.
      let plain = true;
      for (let i = 0; i < end; i++) if (bytes[i]! >= 0x80) { plain = false; break; }
      if (plain && end <= 32) return String.fromCharCode.apply(null, Array.from(bytes.subarray(0, end)));
      return decoder.decode(bytes.subarray(0, end));
    },
  };
}

/** Outgoing strings: ASCII always round-trips; anything else only when the counter speaks UTF-8. */
export function isEncodable(text: string, encoding: CounterEncoding): boolean {
  // eslint-disable-next-line no-control-regex
  return encoding === 'UTF-8' || /^[\x00-\x7f]*$/.test(text);
}
