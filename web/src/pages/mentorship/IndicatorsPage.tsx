import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Grid, Row, Segmented, Select, Statistic, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, apiUrl, type Page } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import {
  type Facility,
  useAllBatches,
  useLocalName,
  useRegions,
  useSpecialties,
} from '../../components/reference';
import { ErrorState, LoadingState } from '../../components/states';
import { formatNumber } from '../../i18n/format';
import { EChart, type EChartsOption } from './charts';
import type { Indicators } from './types';

const filterNames = ['batchId', 'countyId', 'facilityId', 'specialtyCode'] as const;
const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${formatNumber(v * 100, 1)}%`;
const pctAxis = {
  type: 'value' as const,
  max: 1,
  axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
};

/** 人才指标: what stays when the batches go home — levels, goals on time, months to independence, local share, continuity. */
export default function IndicatorsPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(filterNames.map((f) => [f, params.get(f) ?? undefined])) as Record<
    (typeof filterNames)[number],
    string | undefined
  >;
  const period = params.get('period') === 'month' ? 'month' : 'quarter';
  const set = (key: string, value?: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const batches = useAllBatches();
  const regions = useRegions();
  const specialties = useSpecialties();
  const facilities = useQuery({
    queryKey: ['/facilities', 'for-indicators'],
    queryFn: () => api<Page<Facility>>('/facilities', { query: { pageSize: 200, sort: 'name' } }),
  });
  const q = useQuery({
    queryKey: ['/mentorship/indicators', filters, period],
    queryFn: () => api<Indicators>('/mentorship/indicators', { query: { ...filters, period } }),
  });
  const d = q.data;
  const exportHref = (name: keyof Indicators) =>
    apiUrl(`/mentorship/indicators/${name}/export.xlsx`, { ...filters, period });
  const chartHeight = screens.md ? 300 : 260;

  const levelOption = useMemo<EChartsOption>(() => {
    const sums = new Map<string, number>();
    for (const r of d?.apprenticesAtLevel ?? [])
      sums.set(r.competencyName, (sums.get(r.competencyName) ?? 0) + r.apprentices);
    const rows = [...sums].sort((a, b) => a[1] - b[1]);
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r[0]),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: [
        {
          name: t('mentorship.ind.apprentices'),
          type: 'bar',
          data: rows.map((r) => r[1]),
          itemStyle: { color: '#389e0d' },
        },
      ],
    };
  }, [d, t]);
  const goalsTotal = d?.goalsMetOnTime.find((r) => r.batchId === null);
  const goalsOption = useMemo<EChartsOption>(() => {
    const rows = (d?.goalsMetOnTime ?? []).filter((r) => r.batchId !== null);
    return {
      aria: { enabled: true },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const r = rows[ps[0]?.dataIndex ?? 0];
          return r
            ? `${r.batchName}<br/>${t('mentorship.ind.goalsOf', { met: r.metOnTime, due: r.goalsDue })}`
            : '';
        },
      },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.batchName ?? '—'),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 40 : 0 },
      },
      yAxis: pctAxis,
      series: [{ type: 'bar', data: rows.map((r) => r.share), itemStyle: { color: '#1677ff' } }],
    };
  }, [d, t]);
  const monthsTotal = d?.medianMonthsToLevel4.find((r) => r.competencyId === null);
  const monthsOption = useMemo<EChartsOption>(() => {
    const rows = (d?.medianMonthsToLevel4 ?? [])
      .filter((r) => r.competencyId !== null && r.medianMonths !== null)
      .sort((a, b) => (a.medianMonths ?? 0) - (b.medianMonths ?? 0));
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}` } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.competencyName ?? '—'),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: [
        {
          name: t('mentorship.ind.medianMonths'),
          type: 'bar',
          data: rows.map((r) => r.medianMonths),
          itemStyle: { color: '#722ed1' },
        },
      ],
    };
  }, [d, t]);
  const shareOption = useMemo<EChartsOption>(() => {
    const rows = d?.localServiceShare ?? [];
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    const volume = new Map<string, number>();
    for (const r of rows) volume.set(r.service, (volume.get(r.service) ?? 0) + r.localCount + r.aidCount);
    const services = [...volume]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map((s) => s[0]);
    const totals = periods.map((p) => {
      const of = rows.filter((r) => r.period === p);
      const l = of.reduce((s, r) => s + r.localCount, 0);
      const a = of.reduce((s, r) => s + r.aidCount, 0);
      return l + a ? l / (l + a) : null;
    });
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => pct(v) },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: periods },
      yAxis: pctAxis,
      series: [
        {
          name: t('mentorship.ind.allServices'),
          type: 'line',
          data: totals,
          lineStyle: { width: 4 },
          itemStyle: { color: '#cf1322' },
          symbol: 'none',
        },
        ...services.map((s) => ({
          name: s,
          type: 'line',
          symbol: 'none',
          connectNulls: true,
          data: periods.map((p) => rows.find((r) => r.service === s && r.period === p)?.localShare ?? null),
        })),
      ],
    };
  }, [d, t]);
  const remoteOption = useMemo<EChartsOption>(() => {
    const rows = d?.remoteConsultsAfterDeparture ?? [];
    const quarters = [...new Set(rows.map((r) => r.quarter))].sort();
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: quarters },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', splitLine: { show: false } },
      ],
      series: [
        {
          name: t('mentorship.ind.pairs'),
          type: 'bar',
          itemStyle: { color: '#13c2c2' },
          data: quarters.map((q) => rows.filter((r) => r.quarter === q).length),
        },
        {
          name: t('mentorship.ind.perPair'),
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: '#fa8c16' },
          data: quarters.map((q) => {
            const of = rows.filter((r) => r.quarter === q);
            return of.length
              ? Math.round((of.reduce((s, r) => s + r.consults, 0) / of.length) * 100) / 100
              : null;
          }),
        },
      ],
    };
  }, [d, t]);

  const card = (name: keyof Indicators, title: string, hint: string, body: ReactNode, stat?: ReactNode) => (
    <Card
      size="small"
      title={title}
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={exportHref(name)}
          aria-label={t('mentorship.ind.exportOf', { name: title })}
        >
          {screens.sm ? t('action.export') : null}
        </Button>
      }
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {hint}
      </Typography.Paragraph>
      {stat}
      {body}
    </Card>
  );

  return (
    <>
      <PageHeader title={t('nav.mentorshipIndicators')} subtitle={t('mentorship.ind.subtitle')} />
      <search className="filters">
        <Select
          allowClear
          value={filters.batchId}
          placeholder={t('mentorship.ind.allBatches')}
          aria-label={t('mentorship.batch')}
          onChange={(v?: string) => set('batchId', v)}
          options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <Select
          allowClear
          value={filters.countyId}
          placeholder={t('mentorship.ind.allCounties')}
          aria-label={t('mentorship.ind.county')}
          onChange={(v?: string) => set('countyId', v)}
          options={(regions.data ?? [])
            .filter((r) => r.level === 'county')
            .map((r) => ({ value: r.id, label: local(r.name, r.nameEn) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.facilityId}
          placeholder={t('mentorship.ind.allFacilities')}
          aria-label={t('mentorship.ind.facility')}
          onChange={(v?: string) => set('facilityId', v)}
          options={(facilities.data?.items ?? [])
            .filter(
              (f) =>
                f.level !== 'supporter_hospital' && (!filters.countyId || f.countyId === filters.countyId),
            )
            .map((f) => ({ value: f.id, label: local(f.name, f.nameEn) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.specialtyCode}
          placeholder={t('mentorship.ind.allSpecialties')}
          aria-label={t('mentorship.ind.specialty')}
          onChange={(v?: string) => set('specialtyCode', v)}
          options={(specialties.data ?? []).map((s) => ({ value: s.code, label: local(s.nameZh, s.nameEn) }))}
        />
        <Segmented
          value={period}
          onChange={(v) => set('period', v === 'month' ? 'month' : undefined)}
          options={[
            { value: 'quarter', label: t('mentorship.ind.byQuarter') },
            { value: 'month', label: t('mentorship.ind.byMonth') },
          ]}
        />
      </search>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!d ? (
        q.isLoading ? (
          <LoadingState />
        ) : null
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            {card(
              'localServiceShare',
              t('mentorship.ind.localShare'),
              t('mentorship.ind.localShareHint'),
              <EChart
                option={shareOption}
                height={screens.md ? 340 : 300}
                label={t('mentorship.ind.localShare')}
                testId="chart-local-share"
              />,
            )}
          </Col>
          <Col xs={24} lg={12}>
            {card(
              'apprenticesAtLevel',
              t('mentorship.ind.atLevel'),
              t('mentorship.ind.atLevelHint'),
              <EChart
                option={levelOption}
                height={Math.max(
                  chartHeight,
                  24 * new Set(d.apprenticesAtLevel.map((r) => r.competencyName)).size,
                )}
                label={t('mentorship.ind.atLevel')}
              />,
              <Statistic
                title={t('mentorship.ind.totalAtLevel')}
                value={d.apprenticesAtLevel.reduce((s, r) => s + r.apprentices, 0)}
              />,
            )}
          </Col>
          <Col xs={24} lg={12}>
            {card(
              'goalsMetOnTime',
              t('mentorship.ind.goals'),
              t('mentorship.ind.goalsHint'),
              <EChart option={goalsOption} height={chartHeight} label={t('mentorship.ind.goals')} />,
              <Statistic
                title={t('mentorship.ind.goalsTotal', {
                  met: goalsTotal?.metOnTime ?? 0,
                  due: goalsTotal?.goalsDue ?? 0,
                })}
                value={pct(goalsTotal?.share)}
              />,
            )}
          </Col>
          <Col xs={24} lg={12}>
            {card(
              'medianMonthsToLevel4',
              t('mentorship.ind.months'),
              t('mentorship.ind.monthsHint'),
              <EChart
                option={monthsOption}
                height={Math.max(chartHeight, 24 * d.medianMonthsToLevel4.length)}
                label={t('mentorship.ind.months')}
              />,
              <Statistic
                title={t('mentorship.ind.monthsTotal', { count: monthsTotal?.apprentices ?? 0 })}
                value={formatNumber(monthsTotal?.medianMonths ?? null, 1)}
                suffix={t('mentorship.ind.monthUnit')}
              />,
            )}
          </Col>
          <Col xs={24} lg={12}>
            {card(
              'remoteConsultsAfterDeparture',
              t('mentorship.ind.remote'),
              t('mentorship.ind.remoteHint'),
              <EChart option={remoteOption} height={chartHeight} label={t('mentorship.ind.remote')} />,
            )}
          </Col>
        </Row>
      )}
    </>
  );
}
