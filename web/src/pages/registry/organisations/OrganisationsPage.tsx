import { Input, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { type Organisation, useLocalName, useOrganisations } from '../../../components/reference';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';

const sideColor: Record<Organisation['side'], string> = {
  command: 'gold',
  supporter: 'blue',
  recipient: 'green',
  contributor: 'purple',
};

/** Organisations as a tree (command HQ → commissions → hospitals → township centres → clinics), limited to scope. */
export default function OrganisationsPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const query = useOrganisations();
  const [search, setSearch] = useState('');

  const { tree, expanded, matches } = useMemo(() => {
    const items = query.data ?? [];
    const needle = search.trim().toLowerCase();
    const byParent = new Map<string | null, Organisation[]>();
    const ids = new Set(items.map((o) => o.id));
    for (const o of items) {
      const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
      byParent.set(parent, [...(byParent.get(parent) ?? []), o]);
    }
    const isMatch = (o: Organisation) =>
      !!needle && `${o.name} ${o.nameEn ?? ''}`.toLowerCase().includes(needle);
    const expandedKeys: string[] = [];
    let matchCount = 0;
    const build = (parent: string | null, depth: number): { nodes: TreeDataNode[]; hit: boolean } => {
      let anyHit = false;
      const nodes = (byParent.get(parent) ?? []).map((o) => {
        const children = build(o.id, depth + 1);
        const hit = isMatch(o);
        if (hit) matchCount++;
        if (children.hit || (!needle && depth < 1)) expandedKeys.push(o.id);
        anyHit ||= hit || children.hit;
        return {
          key: o.id,
          title: (
            <span>
              <Typography.Text mark={hit}>{local(o.name, o.nameEn)}</Typography.Text>{' '}
              <Tag color={sideColor[o.side]} style={{ marginInlineStart: 4 }}>
                {t(`enum.organisationType.${o.type}`)}
              </Tag>
              {o.regionName ? <Typography.Text type="secondary">{o.regionName}</Typography.Text> : null}
            </span>
          ),
          children: children.nodes.length ? children.nodes : undefined,
        };
      });
      return { nodes, hit: anyHit };
    };
    const built = build(null, 0);
    return { tree: built.nodes, expanded: expandedKeys, matches: matchCount };
  }, [query.data, search, local, t]);

  return (
    <>
      <PageHeader
        title={t('nav.organisations')}
        subtitle={t('organisations.subtitle', { count: query.data?.length ?? 0 })}
      />
      <div className="filters">
        <Input.Search
          allowClear
          placeholder={t('organisations.search')}
          aria-label={t('organisations.search')}
          onSearch={setSearch}
          onChange={(e) => !e.target.value && setSearch('')}
        />
      </div>
      {query.isLoading ? (
        <LoadingState />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : tree.length === 0 ? (
        <EmptyState description={t('organisations.empty')} />
      ) : (
        <section
          aria-label={t('nav.organisations')}
          style={{ background: '#fff', padding: 12, borderRadius: 8 }}
        >
          {search && (
            <Typography.Paragraph type="secondary">
              {t('organisations.matches', { count: matches })}
            </Typography.Paragraph>
          )}
          <Tree
            key={search}
            treeData={tree}
            defaultExpandedKeys={expanded}
            showLine
            blockNode
            selectable={false}
          />
        </section>
      )}
    </>
  );
}
