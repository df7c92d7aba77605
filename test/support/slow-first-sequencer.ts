import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Folders whose files start servers, browsers or runtimes: seconds each, where most files take milliseconds. */
const slowFolders = ["test/e2e/", "test/runtimes/", "test/server/"];

/**
 * Runs the slow files first when no earlier run says how long each takes (a fresh checkout, as
 * on CI). Vitest's own order, by file size, could leave a browser file of twenty lines for last,
 * one worker running it while the other has nothing left. With an earlier run's timings,
 * vitest's order (longest first) stands.
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (file: TestSpecification) => relative(root, file.moduleId).replaceAll("\\", "/");
    const timed = files.filter((file) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${path(file)}`),
    ).length;
    if (timed >= files.length / 2) return sorted;
    const slow = (file: TestSpecification) => slowFolders.some((folder) => path(file).startsWith(folder));
    return [...sorted.filter(slow), ...sorted.filter((file) => !slow(file))];
  }
}
