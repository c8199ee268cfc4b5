import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { SHORTAGE_COLOURS, shortageClass } from './skills-gap-legend';
import type { ProvinceGeo, SkillsGap } from './skills-gap.queries';

type Province = SkillsGap['provinces'][number];

/**
 * A choropleth of the provinces by shortage index: only the GeoJSON layer (no tile server, no external
 * request), drawn in SVG. Each province is keyboard-focusable and shows its figures in a tooltip; the same
 * figures are in the table that follows the map.
 */
export default function SkillsGapMap({ geo, provinces }: { geo: ProvinceGeo; provinces: Province[] }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const byCode = new Map(provinces.map((p) => [p.provinceAbbreviation, p]));
    const map = L.map(ref.current, {
      attributionControl: false, // the attribution is printed under the map
      zoomControl: false,
      keyboard: false,
      dragging: false,
      scrollWheelZoom: false,
      doubleClickZoom: false,
      boxZoom: false,
      touchZoom: false,
      zoomSnap: 0.1,
      renderer: L.svg(),
    });
    const describe = (name: string, p: Province | undefined) =>
      p
        ? t('analytics.mapProvince', {
            name,
            index: `${p.shortageIsLowerBound ? '≥ ' : ''}${formatNumber(p.shortageIndex, i18n.language)}`,
            demand: formatNumber(p.demand, i18n.language),
            supply: p.supply === null ? t('analytics.suppressed') : formatNumber(p.supply, i18n.language),
          })
        : name;
    const layer = L.geoJSON(geo as unknown as GeoJSON.GeoJsonObject, {
      style: (f) => {
        const p = byCode.get(f?.properties?.prov_acr as string);
        return {
          color: '#4d4d4d',
          weight: 1,
          fillOpacity: 0.9,
          fillColor: p ? SHORTAGE_COLOURS[shortageClass(p.shortageIndex)] : '#f2f2f2',
        };
      },
      onEachFeature: (f, l) => {
        const props = f.properties as { prov_name: string; prov_acr: string };
        const text = describe(props.prov_name, byCode.get(props.prov_acr));
        l.bindTooltip(text, { sticky: false });
        l.on('add', () => {
          const el = (l as L.Path).getElement();
          if (!el) return;
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'img');
          el.setAttribute('aria-label', text);
          el.setAttribute('data-province', props.prov_acr);
          el.addEventListener('focus', () => {
            (l as L.Path).setStyle({ weight: 4, color: '#000' });
            l.openTooltip();
          });
          el.addEventListener('blur', () => {
            (l as L.Path).setStyle({ weight: 1, color: '#4d4d4d' });
            l.closeTooltip();
          });
        });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    return () => {
      map.remove();
    };
  }, [geo, provinces, t, i18n.language]);
  return <div ref={ref} className="trama-choropleth" data-testid="skills-gap-map" style={{ height: 420 }} />;
}
