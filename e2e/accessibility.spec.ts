import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, field, signIn } from './support';

/** Waits until the page has its heading and no loading indicator, then runs axe. */
async function settledAndAccessible(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
  await expectAccessible(page, name);
}

test('the key pages have no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/login');
  await settledAndAccessible(page, 'login');

  await signIn(page, DEMO.admin);
  await settledAndAccessible(page, 'home');

  await page.goto('/organizations');
  await expect(page.getByRole('table')).toBeVisible();
  await settledAndAccessible(page, 'organizations list');

  // The first organisation of the list.
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/);
  await settledAndAccessible(page, 'organization detail');

  await page.getByRole('link', { name: 'Modifica', exact: true }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(field(page, 'Denominazione')).not.toHaveValue('');
  await settledAndAccessible(page, 'organization edit form');

  // The form with its errors shown is a page too.
  await page.goto('/organizations/new');
  await settledAndAccessible(page, 'new organization form');
  await page.getByRole('button', { name: 'Registra organizzazione' }).click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await expectAccessible(page, 'new organization form with errors');

  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Registro attività' })).toBeVisible();
  await settledAndAccessible(page, 'audit log');
});
