import { defineConfig } from 'vitest/config';
import { LabSequencer } from './test/lab/sequencer.js';

export default defineConfig({
  test: {
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
          sequence: { sequencer: LabSequencer },
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
