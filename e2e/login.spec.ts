import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, field, signIn } from './support';

test.describe('signing in', () => {
  test('the login page is in Italian and accessible', async ({ page }) => {
    await page.goto('/login');
    await expect(page).toHaveTitle(/Trama/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('heading', { level: 1, name: 'Accedi a Trama' })).toBeVisible();
    await expectAccessible(page, 'login');
  });

  test('a wrong password shows an error and keeps the user on the login page', async ({ page }) => {
    await page.goto('/login');
    await field(page, 'Indirizzo e-mail').fill(DEMO.operator);
    await field(page, 'Password').fill('password-sbagliata');
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test('a demo user signs in, lands on the home page and signs out', async ({ page }) => {
    await signIn(page, DEMO.admin);
    await expect(page.getByRole('link', { name: 'Organizzazioni' }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Esci' }).click();
    await expect(page).toHaveURL(/\/login/);
    // The session is gone: a private page sends the user back to the login page.
    await page.goto('/organizations');
    await expect(page).toHaveURL(/\/login/);
  });
});
