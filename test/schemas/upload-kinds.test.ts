import assert from "node:assert/strict";
import { UPLOAD_KINDS } from "../../src/schemas/bulk-bodies";
import { IMPORT_BLOCKS } from "../../src/schemas/import-args";
import { UPLOAD_KIND_OF_BLOCK, UPLOAD_KIND_SPECS } from "../../src/schemas/upload-kinds";

describe("upload kinds", () => {
  it("give each argument block exactly one upload kind, and each kind its own path", () => {
    assert.deepEqual(
      IMPORT_BLOCKS.map((block) => UPLOAD_KIND_SPECS[UPLOAD_KIND_OF_BLOCK[block]].block),
      [...IMPORT_BLOCKS],
    );
    assert.equal(
      new Set(IMPORT_BLOCKS.map((block) => UPLOAD_KIND_OF_BLOCK[block])).size,
      UPLOAD_KINDS.length,
    );
    assert.equal(new Set(UPLOAD_KINDS.map((k) => UPLOAD_KIND_SPECS[k].path)).size, UPLOAD_KINDS.length);
  });

  it("name a pruned count on deletes only", () => {
    for (const uploadKind of UPLOAD_KINDS) {
      const spec = UPLOAD_KIND_SPECS[uploadKind];
      assert.equal(spec.pruned !== undefined, spec.action === "delete", uploadKind);
    }
  });
});
