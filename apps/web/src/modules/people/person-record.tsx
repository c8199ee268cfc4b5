import { CONSENT_PURPOSES, type ConsentPurpose } from '@trama/contracts';
import { Badge, Button, Table } from 'design-react-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../../components/feedback';
import { formatDate, formatDateTime } from '../../i18n/format';
import { Detail, Done } from '../pathways/pathway-ui';
import { useChangeConsent, useConsents, useUpdatePerson, type Person } from './people.queries';
import { PersonForm } from './person-form';

/** The SAP record as read-only sections; only the sections the reader may see are in `person`. */
export function PersonRecordView({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const has = (s: string) => person.access.sections.includes(s as never);
  const lang = i18n.language;
  return (
    <>
      {has('identity') && (
        <section aria-labelledby="rec-identity" className="mb-4">
          <h3 id="rec-identity" className="h5">
            {t('people.form.identity')}
          </h3>
          <dl className="row">
            <Detail label={t('people.fields.fiscalCode')}>
              <span className="font-monospace">{person.fiscalCode}</span>
            </Detail>
            <Detail label={t('people.fields.birthDate')}>
              {person.birthDate && formatDate(person.birthDate, lang)}
            </Detail>
            <Detail label={t('people.fields.sex')}>{person.sex && t(`people.sex.${person.sex}`)}</Detail>
            <Detail label={t('people.fields.birthPlaceCode')}>{person.birthPlaceCode}</Detail>
            <Detail label={t('people.fields.citizenship')}>{person.citizenship}</Detail>
          </dl>
        </section>
      )}
      {(has('contacts') || has('residence')) && (
        <section aria-labelledby="rec-contacts" className="mb-4">
          <h3 id="rec-contacts" className="h5">
            {t('people.form.contacts')}
          </h3>
          <dl className="row">
            {has('contacts') && (
              <>
                <Detail label={t('people.fields.email')}>
                  {person.email && <a href={`mailto:${person.email}`}>{person.email}</a>}
                </Detail>
                <Detail label={t('people.fields.phone')}>{person.phone}</Detail>
              </>
            )}
            {has('residence') && (
              <Detail label={t('people.fields.residence')}>
                {[person.residenceAddress, person.residencePostalCode, person.residenceMunicipalityName]
                  .filter(Boolean)
                  .join(', ')}
              </Detail>
            )}
          </dl>
        </section>
      )}
      {(has('employment') || has('education') || has('priority_targets')) && (
        <section aria-labelledby="rec-employment" className="mb-4">
          <h3 id="rec-employment" className="h5">
            {t('people.form.employment')}
          </h3>
          <dl className="row">
            {has('employment') && (
              <>
                <Detail label={t('people.fields.employmentStatus')}>
                  {person.employmentStatus && t(`people.employmentStatus.${person.employmentStatus}`)}
                </Detail>
                <Detail label={t('people.fields.didDate')}>
                  {person.didDate &&
                    `${formatDate(person.didDate, lang)}${person.didSource ? ` · ${t(`people.didSource.${person.didSource}`)}` : ''}`}
                </Detail>
              </>
            )}
            {has('education') && (
              <Detail label={t('people.fields.educationLevel')}>
                {person.educationLevel ? t(`people.eqf.${person.educationLevel}`) : null}
              </Detail>
            )}
            {has('priority_targets') && (
              <Detail label={t('people.fields.priorityTargets')} wide>
                {person.priorityTargets?.length
                  ? person.priorityTargets.map((p) => t(`people.priorityTarget.${p}`)).join(', ')
                  : t('people.record.none')}
              </Detail>
            )}
          </dl>
        </section>
      )}
      {(has('availability') || has('languages')) && (
        <section aria-labelledby="rec-availability" className="mb-4">
          <h3 id="rec-availability" className="h5">
            {t('people.form.availability')}
          </h3>
          <dl className="row">
            {has('availability') && (
              <>
                <Detail label={t('people.fields.hoursPerWeek')}>{person.hoursPerWeek}</Detail>
                <Detail label={t('people.fields.mobilityRadiusKm')}>{person.mobilityRadiusKm}</Detail>
                <Detail label={t('people.fields.drivingLicences')}>
                  {person.drivingLicences?.join(', ')}
                </Detail>
              </>
            )}
            {has('languages') && (
              <Detail label={t('people.fields.languages')} wide>
                {person.languages?.length
                  ? person.languages
                      .map((l) => `${l.language.toUpperCase()} ${t(`people.cefr.${l.level}`)}`)
                      .join(', ')
                  : t('people.record.none')}
              </Detail>
            )}
          </dl>
        </section>
      )}
      {has('work_history') && (
        <section aria-labelledby="rec-work" className="mb-4">
          <h3 id="rec-work" className="h5">
            {t('people.fields.workHistory')}
          </h3>
          {person.workHistory?.length ? (
            <Table responsive size="sm">
              <caption className="visually-hidden">{t('people.fields.workHistory')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('people.record.employer')}</th>
                  <th scope="col">{t('people.record.jobTitle')}</th>
                  <th scope="col">{t('people.record.period')}</th>
                </tr>
              </thead>
              <tbody>
                {person.workHistory.map((w) => (
                  <tr key={w.id}>
                    <th scope="row" className="fw-normal">
                      {w.employerName}
                    </th>
                    <td>{w.occupationLabel ?? w.jobTitle ?? '—'}</td>
                    <td>
                      {formatDate(w.fromDate, lang)} –{' '}
                      {w.toDate ? formatDate(w.toDate, lang) : t('people.record.ongoing')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <p>{t('people.record.none')}</p>
          )}
        </section>
      )}
      {has('skills') && (
        <section aria-labelledby="rec-skills" className="mb-4">
          <h3 id="rec-skills" className="h5">
            {t('people.fields.skills')}
          </h3>
          {person.skills?.length ? (
            <ul>
              {person.skills.map((s) => (
                <li key={s.skillId}>
                  {s.label ?? s.skillId}{' '}
                  <Badge color={s.source === 'verified' ? 'success' : 'secondary'}>
                    {t(`people.skillSource.${s.source}`)}
                  </Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('people.record.none')}</p>
          )}
        </section>
      )}
    </>
  );
}

/** Current consent per purpose with give / withdraw, and the whole history. */
export function ConsentsPanel({
  personId,
  canChange,
  headingLevel = 3,
}: {
  personId: string;
  canChange: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const consents = useConsents(personId);
  const change = useChangeConsent(personId);
  const [done, setDone] = useState<string | null>(null);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const H2 = headingLevel === 2 ? 'h3' : 'h4';

  function toggle(purpose: ConsentPurpose, given: boolean) {
    setDone(null);
    change.mutate(
      { purpose, given },
      {
        onSuccess: () =>
          setDone(
            t(given ? 'people.consents.givenDone' : 'people.consents.withdrawnDone', {
              purpose: t(`people.consentPurpose.${purpose}`),
            }),
          ),
      },
    );
  }

  return (
    <section aria-labelledby="consents-title" className="mb-4" data-testid="consents">
      <H id="consents-title" className="h4">
        {t('people.consents.title')}
      </H>
      <p>{t('people.consents.intro')}</p>
      {consents.isPending && <Loading />}
      <ErrorAlert error={consents.error ?? change.error} />
      <Done message={done} testId="consent-done" />
      {consents.data && (
        <>
          <Table responsive>
            <caption className="caption-top">{t('people.consents.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.consents.purpose')}</th>
                <th scope="col">{t('people.consents.state')}</th>
                {canChange && <th scope="col">{t('people.consents.action')}</th>}
              </tr>
            </thead>
            <tbody>
              {CONSENT_PURPOSES.map((purpose) => {
                const c = consents.data.current.find((x) => x.purpose === purpose);
                const given = Boolean(c?.given);
                const name = t(`people.consentPurpose.${purpose}`);
                return (
                  <tr key={purpose}>
                    <th scope="row" className="fw-normal">
                      {name}
                    </th>
                    <td>
                      {given ? (
                        <>
                          <Badge color="success">{t('people.consents.given')}</Badge>{' '}
                          {c?.givenAt && (
                            <span className="small">{formatDate(c.givenAt, i18n.language)}</span>
                          )}
                        </>
                      ) : (
                        <Badge color="secondary">{t('people.consents.notGiven')}</Badge>
                      )}
                    </td>
                    {canChange && (
                      <td>
                        <Button
                          size="sm"
                          color={given ? 'secondary' : 'primary'}
                          outline={given}
                          disabled={change.isPending}
                          onClick={() => toggle(purpose, !given)}
                          aria-label={t(given ? 'people.consents.withdrawFor' : 'people.consents.giveFor', {
                            purpose: name,
                          })}
                        >
                          {t(given ? 'people.consents.withdraw' : 'people.consents.give')}
                        </Button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </Table>
          {consents.data.history.length > 0 && (
            <details className="mb-3">
              <summary>
                <H2 className="h6 d-inline">{t('people.consents.history')}</H2>
              </summary>
              <Table responsive size="sm">
                <caption className="visually-hidden">{t('people.consents.history')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('people.consents.purpose')}</th>
                    <th scope="col">{t('people.consents.givenAt')}</th>
                    <th scope="col">{t('people.consents.withdrawnAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {consents.data.history.map((h) => (
                    <tr key={h.id}>
                      <th scope="row" className="fw-normal">
                        {t(`people.consentPurpose.${h.purpose}`)}
                      </th>
                      <td>{formatDateTime(h.givenAt, i18n.language)}</td>
                      <td>{h.withdrawnAt ? formatDateTime(h.withdrawnAt, i18n.language) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** The record tab: the SAP sections, editing (full access only), consents. */
export function PersonRecordTab({ person, canEdit }: { person: Person; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const update = useUpdatePerson(person.id);
  const full = person.access.kind === 'full';
  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h2 className="h3">{t('people.tabs.record')}</h2>
        {canEdit && full && !editing && (
          <Button
            color="primary"
            outline
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            {t('people.record.edit')}
          </Button>
        )}
      </div>
      {person.access.kind === 'sections' && (
        <div className="alert alert-info" role="note">
          {t('people.record.sectionsOnly', {
            sections: person.access.sections.map((s) => t(`people.sections.${s}`)).join(', '),
          })}
        </div>
      )}
      <Done message={saved} testId="record-saved" />
      {editing ? (
        <PersonForm
          mode="edit"
          person={person}
          pending={update.isPending}
          error={update.error}
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            await update.mutateAsync(input);
            setEditing(false);
            setSaved(t('people.record.saved'));
          }}
        />
      ) : (
        <PersonRecordView person={person} />
      )}
      {person.consents && <ConsentsPanel personId={person.id} canChange={canEdit && full} />}
    </>
  );
}
