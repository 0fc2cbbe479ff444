import assert from "node:assert/strict";
import { join } from "node:path";
import { journalDirectory } from "../../src/import/journal-location";

const linux = { platform: "linux" as const, home: "/home/ci" };

describe("journalDirectory", () => {
  it("uses ~/.cache on Linux when XDG_CACHE_HOME is unset", () => {
    assert.equal(
      journalDirectory({ ...linux, env: {} }),
      join("/home/ci", ".cache", "pulumi-okta-identity-source", "sessions"),
    );
  });

  it("uses an absolute XDG_CACHE_HOME and ignores a relative one", () => {
    assert.equal(
      journalDirectory({ ...linux, env: { XDG_CACHE_HOME: "/var/cache/ci" } }),
      join("/var/cache/ci", "pulumi-okta-identity-source", "sessions"),
    );
    assert.equal(
      journalDirectory({ ...linux, env: { XDG_CACHE_HOME: "cache" } }),
      join("/home/ci", ".cache", "pulumi-okta-identity-source", "sessions"),
    );
  });

  it("uses ~/Library/Caches on macOS", () => {
    assert.equal(
      journalDirectory({ platform: "darwin", home: "/Users/jane", env: {} }),
      join("/Users/jane", "Library", "Caches", "pulumi-okta-identity-source", "sessions"),
    );
  });

  it("takes OKTA_IDENTITY_SOURCE_JOURNAL_DIR as the directory itself when it is absolute", () => {
    const env = { OKTA_IDENTITY_SOURCE_JOURNAL_DIR: "/tmp/journal", XDG_CACHE_HOME: "/var/cache/ci" };
    assert.equal(journalDirectory({ ...linux, env }), "/tmp/journal");
  });

  for (const value of ["off", "OFF", "false", "0", "no", " off "]) {
    it(`is off with OKTA_IDENTITY_SOURCE_JOURNAL=${JSON.stringify(value)}, even with a directory set`, () => {
      const env = { OKTA_IDENTITY_SOURCE_JOURNAL: value, OKTA_IDENTITY_SOURCE_JOURNAL_DIR: "/tmp/journal" };
      assert.equal(journalDirectory({ ...linux, env }), undefined);
    });
  }

  it("is off when there is neither a cache variable nor a home directory", () => {
    assert.equal(journalDirectory({ platform: "linux", home: "", env: {} }), undefined);
  });
});
