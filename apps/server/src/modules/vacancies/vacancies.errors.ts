import { conflict, forbidden, invalid, notFound, notVisible } from '../../platform/errors';

export const vacancyNotFound = () => notFound('vacancies');
export const vacancyNotVisible = () => notVisible('vacancies');
export const cannotManage = () => forbidden("Only the company's staff manage its vacancies");
export const staleVacancy = () =>
  conflict('vacancies.version_conflict', 'Someone else changed this vacancy: reload and try again');
export const statusMove = (from: string, to: string) =>
  conflict('vacancies.invalid_status', `A vacancy cannot go from ${from} to ${to}`);
export const notACompany = () =>
  invalid('vacancies.not_a_company', 'Vacancies are published by companies', [
    { field: 'body.organizationId', code: 'not_a_company', message: 'Choose a company' },
  ]);
export const occupationUnknown = () =>
  invalid('vacancies.occupation_unknown', 'Unknown ESCO occupation', [
    { field: 'body.occupationId', code: 'not_found', message: 'Choose an ESCO occupation' },
  ]);
export const skillsUnknown = (ids: number[]) =>
  invalid('vacancies.skills_unknown', `Unknown ESCO skills: ${ids.slice(0, 10).join(', ')}`, [
    { field: 'body.essentialSkillIds', code: 'not_found', message: 'Choose ESCO skills' },
  ]);
export const skillsOverlap = () =>
  invalid('vacancies.skills_overlap', 'A skill is either essential or optional, not both', [
    { field: 'body.optionalSkillIds', code: 'duplicate', message: 'Remove the skills already essential' },
  ]);
export const datesInvalid = () =>
  invalid('vacancies.dates_invalid', 'The closing date comes before the start date', [
    { field: 'body.closingDate', code: 'before_start', message: 'Choose a date after the start' },
  ]);
