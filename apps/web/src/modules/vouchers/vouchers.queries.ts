import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Delivery,
  DeliveryInput,
  DeliveryPage,
  DeliveryValidation,
  PlanLineUpsert,
  Voucher,
  VoucherInput,
} from '@trama/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';
import { refreshPathway } from '../pathways/pathways.queries';

export type { Delivery, Voucher, VoucherLedger } from '@trama/contracts';
export type PlanLineData = Voucher['plan'][number];

export const voucherKeys = {
  detail: (id: string) => ['vouchers', 'detail', id] as const,
  deliveries: (id: string) => ['vouchers', 'deliveries', id] as const,
};

export function useVoucher(id: string | null | undefined) {
  return useQuery({
    queryKey: voucherKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Voucher>(`/vouchers/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useDeliveries(voucherId: string | null | undefined) {
  return useInfiniteQuery({
    queryKey: voucherKeys.deliveries(voucherId ?? ''),
    queryFn: ({ pageParam, signal }) =>
      api.get<z.infer<typeof DeliveryPage>>(
        `/vouchers/${voucherId}/deliveries`,
        { limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(voucherId),
  });
}

export function useIssueVoucher(pathwayId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.output<typeof VoucherInput>) => api.post<Voucher>('/vouchers', input),
    onSuccess: (v) => {
      qc.setQueryData(voucherKeys.detail(v.id), v);
      refreshPathway(qc, pathwayId);
    },
  });
}

/** Every change to a voucher: its ledger, its deliveries, the pathway's timeline and the numbers. */
function useVoucherRefresh(voucherId: string, pathwayId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: voucherKeys.detail(voucherId) });
    void qc.invalidateQueries({ queryKey: voucherKeys.deliveries(voucherId) });
    refreshPathway(qc, pathwayId);
  };
}

export function useUpsertPlanLine(voucherId: string, pathwayId: string) {
  const qc = useQueryClient();
  const refresh = useVoucherRefresh(voucherId, pathwayId);
  return useMutation({
    mutationFn: (input: z.output<typeof PlanLineUpsert>) =>
      api.put<Voucher>(`/vouchers/${voucherId}/plan`, input),
    onSuccess: (v) => {
      qc.setQueryData(voucherKeys.detail(voucherId), v);
      refresh();
    },
  });
}

export function useRecordDelivery(voucherId: string, pathwayId: string) {
  const refresh = useVoucherRefresh(voucherId, pathwayId);
  return useMutation({
    mutationFn: (input: z.output<typeof DeliveryInput>) =>
      api.post<Delivery>(`/vouchers/${voucherId}/deliveries`, input),
    onSuccess: refresh,
  });
}

export function useValidateDelivery(voucherId: string, pathwayId: string) {
  const refresh = useVoucherRefresh(voucherId, pathwayId);
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api.post<z.infer<typeof DeliveryValidation>>(
        `/vouchers/${voucherId}/deliveries/${deliveryId}/validate`,
      ),
    onSettled: refresh,
  });
}

export function useRejectDelivery(voucherId: string, pathwayId: string) {
  const refresh = useVoucherRefresh(voucherId, pathwayId);
  return useMutation({
    mutationFn: ({ deliveryId, reason }: { deliveryId: string; reason: string }) =>
      api.post<Delivery>(`/vouchers/${voucherId}/deliveries/${deliveryId}/reject`, { reason }),
    onSuccess: refresh,
  });
}
