import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BranchesOutlined,
  CalendarOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FlagOutlined,
  FormOutlined,
  HeatMapOutlined,
  LineChartOutlined,
  MedicineBoxOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SolutionOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import type { Permission } from '../../../src/auth/permissions';

/** Sections of the navigation; later capabilities (needs, mentorships, …) add theirs here. */
export const navGroups = ['overview', 'needs', 'mentorship', 'registry'] as const;
export type NavGroup = (typeof navGroups)[number];

/**
 * One page of the app. Adding a page is: its component file under pages/<capability>/, one
 * entry here, and its i18n keys (`nav.<id>` for the menu, plus the page's own keys).
 */
export type PageEntry = {
  /** Stable id; `nav.<id>` is the menu label. */
  id: string;
  /** Route path under `/` (react-router syntax). */
  path: string;
  /** What the account must hold to see and reach the page; the server enforces it again. */
  permission: Permission | null;
  /** Shown in the menu when set (detail pages are reached from their list). */
  nav?: { group: NavGroup; icon: ReactNode };
  /** Loaded on demand so each capability (and ECharts) stays out of the login + shell bundle. */
  load: () => Promise<{ default: ComponentType }>;
};

export const pages: PageEntry[] = [
  {
    id: 'home',
    path: 'home',
    permission: 'dashboard:read',
    nav: { group: 'overview', icon: <DashboardOutlined /> },
    load: () => import('../pages/home/HomePage'),
  },
  {
    id: 'map',
    path: 'map',
    permission: 'facilities:read',
    nav: { group: 'overview', icon: <EnvironmentOutlined /> },
    load: () => import('../pages/map/MapPage'),
  },
  {
    id: 'witness',
    path: 'witness',
    permission: 'witness:attest',
    nav: { group: 'overview', icon: <AuditOutlined /> },
    load: () => import('../pages/witness/WitnessQueuePage'),
  },
  {
    id: 'witnessRequest',
    path: 'witness/:id',
    permission: 'witness:read',
    load: () => import('../pages/witness/WitnessPage'),
  },
  {
    id: 'agreements',
    path: 'agreements',
    permission: 'agreements:read',
    nav: { group: 'overview', icon: <FileProtectOutlined /> },
    load: () => import('../pages/agreements/AgreementsPage'),
  },
  {
    id: 'agreement',
    path: 'agreements/:id',
    permission: 'agreements:read',
    load: () => import('../pages/agreements/AgreementPage'),
  },
  {
    id: 'dependence',
    path: 'dependence',
    permission: 'dashboard:read',
    nav: { group: 'overview', icon: <BranchesOutlined /> },
    load: () => import('../pages/dependence/DependencePage'),
  },
  {
    id: 'needs',
    path: 'needs',
    permission: 'needs:read',
    nav: { group: 'needs', icon: <FormOutlined /> },
    load: () => import('../pages/needs/NeedsPage'),
  },
  {
    id: 'coverage',
    path: 'coverage',
    permission: 'coverage:read',
    nav: { group: 'needs', icon: <HeatMapOutlined /> },
    load: () => import('../pages/coverage/CoveragePage'),
  },
  {
    id: 'proposals',
    path: 'proposals',
    permission: 'matching:read',
    nav: { group: 'needs', icon: <ApiOutlined /> },
    load: () => import('../pages/matching/ProposalsPage'),
  },
  {
    id: 'proposalCompare',
    path: 'proposals/compare',
    permission: 'matching:read',
    load: () => import('../pages/matching/ComparePage'),
  },
  {
    id: 'proposal',
    path: 'proposals/:id',
    permission: 'matching:read',
    load: () => import('../pages/matching/ProposalPage'),
  },
  {
    id: 'microTeams',
    path: 'micro-teams',
    permission: 'matching:read',
    nav: { group: 'needs', icon: <UsergroupAddOutlined /> },
    load: () => import('../pages/matching/MicroTeamsPage'),
  },
  {
    id: 'mentorship',
    path: 'mentorship',
    permission: 'mentorship:read',
    nav: { group: 'mentorship', icon: <SolutionOutlined /> },
    load: () => import('../pages/mentorship/MentorshipPage'),
  },
  {
    id: 'mentorshipContract',
    path: 'mentorship/contracts/:id',
    permission: 'mentorship:read',
    load: () => import('../pages/mentorship/ContractPage'),
  },
  {
    id: 'mentorshipAssessments',
    path: 'mentorship/assessments',
    permission: 'assessments:confirm',
    nav: { group: 'mentorship', icon: <SafetyCertificateOutlined /> },
    load: () => import('../pages/mentorship/AssessmentQueuePage'),
  },
  {
    id: 'mentorshipApprentice',
    path: 'mentorship/apprentices/:id',
    permission: 'mentorship:read',
    load: () => import('../pages/mentorship/ApprenticePage'),
  },
  {
    id: 'mentorshipMentor',
    path: 'mentorship/mentors/:id',
    permission: 'mentorship:read',
    load: () => import('../pages/mentorship/MentorPage'),
  },
  {
    id: 'mentorshipIndicators',
    path: 'mentorship/indicators',
    permission: 'dashboard:read',
    nav: { group: 'mentorship', icon: <LineChartOutlined /> },
    load: () => import('../pages/mentorship/IndicatorsPage'),
  },
  {
    id: 'mentorshipServices',
    path: 'mentorship/services',
    permission: 'services:read',
    nav: { group: 'mentorship', icon: <ExperimentOutlined /> },
    load: () => import('../pages/mentorship/ServicesPage'),
  },
  {
    id: 'competencies',
    path: 'mentorship/competencies',
    permission: 'mentorship:read',
    nav: { group: 'mentorship', icon: <ReadOutlined /> },
    load: () => import('../pages/mentorship/CompetenciesPage'),
  },
  {
    id: 'programmes',
    path: 'programmes',
    permission: 'programmes:read',
    nav: { group: 'registry', icon: <FlagOutlined /> },
    load: () => import('../pages/registry/programmes/ProgrammesPage'),
  },
  {
    id: 'organisations',
    path: 'organisations',
    permission: 'organisations:read',
    nav: { group: 'registry', icon: <ApartmentOutlined /> },
    load: () => import('../pages/registry/organisations/OrganisationsPage'),
  },
  {
    id: 'facilities',
    path: 'facilities',
    permission: 'facilities:read',
    nav: { group: 'registry', icon: <MedicineBoxOutlined /> },
    load: () => import('../pages/registry/facilities/FacilitiesPage'),
  },
  {
    id: 'people',
    path: 'people',
    permission: 'people:read',
    nav: { group: 'registry', icon: <TeamOutlined /> },
    load: () => import('../pages/registry/people/PeoplePage'),
  },
  {
    id: 'batches',
    path: 'batches',
    permission: 'batches:read',
    nav: { group: 'registry', icon: <CalendarOutlined /> },
    load: () => import('../pages/registry/batches/BatchesPage'),
  },
  {
    id: 'deployments',
    path: 'deployments',
    permission: 'deployments:read',
    nav: { group: 'registry', icon: <SendOutlined /> },
    load: () => import('../pages/registry/deployments/DeploymentsPage'),
  },
  {
    id: 'deployment',
    path: 'deployments/:id',
    permission: 'deployments:read',
    load: () => import('../pages/registry/deployments/DeploymentPage'),
  },
];
