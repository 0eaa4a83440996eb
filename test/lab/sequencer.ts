// Lab test files share one lab and run one after another. The order is fixed so the shared lab
// evolves the same way every run: files that check fresh hosts first, files that change hosts
// (mesh apply leaves wg0 up) after them. Files that need a brand-new lab use freshLab().
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ORDER = ['lab.test.ts', 'doctor.test.ts', 'mesh.test.ts'];

function rank(spec: TestSpecification): number {
  const i = ORDER.findIndex((f) => spec.moduleId.endsWith(`/${f}`));
  return i === -1 ? ORDER.length : i;
}

// vitest reads the sequencer from the root config only (a project-level one is ignored), so this
// applies to every project: the base order (slowest first) is kept and the lab files are then
// stably moved into ORDER; other files keep their relative order.
export class LabSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
