import { defineConfig } from "vitest/config";

// Engine tests start real `pulumi` processes; two cores cannot run many at once, so files run
// in a small pool and each test gets generous time.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "emulator/**/*.test.ts", "provider/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
