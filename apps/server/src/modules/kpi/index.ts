export { kpiRoutes } from './kpi.routes';
export { figure, type KpiSectionProvider } from './kpi.sections';
