import { defineConfig } from 'vitest/config';
import { LabSequencer } from './test/lab/sequencer.js';

export default defineConfig({
  test: {
    // Lab files share one lab: fixed order (see test/lab/sequencer.ts).
    sequence: { sequencer: LabSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.ts'],
          globalSetup: ['test/lab/global-setup.ts'],
          // One shared lab: lab test files run one after another, never in parallel.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
