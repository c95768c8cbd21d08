/**
 * A step's form state: the draft (kept across refusals and re-renders, drafts.ts), the problems
 * the domain reported, and a submit that runs a use case. On a refusal nothing typed is lost and
 * focus moves to the first field in error (or the error summary), so keyboard and screen-reader
 * users land on what to fix.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { problemsOf, type Problem } from "../../../app/action-errors";
import { clearDraft, readDraft, writeDraft } from "../drafts";
import { fieldMatches, FieldProblems } from "./problems";

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
  /**
   * Sets problems found before calling the domain (the wizard's checks as staff leave a page).
   * Focus goes to the first field in error, or with `focus: "summary"` to the error summary.
   */
  readonly refuse: (problems: Problem[], focus?: "field" | "summary") => void;
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
  // Changing a field takes away the problems about it, so an error that no longer applies ("Choose
  // or add at least one" once a restriction is added) does not stay on screen; a new attempt checks again.
  const set = useCallback(
    <K extends keyof D>(k: K, v: D[K]) => {
      update((d) => ({ ...d, [k]: v }));
      setProblems((ps) => {
        const left = ps.filter((p) => !fieldMatches(p.field, `data.${String(k)}`));
        return left.length === ps.length ? ps : left;
      });
    },
    [update],
  );

  const focusOn = useRef<"field" | "summary">("field");
  const refuse = useCallback((ps: Problem[], focus: "field" | "summary" = "field") => {
    focusOn.current = focus;
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

  // After a refusal, focus the first field in error, else the summary (or the summary first, when asked).
  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    if (!form) return;
    const summary = form.querySelector<HTMLElement>("[data-error-summary]");
    const target =
      (focusOn.current === "summary" ? summary : null) ??
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>('[data-invalid="true"] input') ??
      summary;
    focusOn.current = "field";
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
