import { contentSecurityPolicy } from './content-security-policy';

describe('dashboard content security policy', () => {
  it('allows only its own scripts, styles and API, and no framing by default', () => {
    const policy = contentSecurityPolicy([]);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('lets the configured origins embed the portal and serve its logo', () => {
    const policy = contentSecurityPolicy(['https://app.example.com']);
    expect(policy).toContain('frame-ancestors https://app.example.com');
    expect(policy).toContain("img-src 'self' data: https://app.example.com");
  });
});
