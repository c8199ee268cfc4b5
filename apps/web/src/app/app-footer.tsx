import { useTranslation } from 'react-i18next';

const ESCO_NOTICE = 'This service uses the ESCO classification of the European Commission.';
const EUPL_URL = 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12';

/** Data attributions required by the sources' licences (ESCO, Istat, openpolis) and the software licence. */
export function AppFooter() {
  const { t, i18n } = useTranslation();
  return (
    <footer className="it-footer">
      <div className="it-footer-main">
        <div className="container-xxl">
          <div className="row">
            <div className="col-12 col-lg-4 py-4">
              <p className="h4 text-white mb-1">Trama</p>
              <p className="mb-0">{t('footer.about')}</p>
            </div>
            <div className="col-12 col-lg-8 py-4">
              <h2 className="h5 text-white">{t('footer.sources')}</h2>
              <ul className="list-unstyled mb-0 trama-attributions">
                <li>
                  {/* ESCO's terms ask for this exact English sentence. */}
                  <span lang="en" data-testid="esco-attribution">
                    {ESCO_NOTICE}
                  </span>
                  {i18n.language !== 'en' && <span className="d-block">{t('footer.escoTranslation')}</span>}
                </li>
                <li>{t('footer.istat')}</li>
                <li>{t('footer.openpolis')}</li>
              </ul>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container-xxl">
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            <li className="list-inline-item">
              <a href={EUPL_URL} rel="license noopener noreferrer">
                {t('footer.licence')}
              </a>
            </li>
            <li className="list-inline-item">
              <a href="/api/docs">{t('footer.apiDocs')}</a>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
