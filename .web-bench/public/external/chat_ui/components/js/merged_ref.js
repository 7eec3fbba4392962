// Reflex (React 19) passes `ref` as a plain prop when a component has an id
// (refs["ref_<id>"], used by rx.set_focus and friends). Our components need the
// node too; this keeps both working instead of letting a props spread overwrite one.
import { useCallback, useRef } from "react";

export function useMergedRef(outerRef) {
  const ref = useRef(null);
  const outer = useRef(outerRef);
  outer.current = outerRef;
  const setNode = useCallback((node) => {
    ref.current = node;
    const target = outer.current;
    if (typeof target === "function") target(node);
    else if (target != null) target.current = node;
  }, []);
  return [ref, setNode];
}
