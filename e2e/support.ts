import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The documented demo users (README, "Demo users"); run-e2e.mjs starts the server with TRAMA_DEMO=1. */
export const DEMO_PASSWORD = 'Trama-Demo-2025';
export const DEMO = {
  admin: 'admin@demo.trama.it',
  operator: 'operatore@demo.trama.it',
  regional: 'regione@demo.trama.it',
} as const;

/**
 * A text field by its accessible name (the label without the required marker, which is aria-hidden):
 * getByLabel would see "Password *" and match "Indirizzo della sede" inside "Indirizzo della sede legale".
 */
export const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

/** Signs in through the login page, as a user would, and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await field(page, 'Indirizzo e-mail').fill(email);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Benvenuto/a');
}

/**
 * axe-core on the page as it is now (WCAG 2.1 A/AA rules): fails on any serious or critical violation and
 * prints each one with the offending elements.
 */
export async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
  if (bad.length) console.log(`axe on ${name}:\n${report}`);
  expect(
    bad.map((v) => v.id),
    `serious/critical accessibility violations on ${name}:\n${report}`,
  ).toEqual([]);
}
