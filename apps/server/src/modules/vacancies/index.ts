// The vacancies module's public surface.
export { vacancyRoutes } from './vacancies.routes';
export { vacancies, vacancySkills, vacancyLanguages } from './vacancies.table';
