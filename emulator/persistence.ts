// Keeps the store in a JSON file so rooms and users survive a restart. Writes go to a temporary
// file that is then renamed over the data file, so a crash never leaves half a file behind.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { StoreSnapshot } from "./store";

const FORMAT = "acs-rooms-emulator/1";

/** What the data file holds: the store plus the resource's identity. */
export interface DataFileContent {
  format: typeof FORMAT;
  resourceId: string;
  accessKey: string;
  store: StoreSnapshot;
}

/** Reads a data file; undefined when it does not exist yet. */
export function readDataFile(path: string): DataFileContent | undefined {
  if (!existsSync(path)) {
    return undefined;
  }
  const content = JSON.parse(readFileSync(path, "utf8")) as DataFileContent;
  if (content.format !== FORMAT) {
    throw new Error(
      `Data file ${path} has format '${String(content.format)}', expected '${FORMAT}'; ` +
        "move it away to start with an empty emulator",
    );
  }
  return content;
}

/** Writes snapshots to a data file, gathering changes for `debounceMs` before each write. */
export class DataFileWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    private readonly path: string,
    private readonly debounceMs: number,
    private readonly content: () => Omit<DataFileContent, "format">,
  ) {}

  /** Notes a change; the file is written within `debounceMs`. */
  schedule(): void {
    if (this.timer !== undefined) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.debounceMs);
  }

  /** Writes any pending change now and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.write();
    }
    await this.writing;
    if (this.failure) {
      throw this.failure;
    }
  }

  private write(): Promise<void> {
    const text = JSON.stringify({ format: FORMAT, ...this.content() });
    this.writing = this.writing.then(async () => {
      const temporary = `${this.path}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(this.path), { recursive: true });
        await writeFile(temporary, text, "utf8");
        await rename(temporary, this.path);
      } catch (error) {
        this.failure = error as Error;
      }
    });
    return this.writing;
  }
}
