/**
 * What every step needs: the ActionContext for the use cases (record, clock, ids and the member
 * of staff recording), and the person the panel is about.
 */
import { createContext, useContext, useMemo } from "react";
import type { ActionContext } from "../../app/actions";
import type { MailMessage } from "../../app/mail-host";
import type { PersonState } from "../../domain";
import { useRecord, useServices } from "../services";

export interface PanelInfo {
  /** Who records: the signed-in user's address, or what they typed when the host does not know it. */
  readonly staff: string;
  readonly staffName: string;
  readonly message: MailMessage | null;
}

export const PanelContext = createContext<PanelInfo>({ staff: "", staffName: "", message: null });

export function usePanel(): PanelInfo {
  return useContext(PanelContext);
}

export function useActionContext(): ActionContext {
  const { record, clock, ids } = useServices();
  const { staff } = usePanel();
  return useMemo(() => ({ record, clock, ids, by: staff.trim() }), [record, clock, ids, staff]);
}

/** The person's fold now, re-read on every change to the record. */
export function usePerson(personId: string): PersonState {
  const { index } = useRecord();
  return index.person(personId);
}
