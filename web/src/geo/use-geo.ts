import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { buildMapModel, type GeoCollection } from './model';

/** The programme's map (`GET /api/geo`) as a model ready to draw; cached for the session. */
export const useMapModel = () =>
  useQuery({
    queryKey: ['geo'],
    queryFn: async ({ signal }) => buildMapModel(await api<GeoCollection>('/geo', { signal })),
    staleTime: 10 * 60_000,
  });
