/**
 * A step's form state: the draft (kept across refusals and re-renders, drafts.ts), the problems
 * the domain reported, and a submit that runs a use case. On a refusal nothing typed is lost and
 * focus moves to the first field in error (or the error summary), so keyboard and screen-reader
 * users land on what to fix.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { problemsOf, type Problem } from "../../../app/action-errors";
import { clearDraft, readDraft, writeDraft } from "../drafts";
import { FieldProblems } from "./problems";

export interface ActionForm<D> {
  readonly draft: D;
  readonly set: <K extends keyof D>(key: K, value: D[K]) => void;
  readonly update: (f: (d: D) => D) => void;
  readonly problems: FieldProblems;
  /** A failure that is not a refusal (the store could not be reached …), in plain English. */
  readonly failure: string | null;
  readonly busy: boolean;
  /** Runs the use case; resolves with its result, or undefined when it was refused or failed. */
  readonly run: <R>(
    action: () => Promise<R>,
    onRefused?: (problems: readonly Problem[]) => void,
  ) => Promise<R | undefined>;
  readonly formRef: React.RefObject<HTMLFormElement | null>;
  /** Sets problems found before calling the domain (the wizard's own checks). */
  readonly refuse: (problems: Problem[]) => void;
  readonly reset: () => void;
}

export function useActionForm<D>(key: string, initial: () => D, policyRef?: string): ActionForm<D> {
  const [draft, setDraft] = useState<D>(() => readDraft<D>(key) ?? initial());
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const initialRef = useRef(initial);
  initialRef.current = initial;

  const update = useCallback(
    (f: (d: D) => D) =>
      setDraft((d) => {
        const next = f(d);
        writeDraft(key, next);
        return next;
      }),
    [key],
  );
  const set = useCallback(<K extends keyof D>(k: K, v: D[K]) => update((d) => ({ ...d, [k]: v })), [update]);

  const refuse = useCallback((ps: Problem[]) => {
    setProblems(ps);
    setAttempt((n) => n + 1);
  }, []);

  const run = useCallback(
    async <R>(action: () => Promise<R>, onRefused?: (problems: readonly Problem[]) => void): Promise<R | undefined> => {
      setBusy(true);
      setFailure(null);
      try {
        const result = await action();
        setProblems([]);
        clearDraft(key);
        setDraft(initialRef.current());
        return result;
      } catch (e) {
        const ps = problemsOf(e);
        if (ps) {
          // In the same render as the problems (a wizard turns to the page with the field).
          onRefused?.(ps);
          refuse(ps);
        } else {
          setProblems([]);
          setFailure(
            `This could not be saved: ${e instanceof Error ? e.message : String(e)}. Nothing was recorded; try again.`,
          );
          setAttempt((n) => n + 1);
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [key, refuse],
  );

  const reset = useCallback(() => {
    clearDraft(key);
    setDraft(initialRef.current());
    setProblems([]);
    setFailure(null);
  }, [key]);

  // After a refusal, focus the first field in error, else the summary.
  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    if (!form) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>('[data-invalid="true"] input') ??
      form.querySelector<HTMLElement>("[data-error-summary]");
    target?.focus();
  }, [attempt]);

  return {
    draft,
    set,
    update,
    problems: new FieldProblems(problems, policyRef),
    failure,
    busy,
    run,
    formRef,
    refuse,
    reset,
  };
}
