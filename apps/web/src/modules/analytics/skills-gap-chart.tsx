import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkillsGapCell } from './skills-gap.queries';

// Only what this chart uses (the bundle stays lean): bars, a line, grid, tooltip, legend, ARIA, SVG.
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
]);

type Option = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

/** Short label of a cell for the axis: "MI · label" (the full label is in the tooltip and the table). */
export const cellLabel = (c: SkillsGapCell) => `${c.provinceAbbreviation} · ${c.groupLabel ?? c.groupKey}`;

/**
 * Supply against demand of the top cells, with the shortage index on a second axis. Suppressed supply is
 * drawn as no bar. The same figures are in the table below (the chart is not the only way to get them).
 */
export default function SkillsGapChart({ cells }: { cells: SkillsGapCell[] }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    const shown = cells.slice(0, 15).reverse();
    const option: Option = {
      aria: { enabled: true, decal: { show: true }, label: { description: t('analytics.chartAria') } },
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 72, bottom: 36, containLabel: true },
      xAxis: [
        { type: 'value', name: t('analytics.people'), nameLocation: 'middle', nameGap: 24 },
        {
          type: 'value',
          name: t('analytics.shortageIndex'),
          nameLocation: 'middle',
          nameGap: 24,
          position: 'top',
          splitLine: { show: false },
        },
      ],
      yAxis: {
        type: 'category',
        data: shown.map(cellLabel),
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('analytics.supply'),
          data: shown.map((c) => c.supply),
          itemStyle: { color: '#0066cc' },
        },
        {
          type: 'bar',
          name: t('analytics.demand'),
          data: shown.map((c) => c.demand),
          itemStyle: { color: '#cc334d' },
        },
        {
          type: 'line',
          name: t('analytics.shortageIndex'),
          xAxisIndex: 1,
          data: shown.map((c) => c.shortageIndex),
          itemStyle: { color: '#1a1a1a' },
          symbolSize: 8,
        },
      ],
    };
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [cells, t, i18n.language]);
  return (
    <div
      ref={ref}
      data-testid="skills-gap-chart"
      style={{ width: '100%', height: Math.max(260, Math.min(cells.length, 15) * 34 + 130) }}
    />
  );
}
