/**
 * A message value over encoded bytes (a protobuf writer's output) without copying them:
 * `Buffer.from(uint8Array)` copies, which for a 256 KiB event is a quarter megabyte per message.
 * The bytes must not be written to afterwards; a writer's `finish()` hands over a fresh array.
 */
export function messageValue(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
