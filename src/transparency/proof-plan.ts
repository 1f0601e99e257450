import { largestPowerOfTwoBelow, type NodeId, perfectSubtrees, requireSize } from './tree-math';

/** Each proof element is the MTH of a range, named by the perfect subtrees it folds from. */
export type ProofPlan = NodeId[][];

/** Perfect subtrees whose fold is MTH(D[0:size]) (RFC 9162 §2.1.1); empty for the empty tree. */
export function rootPlan(size: number): NodeId[] {
  requireSize('tree size', size, 0, Number.MAX_SAFE_INTEGER);
  return perfectSubtrees(0, size);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as a plan, leaf-side element first. */
export function inclusionPlan(index: number, size: number): ProofPlan {
  requireSize('tree size', size, 1, Number.MAX_SAFE_INTEGER);
  requireSize('leaf index', index, 0, size - 1);
  const outerFirst: ProofPlan = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (index < start + k) {
      // PATH(m, D[0:k]) : MTH(D[k:n])
      outerFirst.push(perfectSubtrees(start + k, end));
      end = start + k;
    } else {
      // PATH(m - k, D[k:n]) : MTH(D[0:k])
      outerFirst.push(perfectSubtrees(start, start + k));
      start += k;
    }
  }
  return outerFirst.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as a plan, innermost element first.
 * For m = n the RFC's SUBPROOF yields the empty proof; m = 0 has no proof.
 */
export function consistencyPlan(oldSize: number, size: number): ProofPlan {
  requireSize('tree size', size, 1, Number.MAX_SAFE_INTEGER);
  requireSize('old tree size', oldSize, 1, size);
  const outerFirst: ProofPlan = [];
  let start = 0;
  let end = size;
  let isWholeOldTree = true; // the RFC's flag b: D[start:end]'s old part is the entire old tree
  for (;;) {
    if (oldSize === end) {
      // SUBPROOF(m, D[m], true) = {} ; SUBPROOF(m, D[m], false) = {MTH(D[m])}
      if (!isWholeOldTree) outerFirst.push(perfectSubtrees(start, end));
      break;
    }
    const k = largestPowerOfTwoBelow(end - start);
    if (oldSize <= start + k) {
      // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
      outerFirst.push(perfectSubtrees(start + k, end));
      end = start + k;
    } else {
      // SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
      outerFirst.push(perfectSubtrees(start, start + k));
      start += k;
      isWholeOldTree = false;
    }
  }
  return outerFirst.reverse();
}
