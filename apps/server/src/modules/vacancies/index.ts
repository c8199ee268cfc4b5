// The vacancies module's public surface.
export { vacancyRoutes } from './vacancies.routes';
export { vacancies, vacancySkills, vacancyLanguages } from './vacancies.table';
export { loadReadable as loadReadableVacancy } from './vacancies.usecases';
export { canMatchForVacancy } from './vacancies.policies';
