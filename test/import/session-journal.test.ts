import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  JOURNAL_ENTRY_LIMIT,
  JOURNAL_MAX_AGE_MS,
  hostHash,
  openSessionJournal,
  type OpenJournalOptions,
} from "../../src/import/session-journal";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock";

const ORG = "https://dev-123.okta.com";
const SOURCE = "0oa1identitysource";
const DIGEST = "c".repeat(64);
const HOST = "0123456789abcdef";

describe("session journal", () => {
  let dir: string;
  let clock: FakeClock;
  let warnings: string[];
  const open = (overrides: Partial<OpenJournalOptions> = {}) =>
    openSessionJournal({
      directory: dir,
      orgUrl: ORG,
      identitySourceId: SOURCE,
      clock: clock.now,
      warn: (m) => warnings.push(m),
      self: { host: HOST, pid: 1001 },
      isRunning: () => false,
      ...overrides,
    });

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), "ois-journal-")), "sessions");
    clock = createFakeClock();
    warnings = [];
  });
  afterEach(() => rmSync(join(dir, ".."), { recursive: true, force: true }));

  it("tells containers that share a host name apart by their process-id namespace", () => {
    assert.notEqual(hostHash("ci-runner", "pid:[4026531836]"), hostHash("ci-runner", "pid:[4026532201]"));
    assert.equal(hostHash("ci-runner", "pid:[4026531836]"), hostHash("ci-runner", "pid:[4026531836]"));
    assert.notEqual(hostHash("ci-runner", ""), hostHash("other", ""));
  });

  it("records a session with ids, times, a digest prefix and its owner only, in a file private to the user", () => {
    const journal = open();
    journal.record("aps1", 0, DIGEST);
    const text = readFileSync(journal.path, "utf8");
    assert.deepEqual(JSON.parse(text), {
      version: 1,
      entries: [
        {
          sessionId: "aps1",
          createdAt: clock.now(),
          triggerSent: false,
          planIndex: 0,
          planDigest: DIGEST.slice(0, 32),
          host: HOST,
          pid: 1001,
        },
      ],
    });
    assert.doesNotMatch(
      journal.path,
      /dev-123|0oa1identitysource/,
      "the file name is a hash of org and source",
    );
    assert.equal(statSync(journal.path).mode & 0o777, 0o600);
    assert.deepEqual(warnings, []);
  });

  it("marks start-import as sent, removes settled sessions, and deletes the file when nothing is left", () => {
    const journal = open();
    journal.record("aps1", 0, DIGEST);
    journal.record("aps2", 1, DIGEST);
    journal.markTriggerSent("aps1");
    assert.deepEqual(
      journal.entries().map((e) => [e.sessionId, e.triggerSent]),
      [
        ["aps1", true],
        ["aps2", false],
      ],
    );
    journal.remove("aps1");
    journal.remove("aps2");
    assert.deepEqual(journal.entries(), []);
    assert.deepEqual(readdirSync(dir), [], "no file and no temporary file left behind");
  });

  it("keeps one file per org and identity source", () => {
    open().record("aps1", 0, DIGEST);
    open({ identitySourceId: "0oa2other" }).record("aps2", 0, DIGEST);
    open({ orgUrl: "https://dev-456.okta.com" }).record("aps3", 0, DIGEST);
    assert.equal(readdirSync(dir).length, 3);
    assert.deepEqual(
      open()
        .entries()
        .map((e) => e.sessionId),
      ["aps1"],
    );
  });

  it(`keeps at most ${JOURNAL_ENTRY_LIMIT} entries, dropping the oldest`, () => {
    const journal = open();
    for (let i = 0; i < JOURNAL_ENTRY_LIMIT + 5; i++) journal.record(`aps${i}`, 0, DIGEST);
    const ids = journal.entries().map((e) => e.sessionId);
    assert.equal(ids.length, JOURNAL_ENTRY_LIMIT);
    assert.equal(ids[0], "aps5");
  });

  it("drops entries older than a week", () => {
    const journal = open();
    journal.record("apsOld", 0, DIGEST);
    clock.advance(JOURNAL_MAX_AGE_MS - 1);
    journal.record("apsNew", 0, DIGEST);
    assert.equal(journal.entries().length, 2);
    clock.advance(2);
    assert.deepEqual(
      journal.entries().map((e) => e.sessionId),
      ["apsNew"],
    );
  });

  it("reads a torn or foreign file as empty and replaces it on the next write", () => {
    const journal = open();
    journal.record("aps1", 0, DIGEST);
    writeFileSync(journal.path, '{"version":1,"entries":[{"sessionId":"aps1"');
    assert.deepEqual(journal.entries(), []);
    journal.record("aps2", 0, DIGEST);
    assert.deepEqual(
      journal.entries().map((e) => e.sessionId),
      ["aps2"],
    );
    writeFileSync(journal.path, JSON.stringify({ version: 1, entries: [{ sessionId: "../x" }, 42] }));
    assert.deepEqual(journal.entries(), [], "entries that do not match the schema are skipped one by one");
  });

  it("tells who owns an entry: another machine, this process, a live process, or a gone one", () => {
    const crashed = open({ self: { host: HOST, pid: 2002 } });
    crashed.record("apsCrashed", 0, DIGEST);
    open({ self: { host: "fedcba9876543210", pid: 3003 } }).record("apsElsewhere", 0, DIGEST);
    const running = open({ self: { host: HOST, pid: 4004 } });
    running.record("apsRunning", 0, DIGEST);
    const me = open({ isRunning: (pid) => pid === 4004 });
    me.record("apsMine", 0, DIGEST);
    const owners = Object.fromEntries(me.entries().map((e) => [e.sessionId, me.ownerOf(e)]));
    assert.deepEqual(owners, {
      apsCrashed: "gone",
      apsElsewhere: "other-machine",
      apsRunning: "running",
      apsMine: "this-process",
    });
  });

  it("takes an entry with this process's pid that this process did not record for a crashed one (pid reuse)", () => {
    // A container restarted after a crash often gives the new provider the same pid.
    open({ self: { host: HOST, pid: 1001 }, identitySourceId: "0oa3pidreuse" }).record("aps1", 0, DIGEST);
    const text = readFileSync(open({ identitySourceId: "0oa3pidreuse" }).path, "utf8");
    const fresh = openSessionJournal({
      directory: dir,
      orgUrl: ORG,
      identitySourceId: "0oa3pidreuse",
      clock: clock.now,
      warn: () => undefined,
      self: { host: HOST, pid: 1001 },
      isRunning: () => true,
    });
    writeFileSync(fresh.path, text.replace('"aps1"', '"aps9"'));
    assert.equal(fresh.ownerOf(fresh.entries()[0]!), "gone");
  });

  it("warns once and goes on without the journal when the directory cannot be written", () => {
    writeFileSync(join(dir, "..", "blocker"), "a file where a directory should be");
    const journal = open({ directory: join(dir, "..", "blocker", "sessions") });
    journal.record("aps1", 0, DIGEST);
    journal.markTriggerSent("aps1");
    journal.remove("aps1");
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /session journal .*: (reading|writing) failed \(ENOTDIR\); continuing without it/,
    );
    assert.deepEqual(journal.entries(), []);
  });
});
