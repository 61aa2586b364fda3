import { afterEach, describe, expect, it } from "vitest";
import { makeCheckout, type Checkout } from "./checkout.fixture.ts";
import { readWorkingTree } from "./working-tree.ts";

let checkout: Checkout | undefined;
afterEach(() => checkout?.cleanup());

describe("readWorkingTree", () => {
  it("reads additions, modifications, deletions, renames and binary files with their modes", async () => {
    checkout = makeCheckout({
      "README.md": "# x\n",
      "old/name.txt": "moved\n",
      "gone.txt": "bye\n",
      "run.sh": { content: "#!/bin/sh\n", executable: true },
    });
    checkout.write("README.md", "# x, bumped\n");
    checkout.write("new/file.txt", "hello\n");
    checkout.write("image.bin", Buffer.from([0, 255, 1, 254, 0]));
    checkout.remove("gone.txt");
    checkout.remove("old/name.txt");
    checkout.write("new/name.txt", "moved\n");
    checkout.write("run.sh", "#!/bin/sh\necho hi\n", true);
    checkout.write("ignored.log", "x");
    checkout.write(".gitignore", "*.log\n");
    const statusBefore = checkout.git("status", "--porcelain");

    const tree = await readWorkingTree(checkout.dir);

    expect(tree.headOid).toBe(checkout.git("rev-parse", "HEAD").trim());
    expect(tree.files.map((f) => [f.path, f.oldMode, f.newMode, f.newOid === null])).toEqual([
      [".gitignore", "000000", "100644", false],
      ["README.md", "100644", "100644", false],
      ["gone.txt", "100644", "000000", true],
      ["image.bin", "000000", "100644", false],
      ["new/file.txt", "000000", "100644", false],
      ["new/name.txt", "000000", "100644", false],
      ["old/name.txt", "100644", "000000", true],
      ["run.sh", "100755", "100755", false],
    ]);
    const image = tree.files.find((f) => f.path === "image.bin")!;
    expect(image.size).toBe(5);
    expect([...(await tree.blob(image.newOid!, 100))]).toEqual([0, 255, 1, 254, 0]);
    const patch = tree.patch.toString("utf8");
    expect(patch).toContain("rename from old/name.txt");
    expect(patch).toContain("Binary files /dev/null and b/image.bin differ");
    // The checkout's own index is left as it was.
    expect(checkout.git("status", "--porcelain")).toBe(statusBefore);
  });

  it("finds no change in a clean checkout", async () => {
    checkout = makeCheckout({ "a.txt": "a\n" });
    const tree = await readWorkingTree(checkout.dir);
    expect(tree.files).toEqual([]);
    expect(tree.patch.length).toBe(0);
  });

  it("says which git command failed outside a checkout", async () => {
    checkout = makeCheckout({ "a.txt": "a\n" });
    await expect(readWorkingTree("/")).rejects.toThrow(
      /git rev-parse failed in \/: fatal: not a git repository/,
    );
  });
});
