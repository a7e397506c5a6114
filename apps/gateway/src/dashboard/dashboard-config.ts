import { z } from '@hookline/config';

const origin = z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'must be origins like https://app.example.com, separated by spaces');

export const dashboardEnv = {
  /** The built dashboard (index.html and assets/); relative paths start at the working directory. */
  HOOKLINE_DASHBOARD_DIR: z.string().default('dist/apps/dashboard'),
  /** Origins allowed to embed the dashboard / customer portal in an iframe (CSP frame-ancestors). */
  HOOKLINE_DASHBOARD_FRAME_ANCESTORS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(origin)),
};
