import { useEffect, useRef } from 'react';
import { type EChartsOption, echarts } from './echarts';

type Handler = (params: Record<string, unknown>) => void;

type Props = {
  option: EChartsOption;
  height: number | string;
  /** What the chart shows, for screen readers (the chart itself is a canvas). */
  label: string;
  onEvents?: Record<string, Handler>;
  /** Receives the instance (to dispatch actions such as zooming to a place). */
  onReady?: (chart: echarts.ECharts) => void;
  testId?: string;
};

/** One ECharts canvas that follows its container's size and the given option. */
export function EChart({ option, height, label, onEvents, onReady, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    if (chart.current) onReady?.(chart.current);
  }, [option, onReady]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onEvents) return;
    for (const [name, handler] of Object.entries(onEvents)) instance.on(name, handler as never);
    return () => {
      for (const name of Object.keys(onEvents)) instance.off(name);
    };
  }, [onEvents]);

  return (
    <div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />
  );
}
