import { expect, test } from '@playwright/test';
import { DEMO, field, signIn } from './support';

test('Italian by default; switching to English changes the texts and <html lang>, and sticks', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accedi a Trama');

  const languages = page.getByRole('group', { name: 'Lingua' });
  await languages.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Trama');
  await expect(field(page, 'E-mail address')).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' }),
  ).toHaveAttribute('aria-pressed', 'true');

  // The choice survives a reload.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Trama');

  // And back to Italian.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Italiano' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accedi a Trama');
});

test('a signed-in user switches the whole shell to English', async ({ page }) => {
  await signIn(page, DEMO.operator);
  await expect(page.getByRole('link', { name: 'Organizzazioni' }).first()).toBeVisible();
  await page.getByRole('group', { name: 'Lingua' }).getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Organisations' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
  await page.getByRole('link', { name: 'Organisations' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();
});
