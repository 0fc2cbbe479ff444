import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createImportKind } from "../../src/provider/import";
import { IMPORT_DEFAULTS } from "../../src/schemas/import-args";
import { IDENTITY_SOURCE_ID, groups, spreadMemberships, users } from "../helpers/builders";

/** The import reference (`docs/import.md`) shows what the provider prints and its defaults: word for word. */

const readme = () => readFileSync(join(__dirname, "..", "..", "docs", "import.md"), "utf8");

describe("IdentitySourceImport reference (docs/import.md)", () => {
  it("shows the plan line exactly as check prints it for the reference job", async () => {
    const lines: string[] = [];
    const kind = createImportKind({
      client: () => {
        throw new Error("check must not call Okta");
      },
      clock: () => 0,
      sleep: () => Promise.reject(new Error("no sleeping here")),
      log: (name, message) => lines.push(`${name}: ${message}`),
    });
    await kind.check(
      {},
      {
        resourceName: "hr-sync",
        identitySourceId: IDENTITY_SOURCE_ID,
        upsertUsers: { profiles: users(25_000) },
        upsertGroups: { profiles: groups(2_000) },
        upsertGroupMemberships: { memberships: spreadMemberships(2_000, 25_000) },
      },
    );
    const shown = readme().match(/`(hr-sync: [^`]*plan[^`]*)`/)?.[1];
    assert.deepEqual([shown], lines);
  });

  it("lists the knobs' defaults as IMPORT_DEFAULTS has them", () => {
    const text = readme();
    for (const [knob, value] of Object.entries(IMPORT_DEFAULTS)) {
      const shown = typeof value === "boolean" ? `\`${value}\`` : String(value);
      assert.ok(text.includes(`| \`${knob}\` | ${shown} |`), `docs/import.md row of ${knob} shows ${shown}`);
    }
  });
});
