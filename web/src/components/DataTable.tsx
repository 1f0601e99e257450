import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Grid, Table, type TableProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../app/api';
import { formatNumber } from '../i18n/format';
import type { ListState } from './list-state';
import { EmptyState, ErrorState } from './states';

type Props<T> = {
  /** API path of the list, e.g. `/people`. */
  path: string;
  state: ListState<string>;
  onChange: (patch: Record<string, string | number | undefined>) => void;
  /** Columns; a sortable column has `sorter: true` and its `key` is the server's sort field. */
  columns: ColumnsType<T>;
  rowKey: keyof T & string;
  /** Label of the table for assistive technology. */
  label: string;
  emptyText?: string;
  emptyAction?: React.ReactNode;
  onRow?: TableProps<T>['onRow'];
};

/** A list paged and sorted by the server; loading, empty and error states are part of it. */
export function DataTable<T extends object>(props: Props<T>) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { state } = props;
  const query = useQuery({
    queryKey: [props.path, state.page, state.pageSize, state.sort, state.order, state.filters],
    queryFn: ({ signal }) =>
      api<Page<T>>(props.path, {
        query: {
          page: state.page,
          pageSize: state.pageSize,
          sort: state.sort,
          order: state.order,
          ...state.filters,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });

  const columns = props.columns.map((c) =>
    c.sorter && c.key
      ? {
          ...c,
          sortOrder:
            state.sort === c.key
              ? state.order === 'asc'
                ? ('ascend' as const)
                : ('descend' as const)
              : null,
        }
      : c,
  );

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    const patch: Record<string, string | number | undefined> = {
      page: pagination.current,
      pageSize: pagination.pageSize,
    };
    if (s?.columnKey && s.order) {
      patch.sort = String(s.columnKey);
      patch.order = s.order === 'ascend' ? 'asc' : 'desc';
    } else if (s && !s.order) {
      patch.sort = undefined;
      patch.order = undefined;
    }
    props.onChange(patch);
  };

  return (
    <section aria-label={props.label}>
      {query.error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        </div>
      ) : null}
      <Table<T>
        size={screens.md ? 'middle' : 'small'}
        rowKey={props.rowKey}
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={{ spinning: query.isFetching, tip: t('state.loading') }}
        onChange={onChange}
        onRow={props.onRow}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: query.isLoading ? (
            <div style={{ height: 80 }} />
          ) : query.error ? (
            <EmptyState description={t('state.notLoaded')} />
          ) : (
            <EmptyState description={props.emptyText} action={props.emptyAction} />
          ),
        }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: !!screens.md,
          pageSizeOptions: [10, 20, 50, 100],
          simple: !screens.md,
          showTotal: (total) => t('table.total', { count: total, formatted: formatNumber(total) }),
        }}
      />
    </section>
  );
}
