import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signIn } from './support';

// One sign-in for the whole journey (the login is rate-limited per IP).
test('the coordinator reads the skills gap: chart, map of the provinces and tables, accessibly', async ({
  page,
}) => {
  await signIn(page, DEMO.regional);
  await page.getByRole('link', { name: 'Fabbisogni di competenze' }).click();
  await expect(page).toHaveURL(/\/analytics\/skills-gap$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fabbisogni di competenze' })).toBeVisible();

  // Freshness of the summary the figures come from.
  await expect(page.getByTestId('skills-gap-freshness')).toContainText('Dati aggiornati al');

  // The chart (ECharts, SVG renderer) with its bars.
  const chart = page.getByTestId('skills-gap-chart');
  await expect(chart.locator('svg')).toBeVisible();
  expect(await chart.locator('svg path').count()).toBeGreaterThan(10);
  await expect(chart).toContainText('Domanda (posti)');

  // The table of the top shortages.
  const table = page.getByTestId('skills-gap-table');
  await expect(table).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);

  // The choropleth: one SVG path per Lombardy province, no tile server; the legend and the table alternative.
  const map = page.getByTestId('skills-gap-map');
  await expect(map.locator('path[data-province]')).toHaveCount(12);
  await expect(map.locator('img.leaflet-tile')).toHaveCount(0);
  await expect(page.getByTestId('skills-gap-legend')).toContainText('Indice di carenza');
  const provinces = page.getByTestId('skills-gap-provinces');
  await expect(provinces.locator('tbody tr')).toHaveCount(12);
  await expect(provinces).toContainText('Milano (MI)');

  // Keyboard: a province takes the focus and shows its figures.
  const milano = map.locator('path[data-province="MI"]');
  await milano.focus();
  await expect(milano).toHaveAttribute('aria-label', /^Milano: indice di carenza/);
  await expect(page.locator('.leaflet-tooltip')).toContainText('Milano');

  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
  await expectAccessible(page, 'skills gap');

  // Filters: one province, then one sector with no vacancies of the demo in it (empty state).
  await page.getByLabel('Provincia', { exact: true }).selectOption('MI');
  await expect(page).toHaveURL(/province=MI/);
  await expect(page.getByTestId('skills-gap-table').locator('tbody tr').first()).toContainText('Milano');
  await page.getByLabel('Settore (sezione ATECO)').selectOption('B');
  await expect(page).toHaveURL(/section=B/);
  await expect(page.getByTestId('empty-state')).toContainText('Nessun dato per questi filtri');
  await expectAccessible(page, 'skills gap, empty state');
});
