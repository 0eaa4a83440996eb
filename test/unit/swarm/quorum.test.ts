import { describe, expect, it } from 'vitest';
import { faultTolerance, quorum, quorumWarnings } from '../../../src/swarm/quorum.js';

describe('quorum', () => {
  it.each([
    [1, 1, 1, 0, true],
    [3, 3, 2, 1, true],
    [3, 2, 2, 0, true],
    [3, 1, 2, -1, false],
    [5, 3, 3, 0, true],
    [4, 2, 3, -1, false],
  ])('%i managers, %i reachable → need %i, margin %i, holds %s', (n, r, need, margin, holds) => {
    expect(quorum(n, r)).toEqual({ managers: n, reachable: r, needed: need, margin, holds });
  });

  it('fault tolerance: (N-1)/2, so 4 tolerates no more than 3', () => {
    expect([1, 2, 3, 4, 5, 7].map(faultTolerance)).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it('1 of 3 down: holds with no margin; 2 of 3 down: lost, and never suggests swarmctl forces a new cluster', () => {
    expect(quorumWarnings(quorum(3, 2)).join()).toMatch(/quorum holds with no margin/);
    const lost = quorumWarnings(quorum(3, 1)).join();
    expect(lost).toMatch(/QUORUM LOST: 1 of 3 managers reachable, 2 needed/);
    expect(lost).toMatch(/swarmctl never does that/);
  });

  it('warns about an even manager count', () => {
    expect(quorumWarnings(quorum(2, 2)).join()).toMatch(/even number of managers \(2\)/);
    expect(quorumWarnings(quorum(3, 3))).toEqual([]);
  });
});
