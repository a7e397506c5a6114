/**
 * The dashboard's Content Security Policy: only its own scripts, styles and API; no inline
 * script or style element, no external origin. `frameAncestors` lists the origins allowed to
 * embed it (the customer portal in a platform's iframe); none means it cannot be framed. Those
 * origins may also serve the portal's logo, so they are image sources too.
 */
export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  const images = ["'self'", 'data:', ...frameAncestors].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${images}`,
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}
