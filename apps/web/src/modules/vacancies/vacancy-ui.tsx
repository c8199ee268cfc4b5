import type { VacancyStatus } from '@trama/contracts';
import { Badge } from 'design-react-kit';
import { useTranslation } from 'react-i18next';

const COLORS: Record<VacancyStatus, string> = {
  draft: 'secondary',
  open: 'success',
  filled: 'primary',
  closed: 'secondary',
};

export function VacancyStatusBadge({ status }: { status: VacancyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} testId="vacancy-status">
      {t(`vacancies.statuses.${status}`)}
    </Badge>
  );
}
