/** A request as saved by a receiver: the headers and the exact body. */
export interface SavedRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * Reads a saved request: JSON `{"headers":{…},"body":"…"}`, or the raw HTTP request as it came
 * off the wire (`POST /path HTTP/1.1`, headers, a blank line, the body).
 */
export function parseSavedRequest(text: string): SavedRequest {
  if (/^[A-Z]+ \S+ HTTP\/\d(\.\d)?\r?\n/.test(text)) {
    const separator = /\r?\n\r?\n/.exec(text);
    const head = separator ? text.slice(0, separator.index) : text;
    const body = separator ? text.slice(separator.index + separator[0].length) : '';
    const headers: Record<string, string> = {};
    for (const line of head.split(/\r?\n/).slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { headers, body };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('the file is neither a raw HTTP request nor JSON {"headers":{…},"body":"…"}');
  }
  const request = parsed as Partial<SavedRequest>;
  if (!request || typeof request.body !== 'string' || typeof request.headers !== 'object' || request.headers === null) {
    throw new Error('a saved request in JSON needs "headers" (an object) and "body" (the exact body, a string)');
  }
  return { headers: request.headers, body: request.body };
}
